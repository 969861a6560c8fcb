"""What helprequests' pages show of appointments: a request's sessions, the helper's offer link."""

from django import template
from django.conf import settings

from appointments import permissions, selectors

register = template.Library()


@register.simple_tag
def sessions_of_request(request):
    """One query: the request's sessions, soonest first."""
    return selectors.sessions_of_request(request)


@register.simple_tag
def may_offer_slot(request, user):
    """Whether the brief page shows "Proposer un entretien" (appointments.permissions decides)."""
    return permissions.may_offer(user, request)


@register.simple_tag
def late_cancel_hours():
    """APPOINTMENT_LATE_CANCEL_HOURS, for the pages that state the late-cancellation rule: the
    delay is a setting, never a number written in a template (R-A3)."""
    return settings.APPOINTMENT_LATE_CANCEL_HOURS
