"""What each viewer may see of help requests (STYLE.md: reads for a viewer go through here).

CONTRACT (views call exactly these; querysets already narrowed to the viewer):

  requests_of(member) -> QuerySet[HelpRequest]           the member's own requests, newest first
  request_for_member(member, public_id) -> HelpRequest   Http404 unless guardian view_helprequest
        holds (the requester's, from submission until erasure)
  request_for_coordinator(user, public_id) -> HelpRequest  Http404 if unknown (caller logs access)
  coordination_queue(*, now=None) -> list[HelpRequest]   open requests, urgent first then oldest,
        each with `.clock` ("green" | "amber" | "red" | None) and `.due_at`
  routings_for_helper(helper) -> QuerySet[Routing]       the routings whose request they hold
        view_brief on (offered to / taken by them), each with `.takes_part`
  routing_for_helper(helper, public_id) -> Routing       Http404 unless guardian view_brief holds;
        `.takes_part` when they also hold take_part
  brief_of(request, viewer) -> Brief                     pseudonymous brief for a helper (R-C9):
        reference, theme, subject?, description, since, needed_by, urgent, channel,
        organisation_label (name only if its confidentiality level allows), organisation_policy
        (context, max sessions), alert_procedure (the organisation's or the default, always);
        never the member's name or contact
  member_contact(routing, viewer) -> ContactEntry | None  only when routing.contact_shared and
        the viewer is that routing's helper (R-C10); from members.privacy.person_for
  helper_contact(routing, viewer) -> ContactEntry | None  the same, the other way, for the member
  thread_of(request, viewer) -> list[Message]            each with `.author_label` by role, never a
        name to a helper beyond the person presenter's once contact is shared (the same name
        as the contact box)
  history_of(request, viewer) -> list[Transition]        with labels for the viewer's role
  suggested_helpers(request, viewer=None) -> list[User]  helpers ranked by theme, skills (those
        members/privacy.py lets the viewer see), load;
        excluding those who declined or stepped aside
  alerts_log() -> QuerySet[Alert]                        coordinators' alert log

Also (beyond the contract, for the pages):
  viewer_role(request, viewer) -> "member" | "helper" | "coordinator" | None
  takes_part(request, viewer) -> bool                    guardian take_part: the helper who took it
  open_alerts() / alert_procedure_of(request)
  routings_of(request) -> list[Routing]                  every routing of a request (coordination)
  routings_for_member(request, member) -> list[Routing]  live routings, `.helper_label` for them
  delays_of(request) / offers_of(request) / outcome_of(request) / alerts_of(request)
  supervision_shares_of(request) / supervision_cases_for(helper)
  questionnaire_waiting(member) -> QuerySet[HelpRequest] resolved, waiting for their answer

Who is the member or a helper of a request is guardian's answer alone (helprequests.access); the
routing rows are read after it, for what they record (since when, which helper).
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from members import privacy, roles
from members import selectors as member_selectors
from members.models import HelperProfile, Profile, Skill, normalise_skill
from members.selectors import organisation_label as _organisation_label

from . import access, permissions
from .models import (
    Alert,
    DelayNotice,
    HelpRequest,
    Message,
    Offer,
    OutcomeReport,
    Routing,
    RoutingStatus,
    Status,
    SupervisionShare,
    Transition,
)
from .services import clocks
from .services.common import current_settings

# --- Helpers ---------------------------------------------------------------------------------


def _uuid_or_404(public_id):
    import uuid

    try:
        return uuid.UUID(str(public_id))
    except (TypeError, ValueError):
        raise Http404 from None


def _is_coordinator(user):
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
    if _is_coordinator(viewer):
        return permissions.COORDINATOR
    return None


def takes_part(request, viewer):
    """The viewer is the helper who took the request (guardian's take_part)."""
    return access.TAKE_PART in access.held(viewer, request)


# --- Members ---------------------------------------------------------------------------------


def acknowledgement_hours():
    """R-P4: the delay within which a request is taken into account, as the network set it."""
    return current_settings().acknowledgement_hours


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
    if not _is_coordinator(user):
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


def coordination_queue(*, now=None):
    """Open requests, urgent first then oldest, each with its acknowledgement clock (R-P4).

    `.clock`: "green" | "amber" | "red" | None (acknowledged); `.due_at`: the deadline while
    the clock runs, else None; `.live_routings`: how many helpers hold an offer or took it.
    Three queries whatever the number of requests.
    """
    settings = current_settings()
    requests = list(
        HelpRequest.objects.filter(status__in=permissions.OPEN)
        .select_related("theme", "organisation", "requester", "requester__profile")
        .annotate(
            live_routings=Count("routings", filter=Q(routings__status__in=permissions.LIVE_ROUTING))
        )
        .order_by("-urgent", "submitted_at", "pk")
    )
    for request in requests:
        request.clock = clocks.acknowledgement_state(request, now, settings=settings)
        request.due_at = request.acknowledge_by if request.clock else None
    return requests


def routings_of(request):
    """Every routing of the request, with its helper (coordination page)."""
    return list(
        Routing.objects.filter(request_id=request.pk)
        .select_related("helper", "helper__profile", "routed_by")
        .order_by("routed_at", "pk")
    )


def suggested_helpers(request, viewer=None):
    """Helpers to offer the request to, best first: those working on its theme, then those
    whose skills name it, then the least busy (R-C9, R-A1).

    A skill counts only where members/privacy.py lets `viewer` see the helper's skills.
    Left out: the requester, helpers who already hold an offer or took it, and those who
    declined or stepped aside (R-G1). Each user carries `.theme_match`, `.skill_match` and
    `.load` (requests they are taking now). Two queries whatever the number of helpers.
    """
    User = get_user_model()
    already = Routing.objects.filter(
        request_id=request.pk,
        status__in=[
            RoutingStatus.OFFERED,
            RoutingStatus.ACCEPTED,
            RoutingStatus.DECLINED,
            RoutingStatus.STEPPED_ASIDE,
        ],
    ).values("helper_id")
    theme_match = Exists(
        HelperProfile.themes.through.objects.filter(
            helperprofile__user_id=OuterRef("pk"), theme_id=request.theme_id
        )
    )
    theme_name = request.theme.name if request.theme_id else ""
    skill_match = Exists(
        Skill.objects.filter(
            privacy.visible_q(viewer, "skills", prefix="profile__"),
            profile__user_id=OuterRef("pk"),
            normalised=normalise_skill(theme_name),
        )
    )
    queryset = (
        User.objects.filter(groups__name=roles.HELPERS, is_active=True)
        .exclude(pk=request.requester_id or 0)
        .exclude(pk__in=already)
        .annotate(
            theme_match=theme_match,
            skill_match=skill_match,
            load=Count(
                "help_routings",
                filter=Q(
                    help_routings__status=RoutingStatus.ACCEPTED,
                    help_routings__request__status__in=permissions.OPEN,
                ),
                distinct=True,
            ),
        )
        .select_related("helper_profile", "profile")
        .order_by("-theme_match", "-skill_match", "load", "last_name", "first_name", "pk")
        .distinct()
    )
    return list(queryset)


def alerts_log():
    """The coordinators' alert log (R-A12), newest first."""
    return Alert.objects.select_related(
        "request", "request__organisation", "request__theme", "raised_by", "handled_by"
    ).order_by("-raised_at", "-pk")


def open_alerts():
    return alerts_log().filter(handled_at__isnull=True)


def alerts_of(request):
    return list(alerts_log().filter(request_id=request.pk))


def alert_procedure_of(request):
    """R-A1, R-A12: the alert procedure of the request's organisation, or the default one."""
    return member_selectors.alert_procedure_of(request.organisation)


# --- Helpers' view ---------------------------------------------------------------------------


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


@dataclass(frozen=True)
class OrganisationPolicy:
    context: str
    max_sessions: int


@dataclass(frozen=True)
class Brief:
    """What a helper may know of a request (R-C9): never who asked, nor how to reach them."""

    public_id: object
    reference: str
    status: str
    status_label: str
    theme: str
    subject: str
    description: str
    since: str
    needed_by: date | None
    promised_by: date | None
    urgent: bool
    channel: str
    channel_label: str
    on_behalf_of_client: bool
    submitted_at: datetime
    organisation_label: str
    organisation_policy: OrganisationPolicy | None
    alert_procedure: str
    alert_raised: bool


def brief_of(request, viewer):
    """The pseudonymous brief of a request for a helper with view_brief, or a coordinator."""
    if not (_is_coordinator(viewer) or access.VIEW_BRIEF in access.held(viewer, request)):
        raise Http404
    organisation = request.organisation
    policy = None
    label = ""
    if organisation is not None:
        label = str(_organisation_label(organisation, viewer))
        policy = OrganisationPolicy(
            context=organisation.context,
            max_sessions=organisation.max_sessions_per_person,
        )
    return Brief(
        public_id=request.public_id,
        reference=request.reference,
        status=request.status,
        status_label=str(Status(request.status).label),
        theme=request.theme.name if request.theme_id else "",
        subject=request.subject,
        description=request.description,
        since=request.since,
        needed_by=request.needed_by,
        promised_by=request.promised_by,
        urgent=request.urgent,
        channel=request.channel,
        channel_label=str(request.get_channel_display()),
        on_behalf_of_client=request.on_behalf_of_client,
        submitted_at=request.submitted_at,
        organisation_label=label,
        organisation_policy=policy,
        alert_procedure=str(alert_procedure_of(request)),
        alert_raised=request.alert_raised,
    )


def supervision_cases_for(helper):
    """Summaries shared with this helper as a supervisor (R-K8): no request, no member."""
    return SupervisionShare.objects.filter(
        supervisor=helper, shared_at__isnull=False, member_agreed_at__isnull=False
    ).order_by("-shared_at")


# --- Contact (R-C10) -------------------------------------------------------------------------


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
        routing.helper_label = _helper_label(routing, member)
    return routings


def _helper_label(routing, viewer):
    """The helper as the member may name them: a role until both consents, then the person
    presenter's name, the same as on the contact box."""
    if routing.contact_shared:
        return privacy.person_for(viewer, routing.helper).name
    return str(_("Votre aidant·e"))


def _member_label(request, viewer, routing):
    """The member as a helper may name them: a role, or the person presenter's name once
    contact is shared, the same as on the contact box."""
    if routing is not None and routing.contact_shared and request.requester_id is not None:
        return privacy.person_for(viewer, _requester(request)).name
    return str(_("Le ou la membre"))


# --- Thread and history ----------------------------------------------------------------------

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
        member_label = _member_label(request, viewer, routing)
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
                label = _helper_label(taking, viewer)
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


# --- Around the request ----------------------------------------------------------------------


def delays_of(request):
    """R-C3: the delays announced, with their reasons (the member sees them)."""
    return list(DelayNotice.objects.filter(request_id=request.pk).order_by("at", "pk"))


def offers_of(request):
    """R-C5: the offers attached to the request, usual price beside the network's."""
    return list(Offer.objects.filter(request_id=request.pk).order_by("created_at", "pk"))


def outcome_of(request):
    return OutcomeReport.objects.filter(request_id=request.pk).first()


def supervision_shares_of(request):
    return list(
        SupervisionShare.objects.filter(request_id=request.pk)
        .select_related("supervisor")
        .order_by("asked_at", "pk")
    )
