"""Who may do what to a help request, from which state: one table the tests walk (STYLE.md).

Every service of helprequests.services names its action and asks `check(action, request, user)`
before changing anything; the pages' buttons come from `allowed_actions(user, request)` through
helprequests.presenters.request_view. Nothing else decides.

The roles are relative to one request:
  "member"       the requester (R-C1) — a coordinator who records a request for someone is not
                 its member;
  "coordinator"  anyone in the Coordination group (coordinators see every request);
  "helper"       a helper whose routing on this request is in the states the rule names
                 (offered: they may answer the offer; accepted: they took the request);
  "system"       the worker or the account deletion (by=None): closure after the wait,
                 retention, withdrawing the requests and routings of a deleted account.

Who is the member or a helper of a request is read from django-guardian's object permissions
and nothing else (helprequests.access): the requester holds `view_helprequest`; a helper holds
`view_brief` while their routing is offered and `take_part` too once it is accepted (R-C9).
A rule's `helper_routing` names routing states; `access.helper_standing` says which of them the
rows a person holds stand for.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from members import roles

from . import access
from .models import RoutingStatus, Status
from .models.request import OPEN_STATUSES

MEMBER = "member"
COORDINATOR = "coordinator"
HELPER = "helper"
SYSTEM = "system"
ROLES = (MEMBER, HELPER, COORDINATOR, SYSTEM)  # the order in which a person's role is chosen

OPEN = frozenset(OPEN_STATUSES)  # the list lives with the model, for HelpRequest.is_open
UNDERSTOOD = OPEN - {Status.SUBMITTED}
PROMISED = frozenset({Status.ACCEPTED, Status.ROUTED, Status.TAKEN, Status.IN_PROGRESS})
WORKING = frozenset({Status.TAKEN, Status.IN_PROGRESS})
WITH_HELPER = WORKING | {Status.RESOLVED}
FINISHED = frozenset({Status.DECLINED, Status.RESOLVED, Status.WITHDRAWN, Status.REFERRED})
EVERY_STATE = frozenset(Status.values)

LIVE_ROUTING = frozenset({RoutingStatus.OFFERED, RoutingStatus.ACCEPTED})
OFFERED_ONLY = frozenset({RoutingStatus.OFFERED})
TAKEN_ONLY = frozenset({RoutingStatus.ACCEPTED})


@dataclass(frozen=True)
class Rule:
    """An action: the states it starts from, who may do it, the state it leads to.

    `to_state` None: the state does not change (a message, a consent, an offer…); "dynamic": the
    service decides (a helper declining sends the request back to "accepted" when nobody else
    holds an offer). `helper_routing`: the routing statuses a helper must hold for the rule (and
    the states a routing the system acts on must be in). `system_states`: states the system,
    and only it, may also start from.
    """

    from_states: frozenset
    roles: frozenset
    to_state: str | None
    helper_routing: frozenset = TAKEN_ONLY
    label: str = ""
    system_states: frozenset = frozenset()

    def states(self, role):
        """The states from which `role` may do the action."""
        return self.from_states | self.system_states if role == SYSTEM else self.from_states


DYNAMIC = "dynamic"

TRANSITIONS = {
    # Asking (R-C1, R-C4, R-G3): "submit" has no state before it; see may_submit().
    # The system withdraws the open requests of a deleted account (R-C8).
    "withdraw": Rule(OPEN, {MEMBER, SYSTEM}, Status.WITHDRAWN, label=_("Demande retirée")),
    # Coordination (R-C2, R-P4, R-P8, R-K5)
    "acknowledge": Rule(
        {Status.SUBMITTED}, {COORDINATOR}, Status.ACKNOWLEDGED, label=_("Demande prise en compte")
    ),
    "accept": Rule(
        {Status.ACKNOWLEDGED}, {COORDINATOR}, Status.ACCEPTED, label=_("Demande acceptée")
    ),
    "decline": Rule(
        {Status.SUBMITTED, Status.ACKNOWLEDGED},
        {COORDINATOR},
        Status.DECLINED,
        label=_("Demande déclinée"),
    ),
    "route": Rule(
        {Status.ACCEPTED, Status.ROUTED},
        {COORDINATOR},
        Status.ROUTED,
        label=_("Demande proposée à des aidant·es"),
    ),
    "refer": Rule(
        UNDERSTOOD, {COORDINATOR}, Status.REFERRED, label=_("Orientée vers le niveau national")
    ),
    "announce_delay": Rule(PROMISED, {COORDINATOR, HELPER}, None, label=_("Report annoncé")),
    "record_access": Rule(EVERY_STATE, {COORDINATOR}, None),
    # Helpers (R-C9, R-G1)
    "accept_routing": Rule(
        {Status.ROUTED},
        {HELPER},
        Status.TAKEN,
        helper_routing=OFFERED_ONLY,
        label=_("Prise en charge par un·e aidant·e"),
    ),
    "decline_routing": Rule(
        {Status.ROUTED},
        {HELPER},
        DYNAMIC,
        helper_routing=OFFERED_ONLY,
        label=_("Proposition déclinée par un·e aidant·e"),
    ),
    # The system steps a deleted helper aside (R-C8), also from a resolved request whose
    # questionnaire is still awaited: the request stays resolved.
    "step_aside": Rule(
        {Status.ROUTED, Status.TAKEN, Status.IN_PROGRESS},
        {HELPER, SYSTEM},
        DYNAMIC,
        helper_routing=LIVE_ROUTING,
        label=_("Un·e aidant·e s’est retiré·e"),
        system_states={Status.RESOLVED},
    ),
    "start_work": Rule(
        {Status.TAKEN}, {HELPER}, Status.IN_PROGRESS, label=_("Accompagnement commencé")
    ),
    "resolve": Rule(WORKING, {HELPER, COORDINATOR}, Status.RESOLVED, label=_("Demande résolue")),
    # Consent (R-C10)
    "give_member_consent": Rule(
        {Status.ROUTED, Status.TAKEN, Status.IN_PROGRESS},
        {MEMBER},
        None,
        label=_("Accord du membre pour partager ses coordonnées"),
    ),
    "withdraw_member_consent": Rule(
        {Status.ROUTED, Status.TAKEN, Status.IN_PROGRESS, Status.RESOLVED},
        {MEMBER},
        None,
        label=_("Accord du membre retiré"),
    ),
    "give_helper_consent": Rule(
        WORKING, {HELPER}, None, label=_("Accord de l’aidant·e pour partager ses coordonnées")
    ),
    # Messages
    "post_message": Rule(OPEN, {MEMBER, HELPER, COORDINATOR}, None),
    # Alerts (R-A12)
    "raise_alert": Rule(
        OPEN | {Status.RESOLVED},
        {HELPER, COORDINATOR},
        None,
        helper_routing=LIVE_ROUTING,
        label=_("Alerte levée"),
    ),
    "handle_alert": Rule(EVERY_STATE, {COORDINATOR}, None, label=_("Alerte traitée")),
    # Outcome and offers (R-C13, R-C5)
    "file_outcome": Rule(WITH_HELPER, {HELPER}, None, label=_("Compte rendu déposé")),
    "ask_for_offers": Rule(WORKING, {MEMBER}, None, label=_("Devis demandés")),
    "make_offer": Rule(WORKING, {HELPER, COORDINATOR}, None, label=_("Devis proposé")),
    "answer_offer": Rule(WITH_HELPER, {MEMBER}, None, label=_("Réponse à un devis")),
    # Closure (R-P7, R-K13)
    "answer_questionnaire": Rule(
        {Status.RESOLVED}, {MEMBER}, Status.CLOSED, label=_("Questionnaire reçu, demande close")
    ),
    "close": Rule(FINISHED, {SYSTEM}, Status.CLOSED, label=_("Demande close")),
    # Supervision (R-K8)
    "ask_supervision": Rule(
        WITH_HELPER, {HELPER}, None, label=_("Accord demandé pour une supervision")
    ),
    "answer_supervision": Rule(
        WITH_HELPER, {MEMBER}, None, label=_("Réponse à la demande de supervision")
    ),
    "share_summary": Rule(WITH_HELPER, {HELPER}, None, label=_("Résumé partagé en supervision")),
}

# The labels of the history for steps that are not in the table (submission).
EXTRA_LABELS = {
    "submit": _("Demande envoyée"),
    "record_for": _("Demande saisie par la coordination"),
    "erase": _("Contenu personnel effacé"),
}


def action_label(action):
    rule = TRANSITIONS.get(action)
    if rule is not None and rule.label:
        return rule.label
    return EXTRA_LABELS.get(action, action)


def may_submit(user):
    """Asking for help for oneself is for members (R-C1); recording a request for someone else
    is `may_record_for_someone` (R-G3)."""
    return user is not None and user.is_authenticated and roles.has_role(user, roles.MEMBERS)


def may_record_for_someone(user):
    return user is not None and roles.has_role(user, roles.COORDINATORS)


def role_for(action, request, user):
    """The role in which `user` may do `action` on `request` as it is now, or None.

    Looks only at who the person is, not at the state (see `check`): the member and the helpers
    by the object permissions they hold on the request (helprequests.access, read once per
    request object), coordinators by their group.
    """
    rule = TRANSITIONS[action]
    if user is None:
        return SYSTEM if SYSTEM in rule.roles else None
    if not user.is_authenticated or not user.is_active:
        return None
    for role in ROLES:
        if role not in rule.roles:
            continue
        if role == MEMBER and access.VIEW_REQUEST in access.held(user, request):
            return MEMBER
        if role == HELPER and (
            access.helper_standing(access.held(user, request)) in rule.helper_routing
        ):
            return HELPER
        if role == COORDINATOR and roles.has_role(user, roles.COORDINATORS):
            return COORDINATOR
    return None


def _state_allows(rule, role, request, routing):
    """The request is in a state the rule starts from for `role`; the routing the system acts
    on (it holds no permission) is in a state the rule names."""
    if request.status not in rule.states(role):
        return False
    if role == SYSTEM and routing is not None:
        return routing.status in rule.helper_routing
    return True


def check(action, request, user, *, routing=None):
    """The role in which `user` does `action` now; RequestError when the table refuses it.

    `routing`: the routing the action is about, when there is one.
    """
    from .errors import RequestError

    rule = TRANSITIONS[action]
    role = role_for(action, request, user)
    if role is None:
        raise RequestError(_("Vous ne pouvez pas faire cela pour cette demande."), code="role")
    if not _state_allows(rule, role, request, routing):
        raise RequestError(
            _("Ce n’est plus possible : la demande est à l’état « %(status)s ».")
            % {"status": Status(request.status).label},
            code="state",
        )
    return role


def allowed_actions(user, request, *, routing=None):
    """The actions of the table that `user` may do on `request` now (for the pages' buttons).

    Input checks (a message body, a date) are the services' business; this answers only
    "who, from which state". One query at most: what the user holds on the request.
    """
    allowed = set()
    for action, rule in TRANSITIONS.items():
        role = role_for(action, request, user)
        if role is not None and _state_allows(rule, role, request, routing):
            allowed.add(action)
    return allowed
