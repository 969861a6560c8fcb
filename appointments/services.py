"""Every state change of availability and sessions (STYLE.md: one function per action).

CONTRACT: each function takes keyword arguments, runs in a transaction, checks the actor's
right (appointments.permissions) and the current state, locks the rows it changes, and raises
appointments.errors.AppointmentError with a French message when it refuses; nothing is changed
then. Mail goes through portal.notifications.notify (a fixed sentence and a link, no name), by
way of helprequests' `send`, so that the demo's quiet_notifications block mutes it too.

  add_weekly_slot(*, helper, weekday, start_time) -> Availability
  add_single_slot(*, helper, date, start_time, now=None) -> Availability
  remove_slot(*, availability, by) -> None
  add_absence(*, helper, starts_on, ends_on, now=None) -> Absence
  remove_absence(*, absence, by) -> None
  book_session(*, request, starts_at, by, remote_details="", outside_slots=False, now=None)
        -> Session                                 outside_slots: urgent, coordinators (R-P5)
  confirm_terms(*, request, by, contribution="none", amount_eur=None, now=None)
        -> TermsConfirmation                   the member, once, before the first session
  grant_extra_sessions(*, request, by, extra, reason, now=None) -> QuotaExtension
  cancel_session(*, session, by, reason, now=None) -> Session
  mark_no_show(*, session, by, now=None) -> Session
  mark_done(*, session, by, now=None) -> Session
  give_feedback(*, session, by, data, now=None) -> HelperFeedback | MemberFeedback
                                               once per session and side, after it was held
  set_remote_details(*, session, by, details, now=None) -> Session   the helper or a
                                               coordinator, before the session (R-K9)
  propose_next_step(*, session, by, step, now=None) -> Session
                                               the helper, after a session held (R-A10)
  remind_sessions(*, now=None) -> int          the day before, both sides (worker)
  forget_person(user, *, now=None) -> None     account deletion: upcoming sessions cancelled,
                                               slots and absences erased, links cut

A slot is never booked twice: bookings of one request are serialised by its row lock (quota),
and a unique constraint on (helper, start) among live sessions refuses a second booking of the
same slot from another request, even at the same instant (test_concurrency.py).
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helprequests.services.common import coordinators, lock, taking_routing
from helprequests.services.common import send as notify

from . import permissions, slots
from .errors import AppointmentError
from .models import (
    LIVE_STATUSES,
    Absence,
    Availability,
    ContributionKind,
    HelperFeedback,
    MemberFeedback,
    NextStep,
    QuotaExtension,
    Session,
    SessionStatus,
    TermsConfirmation,
)
from .quotas import quota_of

logger = logging.getLogger("appointments")

TAKEN = _("Ce créneau vient d’être pris : choisissez-en un autre.")
NOT_OFFERED = _("Ce créneau n’est pas (ou plus) proposé par l’aidant·e : choisissez-en un autre.")


# --- Availability ------------------------------------------------------------------------------


def _only_helpers(helper):
    if not permissions.is_helper(helper):
        raise AppointmentError(_("Seul·es les aidant·es publient des disponibilités."))


def _minutes(time):
    return time.hour * 60 + time.minute


def _add_slot(helper, *, weekday, date, start_time):
    """Create the slot unless it overlaps one of the helper's slots on a day they share: a
    weekly slot meets the other weekly slots of its weekday and the single slots on such a day;
    a single slot meets the slots of its date and the weekly slots of its weekday."""
    length = settings.APPOINTMENT_MINUTES
    with transaction.atomic():
        _lock_helper(helper)
        day = weekday if weekday is not None else date.weekday()
        mine = list(Availability.objects.filter(helper=helper))
        times = [
            a.start_time
            for a in mine
            if (a.weekly and a.weekday == day)
            or (not a.weekly and (a.date == date if date else a.date.weekday() == day))
        ]
        if any(abs(_minutes(start_time) - _minutes(other)) < length for other in times):
            raise AppointmentError(
                _("Ce créneau chevauche un autre de vos créneaux ce jour-là."), code="overlap"
            )
        availability = Availability.objects.create(
            helper=helper, weekday=weekday, date=date, start_time=start_time
        )
    logger.info("helper %s: slot %s added", helper.pk, availability.pk)
    return availability


def add_weekly_slot(*, helper, weekday, start_time):
    """A slot every week at this time (R-A5); refused when it overlaps another slot that day."""
    _only_helpers(helper)
    return _add_slot(helper, weekday=weekday, date=None, start_time=start_time)


def add_single_slot(*, helper, date, start_time, now=None):
    """One slot on one day (R-A5, R-P3); refused in the past or over another slot."""
    _only_helpers(helper)
    now = now or timezone.now()
    moment = slots.local_moment(date, start_time)
    if moment is None:
        raise AppointmentError(
            _("Cette heure n’existe pas ce jour-là (changement d’heure)."), code="no_such_time"
        )
    if moment <= now:
        raise AppointmentError(_("Ce créneau est déjà passé."), code="past")
    return _add_slot(helper, weekday=None, date=date, start_time=start_time)


def remove_slot(*, availability, by):
    """The helper withdraws one of their slots; sessions already booked stay booked."""
    if availability.helper_id != by.pk:
        raise AppointmentError(_("Ce créneau n’est pas le vôtre."), code="role")
    availability.delete()
    logger.info("helper %s: slot removed", by.pk)


def add_absence(*, helper, starts_on, ends_on, now=None):
    """Days without slots (holidays). Sessions already booked are kept: the helper cancels them
    one by one, with a reason the member reads."""
    _only_helpers(helper)
    today = timezone.localdate(now or timezone.now())
    if ends_on < starts_on:
        raise AppointmentError(_("La fin de l’absence précède son début."), code="order")
    if ends_on < today:
        raise AppointmentError(_("Cette absence est déjà passée."), code="past")
    absence = Absence.objects.create(helper=helper, starts_on=starts_on, ends_on=ends_on)
    logger.info("helper %s: absence %s added", helper.pk, absence.pk)
    return absence


def remove_absence(*, absence, by):
    if absence.helper_id != by.pk:
        raise AppointmentError(_("Cette absence n’est pas la vôtre."), code="role")
    absence.delete()
    logger.info("helper %s: absence removed", by.pk)


def _lock_helper(helper):
    """Serialise the changes of one helper's slots (overlap checks) on their user row."""
    get_user_model().objects.select_for_update().filter(pk=helper.pk).first()


