"""The ceiling of `make bench-http`: a bare Django view answering a page of a given size.

No database, no middleware, no template: what Django and gunicorn cost on their own on this
machine, to which Relais' pages are compared (portal/management/commands/bench_http.py). The
page's size comes from BENCH_CEILING_BYTES (the bench passes the size of Relais' home page).
Run as `gunicorn portal.bench_ceiling`; it configures its own settings and never reads Relais'.
"""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

PAGE = (
    b"<!DOCTYPE html><html><body>"
    + b"x" * max(0, int(os.environ.get("BENCH_CEILING_BYTES", "20000")) - 42)
    + b"</body></html>"
)


def page(request):
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [path("", page)]

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="bench-ceiling-only",  # noqa: S106 - signs nothing: no session, no form
        ALLOWED_HOSTS=["127.0.0.1"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
    )
application = get_wsgi_application()
