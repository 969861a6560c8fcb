"""Which requests a viewer reaches, and how they stand to one: the member's own, any for a
coordinator, the routings a helper holds. Who is the member or a helper is guardian's answer
alone (helprequests.access); the routing rows are read after it, for what they record.
"""

import uuid

from django.http import Http404

from members import roles

from .. import access, permissions
from ..models import HelpRequest, Routing, Status


def _uuid_or_404(public_id):
    try:
        return uuid.UUID(str(public_id))
    except (TypeError, ValueError):
        raise Http404 from None


def is_coordinator(user):
    return user is not None and roles.has_role(user, roles.COORDINATORS)


def viewer_role(request, viewer):
    """How `viewer` stands to `request`: its member, a helper with a live routing (the object
    permissions they hold, helprequests.access), a coordinator, or None (nothing to see)."""
    if viewer is None or not viewer.is_authenticated:
        return None
    held = access.held(viewer, request)
    if access.VIEW_REQUEST in held:
        return permissions.MEMBER
    if access.VIEW_BRIEF in held:
        return permissions.HELPER
    if is_coordinator(viewer):
        return permissions.COORDINATOR
    return None


def takes_part(request, viewer):
    """The viewer is the helper who took the request (guardian's take_part)."""
    return access.TAKE_PART in access.held(viewer, request)


# --- Members ---------------------------------------------------------------------------------


def requests_of(member):
    """The member's own requests, newest first (R-C1)."""
    return (
        HelpRequest.objects.filter(requester=member)
        .select_related("theme", "organisation")
        .order_by("-submitted_at", "-pk")
    )


def request_for_member(member, public_id):
    """The member's request behind a link; 404 unless they hold view_helprequest on it."""
    request = (
        HelpRequest.objects.select_related("theme", "organisation")
        .filter(public_id=_uuid_or_404(public_id))
        .first()
    )
    if request is None or access.VIEW_REQUEST not in access.held(member, request):
        raise Http404
    return request


def questionnaire_waiting(member):
    """Resolved requests whose satisfaction questionnaire the member has not answered (R-P7)."""
    return requests_of(member).filter(status=Status.RESOLVED)


# --- Coordination ----------------------------------------------------------------------------


def request_for_coordinator(user, public_id):
    """Any request, for a coordinator (the caller logs the opening with record_access)."""
    if not is_coordinator(user):
        raise Http404
    request = (
        HelpRequest.objects.select_related(
            "theme", "organisation", "requester", "requester__profile", "recorded_by"
        )
        .filter(public_id=_uuid_or_404(public_id))
        .first()
    )
    if request is None:
        raise Http404
    return request


# --- Helpers ---------------------------------------------------------------------------------


def routings_for_helper(helper):
    """The routings offered to the helper or taken by them: those whose request they hold
    view_brief on (granted at routing, revoked when the routing ends or the request closes),
    each with `.takes_part` (they took it). One query."""
    return (
        Routing.objects.filter(access.holds(access.VIEW_BRIEF, helper), helper=helper)
        .annotate(takes_part=access.holds(access.TAKE_PART, helper))
        .select_related("request", "request__theme", "request__organisation")
        .order_by("-request__urgent", "routed_at", "pk")
    )


def routing_for_helper(helper, public_id):
    """The helper's routing on the request behind a link, with `.takes_part`; 404 unless they
    hold view_brief on the request."""
    routing = (
        Routing.objects.filter(helper=helper, request__public_id=_uuid_or_404(public_id))
        .select_related("request", "request__theme", "request__organisation", "helper")
        .first()
    )
    if routing is None:
        raise Http404
    held = access.held(helper, routing.request)
    if access.VIEW_BRIEF not in held:
        raise Http404
    routing.takes_part = access.TAKE_PART in held
    return routing
