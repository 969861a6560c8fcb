"""French first, and addresses that no page of the portal could have produced refused."""

from django.core.exceptions import SuspiciousOperation


class FrenchFirstMiddleware:
    """Ignore the browser's Accept-Language header (before LocaleMiddleware).

    The language comes from the visitor's explicit choice (the switcher's cookie) or is French:
    a French network's members on an English-configured computer still get the French site.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class RefuseNulBytesMiddleware:
    """A query string carrying a NUL byte is a bad request (400), whatever the view.

    No form or link of the portal sends one; PostgreSQL refuses it in any string, so a view that
    filters on a query value (resources, directory, search) would fail with a server error
    (security issue, item 8). Forms already refuse it in posted fields (Django's CharField).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise SuspiciousOperation("NUL byte in the request's address")
        return self.get_response(request)
