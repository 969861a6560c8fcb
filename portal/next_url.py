"""Where to send someone back after a step: the `next` of the query string or form, if safe.

One definition for every view that honours `next` (the joining steps, the forum rules). A target
must be a path on this site: an outside address is refused (open redirect), and so is anything
that is not a path, which Django's `redirect` would otherwise try to read as a view name and
answer with a server error (security issue, item 8).
"""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request):
    """The requested `next` path, or "" when there is none or it is not a path of this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not target.startswith("/") or "\x00" in target:
        return ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""
