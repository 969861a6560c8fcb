"""Contact between the member and the helper who took their request (R-C10), and how each names
the other: a role until both agreed, then the person presenter's name (members.privacy.person_for),
the same on the contact box, the helpers' list and the thread."""

from django.utils.translation import gettext_lazy as _

from members import privacy
from members.models import Profile

from .. import permissions
from ..models import Routing, Status


def _requester(request):
    """The requester's profile and account in one read (their account alone if they have no
    profile), for privacy.person_for."""
    profile = Profile.objects.select_related("user").filter(user_id=request.requester_id).first()
    return profile if profile is not None else request.requester


def member_contact(routing, viewer):
    """The member's contact for the routing's helper: only when both agreed and the helper
    accepted (R-C10), and only for that helper. Named as the thread names them (the person
    presenter), with the call-back number chosen for this request, else their profile's."""
    if viewer is None or routing.helper_id != viewer.pk or not routing.contact_shared:
        return None
    request = routing.request
    if request.requester_id is None or request.status == Status.CLOSED:
        return None
    return privacy.person_for(
        viewer,
        _requester(request),
        contact_shared=routing.contact_shared,
        phone=request.callback_phone,
        channel_label=request.get_channel_display(),
    ).contact


def helper_contact(routing, viewer):
    """The helper's contact for the member, under the same two agreements (R-C10)."""
    request = routing.request
    if viewer is None or request.requester_id != viewer.pk or not routing.contact_shared:
        return None
    if request.status == Status.CLOSED:
        return None
    return privacy.person_for(viewer, routing.helper, contact_shared=routing.contact_shared).contact


def routings_for_member(request, member):
    """The live routings of the member's request, each with `.helper_label`: "Votre aidant·e"
    until both consents, then the helper's public name (members.privacy)."""
    if request.requester_id != member.pk:
        return []
    routings = list(
        Routing.objects.filter(request_id=request.pk, status__in=permissions.LIVE_ROUTING)
        .select_related("helper", "helper__profile")
        .order_by("routed_at", "pk")
    )
    for routing in routings:
        routing.request = request
        routing.helper_label = helper_label(routing, member)
    return routings


def helper_label(routing, viewer):
    """The helper as the member may name them: a role until both consents, then the person
    presenter's name, the same as on the contact box."""
    if routing.contact_shared:
        return privacy.person_for(viewer, routing.helper).name
    return str(_("Votre aidant·e"))


def member_label(request, viewer, routing):
    """The member as a helper may name them: a role, or the person presenter's name once
    contact is shared, the same as on the contact box."""
    if routing is not None and routing.contact_shared and request.requester_id is not None:
        return privacy.person_for(viewer, _requester(request)).name
    return str(_("Le ou la membre"))
