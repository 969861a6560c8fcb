"""Where to send someone back after a form: the page they came from, when it is ours.

A `next` parameter is typed by whoever builds the link, so it is followed only when it stays on
this site (Django's url_has_allowed_host_and_scheme: same host, no scheme change), and, when the
caller says so, inside one part of the site. Otherwise the caller's fallback applies.
"""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, fallback="", *, within=""):
    """The `next` of the POST (else of the query string) when it is safe, else `fallback`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target
        and target.startswith(within)
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return fallback