# --- Sessions ----------------------------------------------------------------------------------


def _session_link(session):
    return reverse("appointments:mine")


def book_session(*, request, starts_at, by, remote_details="", outside_slots=False, now=None):
    """Book one of the free slots of the helper who took the request, within its quota
    (R-A1, R-K2, R-A10). The member books; a coordinator may book for them. The helper and the
    coordination are told (R-A6), and the member too when someone else booked.

    `outside_slots`: an urgent session (R-P5) a coordinator sets at any future time, outside
    the published slots, provided the helper has no other session then."""
    now = now or timezone.now()
    role = permissions.booking_role(by, request)
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
        if role == permissions.MEMBER and not _terms_confirmed(request):
            raise AppointmentError(
                _("Lisez et confirmez d’abord les conditions des entretiens."), code="terms"
            )
        quota = quota_of(request)
        if quota.remaining <= 0:
            raise AppointmentError(
                _(
                    "Les %(allowed)s entretiens prévus pour cette demande sont tous réservés ou "
                    "tenus. La coordination peut en accorder d’autres : écrivez-lui par les "
                    "messages de la demande."
                )
                % {"allowed": quota.allowed},
                code="quota",
            )
        starts_at = _as_moment(starts_at)
        if outside_slots:
            _check_urgent_time(helper, starts_at, now)
        else:
            day = timezone.localtime(starts_at).date()
            if starts_at not in slots.free_slots(helper, day, day, now=now):
                raise AppointmentError(NOT_OFFERED, code="not_offered")
        session = Session(
            request=request,
            helper=helper,
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
        link = _session_link(session)
        notify(
            [helper],
            subject=_("Un entretien a été réservé"),
            message=_("Un entretien vient d’être réservé avec vous."),
            link=link,
        )
        if role != permissions.MEMBER and request.requester_id:
            notify(
                [request.requester_id],
                subject=_("Un entretien a été réservé pour vous"),
                message=_("La coordination a réservé un entretien pour votre demande."),
                link=link,
            )
        notify(
            coordinators(exclude=by),
            subject=_("Nouvel entretien réservé"),
            message=_("Un entretien vient d’être réservé."),
            link=reverse("appointments:coordination"),
        )
    logger.info("request %s: session %s booked by user %s", request.pk, session.pk, by.pk)
    return session


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
        helper=helper,
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


def _lock_session(session):
    return Session.objects.select_for_update().get(pk=session.pk)


def cancel_session(*, session, by, reason, now=None):
    """The member, the helper or a coordinator cancels with a reason (R-A3). A member who
    cancels less than APPOINTMENT_LATE_CANCEL_HOURS before the start leaves it billable."""
    now = now or timezone.now()
    role = permissions.session_role(by, session)
    if role is None:
        raise AppointmentError(_("Cet entretien n’est pas le vôtre."), code="role")
    reason = (reason or "").strip()
    if not reason:
        raise AppointmentError(_("Indiquez le motif de l’annulation."), code="reason")
    with transaction.atomic():
        session = _lock_session(session)
        if session.status != SessionStatus.BOOKED:
            raise AppointmentError(_("Cet entretien n’est plus réservé."), code="state")
        if now >= session.starts_at:
            raise AppointmentError(
                _("L’entretien a commencé : il ne peut plus être annulé."), code="started"
            )
        late = now > session.starts_at - timedelta(hours=settings.APPOINTMENT_LATE_CANCEL_HOURS)
        session.status = (
            SessionStatus.CANCELLED_LATE
            if role == permissions.MEMBER and late
            else SessionStatus.CANCELLED
        )
        session.cancel_reason = reason
        session.cancelled_by = by
        session.cancelled_at = now
        session.save(update_fields=["status", "cancel_reason", "cancelled_by", "cancelled_at"])
        others = [u for u in (session.member_id, session.helper_id) if u != by.pk]
        notify(
            others,
            subject=_("Un entretien est annulé"),
            message=_("Un de vos entretiens a été annulé. Le motif est indiqué sur le site."),
            link=_session_link(session),
        )
        if role != permissions.COORDINATOR:
            notify(
                coordinators(exclude=by),
                subject=_("Un entretien est annulé"),
                message=_("Un entretien a été annulé."),
                link=reverse("appointments:coordination"),
            )
    logger.info("session %s: %s by user %s", session.pk, session.status, by.pk)
    return session


def _helper_after_start(session, by, now, what):
    if session.helper_id != by.pk:
        raise AppointmentError(_("Seul·e l’aidant·e de l’entretien peut le noter."), code="role")
    with transaction.atomic():
        session = _lock_session(session)
        if session.status != SessionStatus.BOOKED:
            raise AppointmentError(_("Cet entretien n’est plus réservé."), code="state")
        if now < session.starts_at:
            raise AppointmentError(
                _("L’entretien n’a pas encore commencé : %(what)s se note après.") % {"what": what},
                code="not_started",
            )
        return session


def mark_no_show(*, session, by, now=None):
    """The helper notes that the member did not come (R-A3: the session stays billable)."""
    now = now or timezone.now()
    with transaction.atomic():
        session = _helper_after_start(session, by, now, _("une absence"))
        session.status = SessionStatus.NO_SHOW
        session.no_show_at = now
        session.save(update_fields=["status", "no_show_at"])
    logger.info("session %s: no-show noted by user %s", session.pk, by.pk)
    return session


def mark_done(*, session, by, now=None):
    """The helper notes that the session took place."""
    now = now or timezone.now()
    with transaction.atomic():
        session = _helper_after_start(session, by, now, _("sa tenue"))
        session.status = SessionStatus.DONE
        session.save(update_fields=["status"])
    logger.info("session %s: done, noted by user %s", session.pk, by.pk)
    return session


def set_remote_details(*, session, by, details, now=None):
    """The call or video details of a coming session (R-K9: remote meetings are favoured), set
    by its helper or a coordinator; the member is told that they changed, not what they are."""
    now = now or timezone.now()
    details = (details or "").strip()
    if len(details) > 500:
        raise AppointmentError(_("Ces détails sont trop longs (500 caractères au plus)."))
    with transaction.atomic():
        session = _lock_session(session)
        if not permissions.may_set_remote_details(
            permissions.session_role(by, session), session, now
        ):
            raise AppointmentError(
                _("Seul·e l’aidant·e ou la coordination indique ces détails, avant l’entretien."),
                code="role",
            )
        session.remote_details = details
        session.save(update_fields=["remote_details"])
        notify(
            [session.member_id],
            subject=_("Votre entretien : détails de l’appel"),
            message=_("Les détails de l’appel ou de la visio de votre entretien sont sur le site."),
            link=_session_link(session),
        )
    logger.info("session %s: remote details set by user %s", session.pk, by.pk)
    return session


def propose_next_step(*, session, by, step, now=None):
    """After a session held, its helper proposes another session (the member is told and books
    it; the coordination too when the quota is used up, R-A10) or another helper (the
    coordination is told and routes the request)."""
    now = now or timezone.now()
    if step not in NextStep.values:
        raise AppointmentError(_("Choisissez une suite."), code="step")
    with transaction.atomic():
        session = _lock_session(session)
        if not permissions.may_propose(permissions.session_role(by, session), session):
            raise AppointmentError(
                _("Seul·e l’aidant·e propose une suite, une fois, après un entretien tenu."),
                code="role",
            )
        session.next_step, session.next_step_at = step, now
        session.save(update_fields=["next_step", "next_step_at"])
        request = session.request
        coordination = reverse("helprequests:coord_detail", args=[request.public_id])
        if step == NextStep.FOLLOW_UP:
            notify(
                [session.member_id],
                subject=_("Votre aidant·e vous propose un nouvel entretien"),
                message=_(
                    "Votre aidant·e vous propose un nouvel entretien : réservez-le sur le site."
                ),
                link=reverse("appointments:book", args=[request.public_id]),
            )
            if quota_of(request).remaining == 0:
                notify(
                    coordinators(),
                    subject=_("Entretiens supplémentaires demandés"),
                    message=_(
                        "Un·e aidant·e propose un nouvel entretien sur une demande dont les "
                        "entretiens prévus sont tous utilisés."
                    ),
                    link=coordination,
                )
        else:
            notify(
                coordinators(),
                subject=_("Un·e autre aidant·e est proposé·e"),
                message=_("Un·e aidant·e propose qu’un·e autre aidant·e prenne le relais."),
                link=coordination,
            )
    logger.info("session %s: %s proposed by user %s", session.pk, step, by.pk)
    return session


# --- Feedback ---------------------------------------------------------------------------------


def give_feedback(*, session, by, data, now=None):
    """After a session held, its helper fills the operator's questionnaire (R-A7: difficulties,
    improvements) and its member may say how it went (R-K13: a rating from 1 to 5, a comment).
    Once per session and side."""
    now = now or timezone.now()
    role = permissions.feedback_role(by, session)
    if role is None:
        raise AppointmentError(_("Ce retour ne vous revient pas."), code="role")
    if session.status != SessionStatus.DONE:
        raise AppointmentError(_("Un retour se donne sur un entretien tenu."), code="state")
    model = HelperFeedback if role == permissions.HELPER else MemberFeedback
    fields = ("difficulties", "improvements") if model is HelperFeedback else ("rating", "comment")
    values = {name: data.get(name, "") for name in fields}
    if model is MemberFeedback and values["rating"] not in range(1, 6):
        raise AppointmentError(_("Choisissez une appréciation de 1 à 5."), code="rating")
    try:
        with transaction.atomic():
            feedback = model.objects.create(session=session, written_at=now, **values)
    except IntegrityError as error:
        raise AppointmentError(_("Ce retour est déjà donné."), code="given") from error
    logger.info("session %s: %s feedback by user %s", session.pk, role, by.pk)
    return feedback


# --- The worker and account deletion -------------------------------------------------------------

REMINDER_HOURS = 24


def remind_sessions(*, now=None):
    """The day before: tell the member and the helper of each session starting within the next
    REMINDER_HOURS, once (a periodic job, appointments.jobs). Returns how many were reminded."""
    now = now or timezone.now()
    count = 0
    with transaction.atomic():
        due = Session.objects.select_for_update(skip_locked=True).filter(
            status=SessionStatus.BOOKED,
            reminded_at__isnull=True,
            starts_at__gt=now,
            starts_at__lte=now + timedelta(hours=REMINDER_HOURS),
        )
        for session in due:
            notify(
                [session.member_id, session.helper_id],
                subject=_("Rappel : un entretien demain"),
                message=_("Vous avez un entretien dans les prochaines 24 heures."),
                link=_session_link(session),
            )
            session.reminded_at = now
            session.save(update_fields=["reminded_at"])
            count += 1
    if count:
        logger.info("appointments: %s sessions reminded", count)
    return count


DELETED_ACCOUNT = _("Compte supprimé.")


def forget_person(user, *, now=None):
    """Account deletion (R-C8): the person's upcoming sessions are cancelled (the other side is
    told; a member's late cancellation stays due, R-A3), their slots and absences go, and the
    sessions kept for the helpers' pay no longer point to them as member or actor."""
    now = now or timezone.now()
    with transaction.atomic():
        upcoming = Session.objects.select_for_update().filter(
            Q(member=user) | Q(helper=user), status=SessionStatus.BOOKED, starts_at__gt=now
        )
        late = now + timedelta(hours=settings.APPOINTMENT_LATE_CANCEL_HOURS)
        for session in upcoming:
            member_side = session.member_id == user.pk
            session.status = (
                SessionStatus.CANCELLED_LATE
                if member_side and session.starts_at < late
                else SessionStatus.CANCELLED
            )
            session.cancel_reason = str(DELETED_ACCOUNT)
            session.cancelled_at = now
            session.save(update_fields=["status", "cancel_reason", "cancelled_at"])
            notify(
                [session.helper_id if member_side else session.member_id],
                subject=_("Un entretien est annulé"),
                message=_("Un de vos entretiens a été annulé. Le motif est indiqué sur le site."),
                link=_session_link(session),
            )
        Availability.objects.filter(helper=user).delete()
        Absence.objects.filter(helper=user).delete()
        Session.objects.filter(member=user).update(member=None)
        Session.objects.filter(booked_by=user).update(booked_by=None)
        Session.objects.filter(cancelled_by=user).update(cancelled_by=None)
        QuotaExtension.objects.filter(granted_by=user).update(granted_by=None)
    logger.info("appointments: user %s forgotten", user.pk)
