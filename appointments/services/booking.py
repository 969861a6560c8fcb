"""Booking a session within the request's quota, the terms before the first one, and the
coordination's extensions (R-A1, R-A10, R-K2, R-K3, R-K4, R-P5)."""

from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accreditation.selectors import is_accredited
from helprequests.services.common import coordinators, lock, taking_routing

from .. import permissions, slots
from ..confirmations import send_confirmations
from ..errors import AppointmentError
from ..models import (
    LIVE_STATUSES,
    ContributionKind,
    QuotaExtension,
    Session,
    TermsConfirmation,
)
from ..quotas import quota_of
from .common import (
    NOT_OFFERED,
    TAKEN,
    lock_helpers,
    logger,
    notify,
)


def book_session(*, request, starts_at, by, remote_details="", outside_slots=False, now=None):
    """Book one of the free slots of the helper who took the request, within its quota
    (R-A1, R-K2, R-A10). The member books; the helper who took the request may offer them one
    of their slots (R-P3), with how to reach them (R-P4); a coordinator may book for them where
    the request's organisation allows it (permissions.coordinators_may_book). On a slot the
    helper shares with a partner (R-P3) the session holds both (`co_helper`). The coordination
    is told (R-A6); the member and the helpers get a confirmation with the session's calendar
    file (appointments.confirmations).

    `outside_slots`: an urgent session (R-P5) a coordinator sets at any future time, outside
    the published slots, provided the helper has no other session then."""
    now = now or timezone.now()
    role = permissions.booking_role(by, request, urgent=outside_slots)
    if role is None:
        raise AppointmentError(_("Vous ne pouvez pas réserver pour cette demande."), code="role")
    if outside_slots and role != permissions.COORDINATOR:
        raise AppointmentError(
            _("Seule la coordination fixe un entretien hors des créneaux."), code="role"
        )
    with transaction.atomic():
        request = lock(request)
        if request.status not in permissions.BOOKABLE_REQUEST_STATES:
            raise AppointmentError(
                _("Un entretien se réserve une fois qu’un·e aidant·e a pris la demande."),
                code="state",
            )
        routing = taking_routing(request)
        if routing is None:
            raise AppointmentError(
                _("Aucun·e aidant·e n’a pris cette demande pour l’instant."), code="state"
            )
        helper = routing.helper
        if not is_accredited(helper):
            raise AppointmentError(
                _(
                    "Aucun entretien ne peut être réservé avec cet·te aidant·e en ce moment "
                    "(pause, suspension ou retrait d’agrément)."
                ),
                code="status",
            )
        if role == permissions.HELPER and not remote_details.strip():
            raise AppointmentError(
                _("Indiquez comment le membre vous joint : un numéro ou un lien de visio."),
                code="contact",
            )
        if role == permissions.MEMBER and not _terms_confirmed(request):
            raise AppointmentError(
                _("Lisez et confirmez d’abord les conditions des entretiens."), code="terms"
            )
        quota = quota_of(request)
        if quota.remaining <= 0:
            what = (
                _(
                    "Les %(allowed)s entretiens prévus pour cette demande sont tous réservés ou "
                    "tenus : accordez-en d’autres, avec leur motif, sur cette page."
                )
                if role == permissions.COORDINATOR
                else _(
                    "Les %(allowed)s entretiens prévus pour cette demande sont tous réservés ou "
                    "tenus. La coordination peut en accorder d’autres : écrivez-lui par les "
                    "messages de la demande."
                )
            )
            raise AppointmentError(what % {"allowed": quota.allowed}, code="quota")
        starts_at = _as_moment(starts_at)
        co_helper_id = None
        if outside_slots:
            lock_helpers([helper.pk])
            _check_urgent_time(helper, starts_at, now)
        else:
            co_helper_id = _offered(helper, starts_at, now).co_helper_id
        session = Session(
            request=request,
            helper=helper,
            co_helper_id=co_helper_id,
            member_id=request.requester_id,
            starts_at=starts_at,
            duration_minutes=settings.APPOINTMENT_MINUTES,
            remote_details=remote_details.strip(),
            booked_by=by,
            booked_at=now,
        )
        try:
            with transaction.atomic():
                session.save()
        except IntegrityError as error:
            raise AppointmentError(TAKEN, code="taken") from error
        # R-A6, R-P4, R-P6: the member and the helpers get the confirmation with the calendar file.
        send_confirmations(session, role=role)
        notify(
            coordinators(exclude=by),
            subject=_("Nouvel entretien réservé"),
            message=_("Un entretien vient d’être réservé."),
            link=reverse("appointments:coordination"),
        )
    logger.info("request %s: session %s booked by user %s", request.pk, session.pk, by.pk)
    return session


