"""What a helper does with a request offered to them (R-C9, R-G1) and its resolution."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import access, permissions
from ..models import Routing, RoutingStatus, Status
from . import common


def _note(note):
    return common.clean_text(
        note, label=_("Note"), max_length=common.NOTE_MAX_LENGTH, required=False
    )


def _back_when_nobody_left(request):
    """After a helper leaves: still "routed" while someone holds an offer, else back to
    "accepted" so that the coordination routes it again. A request no longer open (a resolved
    one whose helper deleted their account) keeps its state."""
    if request.status not in permissions.OPEN:
        return request.status
    live = Routing.objects.filter(request=request, status__in=permissions.LIVE_ROUTING).exists()
    return Status.ROUTED if live else Status.ACCEPTED


@transaction.atomic
def accept_routing(*, routing, by, version=None, note=""):
    """The helper takes the request: the other offers are withdrawn (one helper per request)."""
    request, routing = common.lock_routing(routing)
    role = permissions.check("accept_routing", request, by, routing=routing)
    common.check_version(request, version)
    note = _note(note)
    now = timezone.now()
    # Withdraw the other offers first, so that the one-helper constraint always holds.
    withdrawn = []
    for other in (
        Routing.objects.select_for_update()
        .select_related("helper")
        .filter(request=request, status=RoutingStatus.OFFERED)
        .exclude(pk=routing.pk)
    ):
        other.status = RoutingStatus.WITHDRAWN
        other.responded_at = now
        other.save(update_fields=["status", "responded_at"])
        other.request = request
        access.follow_routing(other)
        withdrawn.append(other.helper)
    routing.status = RoutingStatus.ACCEPTED
    routing.responded_at = now
    routing.response_note = note
    routing.save(update_fields=["status", "responded_at", "response_note"])
    routing.request = request
    access.follow_routing(routing)
    common.move(
        request, action="accept_routing", to_status=Status.TAKEN, actor=by, role=role, now=now
    )
    common.tell_member(
        request,
        subject=_("Un·e aidant·e a pris votre demande en charge"),
        message=_(
            "Un·e aidant·e du réseau a pris en charge votre demande d’aide. Vous pouvez échanger "
            "par messages dans votre espace, et choisir de lui transmettre vos coordonnées."
        ),
    )
    common.tell_coordinators(
        request,
        subject=_("Une demande a été prise en charge"),
        message=_("Un·e aidant·e a accepté une demande que vous lui aviez proposée."),
    )
    common.tell_helpers(
        request,
        withdrawn,
        subject=_("Une proposition a été retirée"),
        message=_(
            "Une demande qui vous était proposée a été prise en charge par quelqu’un d’autre."
        ),
    )
    return routing


@transaction.atomic
def decline_routing(*, routing, by, note="", version=None):
    """The helper cannot take the request; it goes back to the coordination if nobody else
    holds an offer."""
    return _leave_routing(
        routing,
        by=by,
        action="decline_routing",
        status=RoutingStatus.DECLINED,
        note=note,
        version=version,
        subject=_("Une proposition a été déclinée"),
        message=_("Un·e aidant·e a décliné une demande que vous lui aviez proposée."),
    )


@transaction.atomic
def step_aside(*, routing, by, note="", version=None):
    """R-G1: the helper may know the person and steps aside, before or after taking it.

    The helper loses the brief at once; consents given for them lapse with the routing. The
    system (by=None) steps aside for a helper whose account is deleted (R-C8).
    """
    return _leave_routing(
        routing,
        by=by,
        action="step_aside",
        status=RoutingStatus.STEPPED_ASIDE,
        note=note,
        version=version,
        subject=_("Un·e aidant·e s’est retiré·e d’une demande"),
        message=_(
            "Un·e aidant·e s’est retiré·e d’une demande (il ou elle pense connaître la "
            "personne). La demande attend peut-être une nouvelle proposition."
        ),
        system_message=_(
            "Un·e aidant·e a quitté le réseau : une demande attend peut-être une nouvelle "
            "proposition."
        ),
    )


@transaction.atomic
def hand_back(*, routing, note=""):
    """The system ends a helper's live routing because they may no longer work (accreditation:
    paused, suspended or withdrawn; R-K14, R-K15), so that the request goes back to the
    coordination. The member reads only that a helper left, never why (the note, for the
    coordination, is not shown to them); the same road as a step aside by the system, recorded
    as "step_aside", but the routing ends as withdrawn, so the helper may be offered it again
    once back."""
    return _leave_routing(
        routing,
        by=None,
        action="step_aside",
        status=RoutingStatus.WITHDRAWN,
        note=note,
        version=None,
        subject=_("Un·e aidant·e n’est plus disponible pour une demande"),
        message=_(
            "Un·e aidant·e ne peut plus accompagner pour le moment : une demande qu’il ou elle "
            "suivait attend peut-être une nouvelle proposition."
        ),
    )


def _leave_routing(
    routing, *, by, action, status, note, version, subject, message, system_message=None
):
    """A helper's routing ends at their word (or the system's): the table checks `action`, the
    helper loses access, and the request goes back to the coordination when nobody else holds
    an offer. The coordinators are told once (with `system_message` when the system acted),
    unless the request stays resolved."""
    request, routing = common.lock_routing(routing)
    role = permissions.check(action, request, by, routing=routing)
    common.check_version(request, version)
    note = _note(note)
    now = timezone.now()
    was = routing.status
    routing.status = status
    routing.responded_at = now
    routing.response_note = note
    routing.save(update_fields=["status", "responded_at", "response_note"])
    routing.request = request
    common.move(
        request,
        action=action,
        to_status=_back_when_nobody_left(request),
        actor=by,
        role=role,
        note=note,
        now=now,
    )
    common.routing_ended(routing, was=was, action=action, by=by, now=now)
    if role == permissions.SYSTEM and system_message is not None:
        message = system_message
    if request.status in permissions.OPEN:  # a resolved request needs no new proposal
        common.tell_coordinators(request, subject=subject, message=message)
    return routing


@transaction.atomic
def start_work(*, request, by, version=None):
    """The helper who took the request starts working with the member."""
    request = common.lock(request)
    role = permissions.check("start_work", request, by)
    common.check_version(request, version)
    common.move(request, action="start_work", to_status=Status.IN_PROGRESS, actor=by, role=role)
    return request


@transaction.atomic
def resolve_request(*, request, by, note="", version=None):
    """The help is given: the member receives the satisfaction questionnaire (R-P7), whose
    answer closes the request. The helper keeps access until closure to file the outcome."""
    request = common.lock(request)
    role = permissions.check("resolve", request, by)
    common.check_version(request, version)
    note = _note(note)
    now = timezone.now()
    request.finished_at = now
    common.move(
        request,
        action="resolve",
        to_status=Status.RESOLVED,
        actor=by,
        role=role,
        note=note,
        now=now,
        fields=["finished_at"],
    )
    common.tell_member(
        request,
        subject=_("Un court questionnaire vous attend"),
        message=_(
            "Votre demande d’aide est résolue. Un court questionnaire de satisfaction vous "
            "attend sur sa page : y répondre clôt la demande."
        ),
    )
    if role == permissions.HELPER:
        common.tell_coordinators(
            request,
            subject=_("Une demande est résolue"),
            message=_("Un·e aidant·e a indiqué qu’une demande est résolue."),
        )
    return request
