"""The sessions of a request, shown on the member's request page (helprequests' template)."""

from django import template

from appointments import selectors

register = template.Library()


@register.simple_tag
def sessions_of_request(request):
    """One query: the request's sessions, soonest first."""
    return selectors.sessions_of_request(request)
