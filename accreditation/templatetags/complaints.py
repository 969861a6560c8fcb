"""Links to make a complaint, for the member's request and session pages (R-K1): whether one
is offered is accreditation's answer, the page only renders it."""

from django import template
from django.urls import reverse

from .. import permissions, selectors

register = template.Library()


@register.simple_tag
def complaint_url_for_request(help_request, user):
    """The complaint page for this request, or "" when the member had no helper on it."""
    if not selectors.helpers_member_had(user, request=help_request).exists():
        return ""
    return reverse("accreditation:complain_request", args=[help_request.public_id])


@register.simple_tag
def complaint_url_for_session(session, user):
    """The complaint page for this session, or "" unless it is the member's (no query)."""
    if not permissions.may_complain_about_session(session, user):
        return ""
    return reverse("accreditation:complain_session", args=[session.public_id])
