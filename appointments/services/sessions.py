"""A session's life after booking: cancellation and the 48-hour rule, notes, call details, the
next step, feedback, the day-before reminder and account deletion (R-A3, R-A7, R-A10, R-K9)."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helprequests.services.common import coordinators

from .. import permissions
from ..confirmations import send_update
from ..errors import AppointmentError
from ..models import (
    Absence,
    Availability,
    HelperFeedback,
    MemberFeedback,
    NextStep,
    QuotaExtension,
    Session,
    SessionStatus,
)
from ..quotas import quota_of
from .common import (
    _lock_session,
    _session_link,
    logger,
    notify,
)


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
        late = permissions.cancelling_now_is_late(session.starts_at, now)
        session.status = (
            SessionStatus.CANCELLED_LATE
            if role == permissions.MEMBER and late
            else SessionStatus.CANCELLED
        )
        session.cancel_reason = reason
        session.cancelled_by = by
        session.cancelled_at = now
        session.calendar_sequence += 1
        session.save(
            update_fields=[
                "status",
                "cancel_reason",
                "cancelled_by",
                "cancelled_at",
                "calendar_sequence",
            ]
        )
        # Both sides, the one who cancelled too: their calendars drop the session (R-K9).
        send_update(
            [u for u in (session.member_id, session.helper_id, session.co_helper_id) if u],
            session,
            subject=_("Un entretien est annulé"),
            message=_("Un de vos entretiens a été annulé. Le motif est indiqué sur le site."),
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
    if permissions.session_role(by, session) != permissions.HELPER:
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
    """A helper of the session notes that the member did not come (R-A3: the session stays
    billable)."""
    now = now or timezone.now()
    with transaction.atomic():
        session = _helper_after_start(session, by, now, _("une absence"))
        session.status = SessionStatus.NO_SHOW
        session.no_show_at = now
        session.save(update_fields=["status", "no_show_at"])
    logger.info("session %s: no-show noted by user %s", session.pk, by.pk)
    return session


def mark_done(*, session, by, now=None):
    """A helper of the session (either of a pair, R-P3) notes that it took place."""
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
        session.calendar_sequence += 1
        session.save(update_fields=["remote_details", "calendar_sequence"])
        # Both sides get the new copy of the calendar file, which carries the details (R-K9).
        send_update(
            [u for u in (session.member_id, session.helper_id, session.co_helper_id) if u],
            session,
            subject=_("Votre entretien : détails de l’appel"),
            message=_("Les détails de l’appel ou de la visio de votre entretien sont sur le site."),
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
    if model is HelperFeedback and not any(str(values[name]).strip() for name in fields):
        raise AppointmentError(
            _("Répondez à au moins une des deux questions : un questionnaire vide n’apprend rien."),
            code="empty",
        )
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
                [u for u in (session.member_id, session.helper_id, session.co_helper_id) if u],
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


# --- A request its helper no longer works on (issue #12) ------------------------------------------

REQUEST_WITHDRAWN = _("La demande a été retirée.")
HELPER_LEFT = _("L’aidant·e ne suit plus cette demande.")
REQUEST_ENDED = _("La demande n’est plus suivie.")


def cancel_sessions_of_request(*, request, helper, action, by=None, now=None):
    """The helper who took `request` leaves it (helprequests.handover): the coming sessions
    booked with them on it are cancelled, in the transaction that ends their work, so that no
    session stays booked on a request nobody works on any more. Returns how many.

    Billing follows the 48-hour rule the way a cancellation by that side would (R-A3): a
    withdrawal is the member's doing (theirs, or their account's deletion, as forget_person
    decides), so a session starting within APPOINTMENT_LATE_CANCEL_HOURS stays due; the helper
    stepping aside, a referral or a closure are not, so nothing stays due. The side that did
    not end the work is told through the usual cancellation notice (the member when the helper
    left, the helper when the member withdrew, both otherwise, never the person who acted);
    the coordination is already told of the request's change by helprequests.
    """
    now = now or timezone.now()
    member_side = action == "withdraw"
    reason = {"withdraw": REQUEST_WITHDRAWN, "step_aside": HELPER_LEFT}.get(action, REQUEST_ENDED)
    late = now + timedelta(hours=settings.APPOINTMENT_LATE_CANCEL_HOURS)
    count = 0
    with transaction.atomic():
        coming = Session.objects.select_for_update().filter(
            request=request, helper=helper, status=SessionStatus.BOOKED, starts_at__gt=now
        )
        for session in coming:
            session.status = (
                SessionStatus.CANCELLED_LATE
                if member_side and session.starts_at < late
                else SessionStatus.CANCELLED
            )
            session.cancel_reason = str(reason)
            session.cancelled_by = by
            session.cancelled_at = now
            session.calendar_sequence += 1
            session.save(
                update_fields=[
                    "status",
                    "cancel_reason",
                    "cancelled_by",
                    "cancelled_at",
                    "calendar_sequence",
                ]
            )
            if action == "withdraw":
                told = [session.helper_id, session.co_helper_id]
            elif action == "step_aside":
                told = [session.member_id, session.co_helper_id]
            else:
                told = [session.member_id, session.helper_id, session.co_helper_id]
            told = [pk for pk in told if pk and pk != getattr(by, "pk", None)]
            if told:
                # With the cancelled copy of the session's calendar file (R-K9).
                send_update(
                    told,
                    session,
                    subject=_("Un entretien est annulé"),
                    message=_(
                        "Un de vos entretiens a été annulé. Le motif est indiqué sur le site."
                    ),
                )
            logger.info("session %s: %s, request left (%s)", session.pk, session.status, action)
            count += 1
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
            session.calendar_sequence += 1
            session.save(
                update_fields=["status", "cancel_reason", "cancelled_at", "calendar_sequence"]
            )
            send_update(
                [
                    u
                    for u in (
                        session.helper_id if member_side else session.member_id,
                        session.co_helper_id,
                    )
                    if u
                ],
                session,
                subject=_("Un entretien est annulé"),
                message=_("Un de vos entretiens a été annulé. Le motif est indiqué sur le site."),
            )
        # A partner leaving ends the pair: the sessions keep the helper who took the request.
        Session.objects.filter(co_helper=user).update(co_helper=None)
        Availability.objects.filter(helper=user).delete()
        Availability.objects.filter(partner=user).delete()
        Absence.objects.filter(helper=user).delete()
        Session.objects.filter(member=user).update(member=None)
        Session.objects.filter(booked_by=user).update(booked_by=None)
        Session.objects.filter(cancelled_by=user).update(cancelled_by=None)
        QuotaExtension.objects.filter(granted_by=user).update(granted_by=None)
    logger.info("appointments: user %s forgotten", user.pk)
