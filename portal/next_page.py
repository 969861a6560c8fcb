"""Where to send someone back after a form: the page they came from, when it is ours.

One definition for every view that honours `next` (the joining steps, the forum rules, the
help-request pages). A `next` parameter is typed by whoever builds the link, so it is followed
only when it is a path of this site (Django's url_has_allowed_host_and_scheme: same host, no
scheme change) and, when the caller says so, inside one part of the site. Anything that is not a
path is refused too: Django's `redirect` would otherwise try to read it as a view name and answer
with a server error (security issue, item 8). Otherwise the caller's fallback applies.
"""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, fallback="", *, within=""):
    """The `next` of the POST (else of the query string) when it is safe, else `fallback`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target.startswith("/")
        and "\x00" not in target
        and target.startswith(within)
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return fallback
