"""The request's thread and history as each viewer may read them: who wrote or acted is named by
role, by name for the coordination, and by the person presenter's name between the member and
the helper only once contact is shared (R-C10); a helper's reasons for declining or stepping
aside stay with the coordination (R-G1)."""

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from members import privacy

from .. import permissions
from ..models import Message, Routing, RoutingStatus, Transition
from . import contacts
from .records import delays_of
from .requests import takes_part, viewer_role

COORDINATION_LABEL = _("La coordination")
YOU_LABEL = _("Vous")


def _participant_routing(request, viewer, role):
    if role != permissions.HELPER:
        return None
    return (
        Routing.objects.filter(request_id=request.pk, helper_id=viewer.pk)
        .select_related("helper", "helper__profile")
        .first()
    )


def thread_of(request, viewer, *, as_role=None):
    """The messages of the request that `viewer` may read, each with `.author_label`.

    The member and the coordinators read the whole thread; the helper who took the request
    reads it from the moment they took it (what was said before was said to the coordination),
    and only while they hold take_part. Names: coordinators see who wrote; the member and the
    helper see roles, and each other's public name only once contact is shared (R-C10).
    """
    role = as_role or viewer_role(request, viewer)
    routing = _participant_routing(request, viewer, role)
    if role is None:
        raise Http404
    if role == permissions.HELPER and (routing is None or not takes_part(request, viewer)):
        raise Http404
    messages = (
        Message.objects.filter(request_id=request.pk)
        .select_related("author", "author__profile")
        .prefetch_related("attachments")
        .order_by("created_at", "pk")
    )
    if role == permissions.HELPER:
        messages = messages.filter(created_at__gte=routing.responded_at)
        member_label = contacts.member_label(request, viewer, routing)
    if role == permissions.MEMBER:
        taking = (
            Routing.objects.filter(request_id=request.pk, status=RoutingStatus.ACCEPTED)
            .select_related("helper", "helper__profile")
            .first()
        )
    messages = list(messages)
    for message in messages:
        if message.author_id is not None and message.author_id == viewer.pk:
            label = YOU_LABEL
        elif role == permissions.COORDINATOR:
            label = _named(_identified(viewer, message.author), message.author_role)
        elif message.author_role == permissions.COORDINATOR:
            label = COORDINATION_LABEL
        elif role == permissions.MEMBER:
            if taking is not None and taking.helper_id == message.author_id:
                label = contacts.helper_label(taking, viewer)
            else:
                label = _("Un·e aidant·e")
        else:  # a helper reads the member's messages
            label = member_label
        message.author_label = str(label)
    return messages


# After a name, for the coordination: "Léa Fontaine (membre)".
ROLE_AFTER_NAME = {
    permissions.MEMBER: _("membre"),
    permissions.COORDINATOR: _("coordination"),
    permissions.HELPER: _("aidant·e"),
    permissions.SYSTEM: _("automatique"),
}


def _identified(viewer, user):
    """Who wrote or acted, as the person presenter names people to the coordination's tools;
    "" for the system or a neutral label, which _named replaces by the role."""
    if user is None:
        return ""
    return privacy.person_for(viewer, user, context=privacy.IDENTIFY).known_name


def _named(name, role):
    role_label = str(ROLE_AFTER_NAME.get(role, ""))
    if not name:
        return str(ACTOR_LABELS.get(role, role_label))
    return f"{name} ({role_label})" if role_label else name


ACTOR_LABELS = {
    permissions.MEMBER: _("Le ou la membre"),
    permissions.COORDINATOR: _("La coordination"),
    permissions.HELPER: _("Un·e aidant·e"),
    permissions.SYSTEM: _("Relais (automatique)"),
}
# Notes written for the member to read; others (a helper's reason for stepping aside, an
# internal note) stay with the coordination.
NOTES_FOR_MEMBER = {"acknowledge", "accept", "refer", "resolve", "withdraw"}
HELPER_ACTIONS_HIDDEN_FROM_OTHERS = {"decline_routing", "step_aside"}


def history_of(request, viewer, *, as_role=None, delays=None):
    """The request's steps for `viewer`, each with `.label`, `.actor_label` and `.shown_note`.

    Coordinators read everything, with names. The member reads every step by role, never a
    helper's name, nor why a helper declined or stepped aside (R-G1). A helper reads the
    steps since the request was offered to them, by role.

    What each step says to the member is shown with it: a delay step carries `.delay` (its
    DelayNotice: new date and reason, R-C3), a decline step `.decline_reason` and `.referral`
    (R-C2). Pass `delays` (from `delays_of`) to spare a query.
    """
    role = as_role or viewer_role(request, viewer)
    if role is None:
        raise Http404
    transitions = Transition.objects.filter(request_id=request.pk).select_related(
        "actor", "actor__profile"
    )
    if role == permissions.HELPER:
        routing = _participant_routing(request, viewer, role)
        if routing is None:
            raise Http404
        transitions = transitions.filter(at__gte=routing.routed_at).exclude(
            Q(action__in=HELPER_ACTIONS_HIDDEN_FROM_OTHERS) & ~Q(actor_id=viewer.pk)
        )
    transitions = list(transitions.order_by("at", "pk"))
    if delays is None and any(t.action == "announce_delay" for t in transitions):
        delays = delays_of(request)
    delays_by_time = {delay.at: delay for delay in delays or ()}
    shown = []
    for transition in transitions:
        transition.label = str(permissions.action_label(transition.action))
        transition.delay = (
            delays_by_time.get(transition.at) if transition.action == "announce_delay" else None
        )
        if transition.action == "decline":
            transition.decline_reason = request.decline_reason
            transition.referral = request.referral
        if transition.actor_id is not None and transition.actor_id == viewer.pk:
            transition.actor_label = str(YOU_LABEL)
        elif role == permissions.COORDINATOR:
            transition.actor_label = _named(
                _identified(viewer, transition.actor), transition.actor_role
            )
        else:
            transition.actor_label = str(ACTOR_LABELS.get(transition.actor_role, ""))
        if (
            role == permissions.COORDINATOR
            or transition.actor_id == viewer.pk
            or (role == permissions.MEMBER and transition.action in NOTES_FOR_MEMBER)
        ):
            transition.shown_note = transition.note
        else:
            transition.shown_note = ""
        shown.append(transition)
    return shown
