"""What the coordination does with a request (R-C2, R-C3, R-P4, R-P8, R-K5, R-C9)."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accreditation.selectors import is_accredited
from members import roles

from .. import access, permissions
from ..errors import RequestError
from ..models import DelayNotice, RequestAccess, Routing, RoutingStatus, Status
from . import common


@transaction.atomic
def acknowledge_request(*, request, by, version=None, note=""):
    """R-P4: the request is taken into account within the limit; the member is told the next
    step (the coordination says soon whether and by when the network can answer)."""
    request = common.lock(request)
    role = permissions.check("acknowledge", request, by)
    common.check_version(request, version)
    note = common.clean_text(
        note, label=_("Note"), max_length=common.NOTE_MAX_LENGTH, required=False
    )
    now = timezone.now()
    request.acknowledged_at = now
    common.move(
        request,
        action="acknowledge",
        to_status=Status.ACKNOWLEDGED,
        actor=by,
        role=role,
        note=note,
        now=now,
        fields=["acknowledged_at"],
    )
    common.tell_member(
        request,
        subject=_("Votre demande est prise en compte"),
        message=_(
            "La coordination a pris en compte votre demande d’aide. Prochaine étape : elle vous "
            "dira très vite si le réseau peut y répondre, et à quelle date au plus tard. Vous "
            "pouvez suivre la demande et écrire à la coordination depuis votre espace."
        ),
    )
    return request


@transaction.atomic
def accept_request(*, request, by, promised_by, version=None, note=""):
    """R-C2, R-C3: the network can take the request, and says by which date an answer comes."""
    request = common.lock(request)
    role = permissions.check("accept", request, by)
    common.check_version(request, version)
    promised_by = common.clean_future_date(promised_by, label=_("Réponse promise pour le"))
    note = common.clean_text(
        note, label=_("Note"), max_length=common.NOTE_MAX_LENGTH, required=False
    )
    now = timezone.now()
    request.accepted_at = now
    request.promised_by = promised_by
    common.move(
        request,
        action="accept",
        to_status=Status.ACCEPTED,
        actor=by,
        role=role,
        note=note,
        now=now,
        fields=["accepted_at", "promised_by"],
    )
    common.tell_member(
        request,
        subject=_("Votre demande est acceptée"),
        message=_(
            "Le réseau peut répondre à votre demande d’aide. La date à laquelle une réponse vous "
            "est promise figure sur la page de la demande."
        ),
    )
    return request


@transaction.atomic
def decline_request(*, request, by, reason, referral="", version=None):
    """R-C2, R-K5: the network cannot take it; the member is told why and, where possible,
    where else to turn."""
    request = common.lock(request)
    role = permissions.check("decline", request, by)
    common.check_version(request, version)
    request.decline_reason = common.clean_text(
        reason, label=_("Motif"), max_length=common.NOTE_MAX_LENGTH
    )
    request.referral = common.clean_text(
        referral,
        label=_("Orientation proposée"),
        max_length=common.NOTE_MAX_LENGTH,
        required=False,
    )
    now = timezone.now()
    request.acknowledged_at = request.acknowledged_at or now
    request.finished_at = now
    common.move(
        request,
        action="decline",
        to_status=Status.DECLINED,
        actor=by,
        role=role,
        now=now,
        fields=["decline_reason", "referral", "acknowledged_at", "finished_at"],
    )
    common.tell_member(
        request,
        subject=_("Réponse à votre demande"),
        message=_(
            "Le réseau ne peut pas répondre lui-même à votre demande d’aide. Le motif et, si "
            "possible, une autre ressource vers laquelle vous tourner figurent sur sa page."
        ),
    )
    return request


def _helpers(helpers):
    User = get_user_model()
    users = []
    for helper in helpers:
        user = helper if isinstance(helper, User) else User.objects.filter(pk=helper).first()
        if user is None:
            raise RequestError(_("Cet·te aidant·e n’existe pas."), code="helper")
        users.append(user)
    return list({user.pk: user for user in users}.values())


@transaction.atomic
def route_request(*, request, by, helpers, version=None, note=""):
    """R-C9: offer the request to one or more helpers, who see only its pseudonymous brief.

    A helper who declined or stepped aside is not asked again; nor is the requester; nor a
    helper who may not work now (accreditation.selectors.is_accredited: R-K14, R-K15).
    """
    request = common.lock(request)
    role = permissions.check("route", request, by)
    common.check_version(request, version)
    helpers = _helpers(helpers)
    if not helpers:
        raise RequestError(_("Choisissez au moins un·e aidant·e."), code="helpers")
    note = common.clean_text(
        note, label=_("Note"), max_length=common.NOTE_MAX_LENGTH, required=False
    )
    existing = {
        routing.helper_id: routing
        for routing in Routing.objects.select_for_update().filter(request=request)
    }
    now = timezone.now()
    offered = []
    for helper in helpers:
        if not roles.has_role(helper, roles.HELPERS) or not helper.is_active:
            raise RequestError(_("Cette personne n’est pas aidant·e du réseau."), code="helper")
        if not is_accredited(helper):
            raise RequestError(
                _(
                    "Cet·te aidant·e ne peut pas recevoir de demandes en ce moment (pause, "
                    "suspension ou retrait d’agrément)."
                ),
                code="helper",
            )
        if helper.pk == request.requester_id:
            raise RequestError(
                _("Une demande ne peut pas être proposée à la personne qui l’a faite."),
                code="helper",
            )
        routing = existing.get(helper.pk)
        if routing is not None and routing.status in permissions.LIVE_ROUTING:
            raise RequestError(
                _("Cette demande est déjà proposée à l’un·e des aidant·es choisi·es."),
                code="helper",
            )
        if routing is not None and routing.status in (
            RoutingStatus.DECLINED,
            RoutingStatus.STEPPED_ASIDE,
        ):
            raise RequestError(
                _(
                    "L’un·e des aidant·es choisi·es a déjà décliné cette demande "
                    "ou s’en est retiré·e."
                ),
                code="helper",
            )
        if routing is None:
            routing = Routing(request=request, helper=helper)
        routing.status = RoutingStatus.OFFERED
        routing.routed_by = by
        routing.routed_at = now
        routing.responded_at = None
        routing.response_note = ""
        routing.member_consent_at = None
        routing.helper_consent_at = None
        routing.save()
        routing.request = request
        access.follow_routing(routing)
        offered.append(helper)
    common.move(
        request, action="route", to_status=Status.ROUTED, actor=by, role=role, note=note, now=now
    )
    common.tell_helpers(
        request,
        offered,
        subject=_("Une demande d’aide vous est proposée"),
        message=_(
            "La coordination vous propose une demande d’aide. Sa fiche anonyme vous attend : "
            "vous pouvez l’accepter, la décliner, ou vous retirer si vous pensez connaître la "
            "personne."
        ),
    )
    return request


@transaction.atomic
def refer_to_national(*, request, by, note, version=None):
    """R-P8: the request goes to the national level; helpers are released."""
    request = common.lock(request)
    role = permissions.check("refer", request, by)
    common.check_version(request, version)
    note = common.clean_text(note, label=_("Note"), max_length=common.NOTE_MAX_LENGTH)
    now = timezone.now()
    request.finished_at = now
    common.move(
        request,
        action="refer",
        to_status=Status.REFERRED,
        actor=by,
        role=role,
        note=note,
        now=now,
        fields=["finished_at"],
    )
    helpers = common.end_routings(request, now=now, action="refer", by=by)
    common.tell_member(
        request,
        subject=_("Votre demande est orientée"),
        message=_(
            "Votre demande d’aide a été transmise au niveau national, mieux placé pour y "
            "répondre. Les explications figurent sur sa page."
        ),
    )
    common.tell_helpers(
        request,
        helpers,
        subject=_("Une demande a été orientée ailleurs"),
        message=_(
            "Une demande qui vous était confiée a été orientée ailleurs : vous n’avez plus à y "
            "travailler."
        ),
    )
    return request


@transaction.atomic
def announce_delay(*, request, by, new_date, reason, version=None):
    """R-C3: the promised date cannot be kept; a later date and its reason, shown to the member."""
    request = common.lock(request)
    role = permissions.check("announce_delay", request, by)
    common.check_version(request, version)
    new_date = common.clean_future_date(
        new_date, label=_("Nouvelle date promise"), not_before=request.promised_by
    )
    reason = common.clean_text(reason, label=_("Motif"), max_length=common.NOTE_MAX_LENGTH)
    now = timezone.now()
    notice = DelayNotice.objects.create(
        request=request,
        previous_date=request.promised_by,
        new_date=new_date,
        reason=reason,
        by=by,
        at=now,
    )
    request.promised_by = new_date
    request.promise_reminded_at = None
    common.touch(
        request,
        action="announce_delay",
        actor=by,
        role=role,
        now=now,
        fields=["promised_by", "promise_reminded_at"],
    )
    common.tell_member(
        request,
        subject=_("Un report est annoncé pour votre demande"),
        message=_(
            "La date de réponse promise pour votre demande d’aide a changé. La nouvelle date et "
            "son motif figurent sur sa page."
        ),
    )
    if role == permissions.HELPER:
        common.tell_coordinators(
            request,
            subject=_("Un report a été annoncé"),
            message=_("Un·e aidant·e a annoncé un report sur une demande."),
        )
    return notice


def record_access(*, request, viewer):
    """Each opening of a request by a coordinator is logged (as profile openings are)."""
    permissions.check("record_access", request, viewer)
    return RequestAccess.objects.create(request_id=request.pk, viewer=viewer)