def _offered(helper, starts_at, now):
    """The offer of `helper` at `starts_at`, read again once its helpers' rows are locked: the
    helper alone, or the pair of a shared slot (R-P3), whose bookings from requests taken by
    either of them then run one after the other (the constraints on sessions hold too)."""
    day = timezone.localtime(starts_at).date()

    def find():
        return next(
            (o for o in slots.offers(helper, day, day, now=now) if o.moment == starts_at), None
        )

    offer = find()
    if offer is not None:
        lock_helpers([helper.pk, *([offer.co_helper_id] if offer.co_helper_id else [])])
        offer = find()
    if offer is None:
        raise AppointmentError(NOT_OFFERED, code="not_offered")
    return offer


def _terms_confirmed(request):
    return TermsConfirmation.objects.filter(request=request).exists()


def confirm_terms(*, request, by, contribution=ContributionKind.NONE, amount_eur=None, now=None):
    """The member confirms they understood the terms before the first session (R-K3). Where
    the network asks for contributions (APPOINTMENT_CONTRIBUTIONS), they were told the usual
    price and choose: nothing, something other than money, or an amount from 1 EUR up to the
    price (R-K4). Kept for the member and the coordination only."""
    if permissions.booking_role(by, request) != permissions.MEMBER:
        raise AppointmentError(_("Seul·e le membre de la demande confirme les conditions."))
    price = settings.APPOINTMENT_USUAL_PRICE_EUR
    if not settings.APPOINTMENT_CONTRIBUTIONS:
        contribution, amount_eur = ContributionKind.NONE, None
    if contribution not in ContributionKind.values:
        raise AppointmentError(_("Choisissez une contribution."), code="contribution")
    if contribution == ContributionKind.FINANCIAL:
        if not isinstance(amount_eur, int) or not 1 <= amount_eur <= price:
            raise AppointmentError(
                _("Une contribution financière va de 1 € à %(price)s €.") % {"price": price},
                code="amount",
            )
    else:
        amount_eur = None
    try:
        with transaction.atomic():
            confirmation = TermsConfirmation.objects.create(
                request=request,
                confirmed_at=now or timezone.now(),
                contribution=contribution,
                amount_eur=amount_eur,
                usual_price_eur=price,
            )
    except IntegrityError as error:
        raise AppointmentError(_("Les conditions sont déjà confirmées."), code="given") from error
    logger.info("request %s: terms confirmed", request.pk)
    return confirmation


def _check_urgent_time(helper, starts_at, now):
    if starts_at <= now:
        raise AppointmentError(_("Ce moment est déjà passé."), code="past")
    length = slots.duration()
    taken = Session.objects.filter(
        Q(helper=helper) | Q(co_helper=helper),
        status__in=LIVE_STATUSES,
        starts_at__gt=starts_at - length,
        starts_at__lt=starts_at + length,
    )
    if taken.exists():
        raise AppointmentError(TAKEN, code="taken")


def _as_moment(value):
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise AppointmentError(NOT_OFFERED, code="not_offered") from None
    if timezone.is_naive(value):
        raise AppointmentError(NOT_OFFERED, code="not_offered")
    return value


def grant_extra_sessions(*, request, by, extra, reason, now=None):
    """A coordinator grants sessions beyond the organisation's maximum, with a reason that is
    kept (R-A10)."""
    if not permissions.is_coordinator(by):
        raise AppointmentError(_("Seule la coordination accorde des entretiens."), code="role")
    reason = (reason or "").strip()
    if not reason:
        raise AppointmentError(_("Indiquez le motif de ces entretiens supplémentaires."))
    if not isinstance(extra, int) or not 1 <= extra <= 10:
        raise AppointmentError(_("Accordez entre 1 et 10 entretiens supplémentaires."))
    with transaction.atomic():
        request = lock(request)
        extension = QuotaExtension.objects.create(
            request=request,
            extra=extra,
            reason=reason,
            granted_by=by,
            granted_at=now or timezone.now(),
        )
        if request.requester_id:
            notify(
                [request.requester_id],
                subject=_("Des entretiens supplémentaires vous sont accordés"),
                message=_("La coordination vous accorde des entretiens supplémentaires."),
                link=reverse("appointments:book", args=[request.public_id]),
            )
    logger.info("request %s: %s extra sessions by user %s", request.pk, extra, by.pk)
    return extension
