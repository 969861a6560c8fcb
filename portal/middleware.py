"""French first: the interface is French unless the visitor chooses English."""


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
