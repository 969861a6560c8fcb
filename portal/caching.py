"""Nothing private in a cache: the one place that decides which responses no cache may keep.

A response is private when it was made for someone: a logged-in person, a visitor whose request
carries a session (half-way through logging in, for instance), or anyone on the account pages.
Such a response gets `Cache-Control: private, no-store` (with Django's other never-cache
directives), so neither a shared proxy nor the browser's disk keeps a copy. Public pages for a
visitor without a session are left as they are, so that they can be cached.
See docs/architecture.md, "Caching of private responses".
"""

from django.utils.cache import add_never_cache_headers

# Login, sign-up, password reset and second-factor pages: never cached, whoever asks.
ALWAYS_PRIVATE_PREFIXES = ("/compte/",)


def is_private_request(request):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        return True
    return request.path_info.startswith(ALWAYS_PRIVATE_PREFIXES)


def keep_out_of_caches(response):
    """Mark a response that no cache may store (private, no-store, no-cache, max-age=0)."""
    add_never_cache_headers(response)
    return response


class PrivateResponsesMiddleware:
    """Marks every private response (is_private_request) so that no cache keeps it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_private_request(request):
            keep_out_of_caches(response)
        return response
