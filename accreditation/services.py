"""Every change of a helper's accreditation, complaints and obligations (issue #19).

CONTRACT (STYLE.md): keyword arguments, one transaction, the helper's accreditation row locked,
the actor's right checked (accreditation.permissions), an AccreditationError with a translated
message when refused (nothing changed then), and every change logged in `Change` (who, when,
why). Mail goes through portal.notifications.notify (a fixed sentence and a link, no name, no
reason: the helper reads the reason on their page), by way of helprequests' `send`, so that
the demo's quiet_notifications block mutes it too.

  pause(*, helper, by, pause_reason="", return_on=None) -> Accreditation      the helper (R-K15)
  resume(*, helper, by) -> Accreditation                                      the helper
  suspend(*, helper, by, reason) -> Accreditation                    coordinators (R-K14)
  withdraw(*, helper, by, reason) -> Accreditation                   coordinators (R-K14)
  reinstate(*, helper, by, reason) -> Accreditation                  coordinators
  file_complaint(*, by, helper, charter_article, account, anonymous=True, request=None,
                 session=None) -> Complaint                          a member (R-K1)
  record_outcome(*, complaint, by, outcome, note) -> Complaint       coordinators (R-K14)
  save_insurance(*, helper, by, insurer, policy_number, expires_on)  the helper (R-K16)
  add_training(*, helper, by, title, completed_on, organiser="", hours=None)  (R-A13)
  save_supervision(*, helper, by, kind, name)                        the helper (R-K17)
  remind_insurance(*, today=None) -> int                             the worker
  forget_person(user, *, remove_forum_posts)                         account deletion (R-C8)

Pausing, suspending and withdrawing hand the helper's live routings on open requests back to
the coordination (helprequests.services.hand_back): the member reads that a helper left, not
why; the sessions booked with the helper on those requests are cancelled by the handover hook
of appointments.
"""

import logging

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helprequests import permissions as request_permissions
from helprequests.models import Routing
from helprequests.services import common as request_common
from helprequests.services import hand_back

from . import permissions, selectors
from .errors import AccreditationError
from .models import (
    NOT_WORKING,
    Accreditation,
    Change,
    Complaint,
    Outcome,
    PauseReason,
    Status,
    SupervisionKind,
    TrainingEntry,
)

logger = logging.getLogger("accreditation")

TEXT_MAX_LENGTH = 4000


def _text(value, *, required_message=None, max_length=TEXT_MAX_LENGTH):
    value = (value or "").strip()
    if required_message and not value:
        raise AccreditationError(required_message)
    if len(value) > max_length:
        raise AccreditationError(
            _("Ce texte est trop long (%(max)s caractères au plus).") % {"max": max_length}
        )
    return value


def _locked(helper):
    """The helper's accreditation row, created accredited on first need, locked."""
    Accreditation.objects.get_or_create(helper=helper)
    return Accreditation.objects.select_for_update().get(helper=helper)


def _log(helper, kind, *, by, now, why="", status=""):
    return Change.objects.create(helper=helper, kind=kind, status=status, by=by, at=now, why=why)


def _set_status(row, status, *, by, now, why, reason="", pause_reason="", return_on=None):
    row.status = status
    row.status_since = now
    row.reason = reason
    row.pause_reason = pause_reason
    row.return_on = return_on
    row.save()
    _log(row.helper, Change.Kind.STATUS, by=by, now=now, why=why, status=status)
    logger.info("helper %s: accreditation %s", row.helper_id, status)


def _hand_back_open_requests(helper):
    """The helper's offers and taken requests that are still open go back to the coordination;
    a resolved request (only its questionnaire awaited) stays with them."""
    note = _("L’aidant·e n’est pas disponible (agrément).")
    for routing in list(
        Routing.objects.filter(
            helper=helper,
            status__in=request_permissions.LIVE_ROUTING,
            request__status__in=request_permissions.OPEN,
        ).order_by("pk")
    ):
        hand_back(routing=routing, note=str(note))


def _my_page():
    return reverse("accreditation:mine")


def _tell_helper(helper, subject, message):
    request_common.send([helper], subject=subject, message=message, link=_my_page())


# --- The helper's pause (R-K15) -------------------------------------------------------------


@transaction.atomic
def pause(*, helper, by, pause_reason="", return_on=None, now=None):
    """The helper stops receiving requests and being booked for a while: health, holidays,
    workload. The category and the expected return are optional; their open requests go back
    to the coordination."""
    permissions.check("pause", helper=helper, by=by)
    now = now or timezone.now()
    if pause_reason and pause_reason not in PauseReason.values:
        raise AccreditationError(_("Choisissez l’un des motifs proposés."))
    if return_on is not None and return_on <= timezone.localdate(now):
        raise AccreditationError(_("Le retour prévu doit être une date à venir."))
    row = _locked(helper)
    if row.status != Status.ACCREDITED:
        raise AccreditationError(_("Vous ne pouvez vous mettre en pause que si vous êtes agréé·e."))
    _set_status(
        row,
        Status.PAUSED,
        by=by,
        now=now,
        why=PauseReason(pause_reason).label if pause_reason else "",
        pause_reason=pause_reason,
        return_on=return_on,
    )
    _hand_back_open_requests(helper)
    return row


@transaction.atomic
def resume(*, helper, by, now=None):
    permissions.check("resume", helper=helper, by=by)
    now = now or timezone.now()
    row = _locked(helper)
    if row.status != Status.PAUSED:
        raise AccreditationError(_("Votre activité n’est pas en pause."))
    _set_status(row, Status.ACCREDITED, by=by, now=now, why="")
    request_common.send(
        request_common.coordinators(),
        subject=_("Un·e aidant·e est de nouveau disponible"),
        message=_(
            "Un·e aidant·e a mis fin à sa pause : des demandes peuvent de nouveau lui être "
            "proposées."
        ),
        link=reverse("accreditation:coordination"),
    )
    return row


# --- The coordination's decisions (R-K14) ---------------------------------------------------


def _decide(action, *, helper, by, reason, to_status, from_statuses, refused, now):
    permissions.check(action, helper=helper, by=by)
    reason = _text(
        reason, required_message=_("Indiquez le motif : l’aidant·e le lira sur sa page.")
    )
    row = _locked(helper)
    if row.status not in from_statuses:
        raise AccreditationError(refused)
    _set_status(row, to_status, by=by, now=now, why=reason, reason=reason)
    if to_status in NOT_WORKING:
        _hand_back_open_requests(helper)
    _tell_helper(
        helper,
        _("Votre agrément a changé"),
        _("La coordination a modifié votre agrément. Vous en trouverez le motif sur votre page."),
    )
    return row


@transaction.atomic
def suspend(*, helper, by, reason, now=None):
    return _decide(
        "suspend",
        helper=helper,
        by=by,
        reason=reason,
        to_status=Status.SUSPENDED,
        from_statuses=(Status.ACCREDITED, Status.PAUSED),
        refused=_("Seul·e un·e aidant·e agréé·e ou en pause peut être suspendu·e."),
        now=now or timezone.now(),
    )


@transaction.atomic
def withdraw(*, helper, by, reason, now=None):
    return _decide(
        "withdraw",
        helper=helper,
        by=by,
        reason=reason,
        to_status=Status.WITHDRAWN,
        from_statuses=(Status.ACCREDITED, Status.PAUSED, Status.SUSPENDED),
        refused=_("L’agrément de cet·te aidant·e est déjà retiré."),
        now=now or timezone.now(),
    )


@transaction.atomic
def reinstate(*, helper, by, reason, now=None):
    return _decide(
        "reinstate",
        helper=helper,
        by=by,
        reason=reason,
        to_status=Status.ACCREDITED,
        from_statuses=(Status.SUSPENDED, Status.WITHDRAWN),
        refused=_(
            "Seul·e un·e aidant·e suspendu·e ou dont l’agrément a été retiré peut être rétabli·e."
        ),
        now=now or timezone.now(),
    )


# --- Complaints (R-K1, R-K14) -----------------------------------------------------------------


@transaction.atomic
def file_complaint(
    *, by, helper, charter_article, account, anonymous=True, request=None, session=None, now=None
):
    """A member complains about a helper they had on their request or session. It goes to the
    coordination only; the helper is told that a complaint exists, not by whom unless the
    member allows it (`anonymous=False`)."""
    permissions.check("complain", helper=helper, by=by)
    if (request is None) == (session is None):
        raise AccreditationError(_("Une plainte porte sur une seule demande ou un seul entretien."))
    if not selectors.helpers_member_had(by, request=request, session=session).filter(pk=helper.pk):
        raise AccreditationError(
            _(
                "Vous ne pouvez déposer une plainte que concernant un·e aidant·e qui vous a "
                "accompagné·e sur cette demande ou cet entretien."
            )
        )
    charter_article = _text(
        charter_article,
        required_message=_("Indiquez l’article de la charte qu’invoque votre plainte."),
        max_length=120,
    )
    account = _text(account, required_message=_("Dites ce qui s’est passé."))
    now = now or timezone.now()
    _locked(helper)
    complaint = Complaint.objects.create(
        helper=helper,
        filed_by=by,
        request=request,
        session=session,
        charter_article=charter_article,
        account=account,
        anonymous=bool(anonymous),
        filed_at=now,
    )
    _log(helper, Change.Kind.COMPLAINT, by=None, now=now, why=charter_article)
    request_common.send(
        request_common.coordinators(),
        subject=_("Une plainte concernant un·e aidant·e a été reçue"),
        message=_(
            "Un membre a déposé une plainte concernant un·e aidant·e. Elle attend votre décision."
        ),
        link=reverse("accreditation:complaint", args=[complaint.public_id]),
    )
    _tell_helper(
        helper,
        _("Une plainte concernant votre pratique a été reçue"),
        _("Une plainte concernant votre pratique a été reçue ; la coordination va l’examiner."),
    )
    logger.info("complaint %s about helper %s filed", complaint.pk, helper.pk)
    return complaint


@transaction.atomic
def record_outcome(*, complaint, by, outcome, note, now=None):
    """The coordination judges the complaint against the charter: dismissed, a reminder, a
    sanction, or the withdrawal of the accreditation (which withdraws it, with `note` as its
    reason). The helper reads the outcome and its note."""
    permissions.check("record_outcome", helper=complaint.helper, by=by)
    if outcome not in Outcome.values:
        raise AccreditationError(_("Choisissez l’une des suites proposées."))
    note = _text(note, required_message=_("Expliquez la suite donnée : l’aidant·e la lira."))
    now = now or timezone.now()
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.outcome:
        raise AccreditationError(_("Une suite a déjà été donnée à cette plainte."))
    complaint.outcome = outcome
    complaint.outcome_note = note
    complaint.decided_by = by
    complaint.decided_at = now
    complaint.save(update_fields=["outcome", "outcome_note", "decided_by", "decided_at"])
    _log(
        complaint.helper,
        Change.Kind.OUTCOME,
        by=by,
        now=now,
        why=f"{Outcome(outcome).label} : {note}",
    )
    if outcome == Outcome.WITHDRAWAL:
        row = _locked(complaint.helper)
        if row.status != Status.WITHDRAWN:
            withdraw(helper=complaint.helper, by=by, reason=note, now=now)
            return complaint
    _tell_helper(
        complaint.helper,
        _("La suite donnée à une plainte est disponible"),
        _(
            "La coordination a enregistré la suite donnée à une plainte. Vous la trouverez sur "
            "votre page."
        ),
    )
    return complaint


# --- Obligations (R-K16, R-K17, R-A13) --------------------------------------------------------


@transaction.atomic
def save_insurance(*, helper, by, insurer, policy_number, expires_on, now=None):
    permissions.check("obligations", helper=helper, by=by)
    insurer = _text(insurer, required_message=_("Indiquez votre assureur."), max_length=120)
    policy_number = _text(policy_number, max_length=60)
    if expires_on is None:
        raise AccreditationError(_("Indiquez la date d’échéance de votre assurance."))
    now = now or timezone.now()
    row = _locked(helper)
    row.insurer, row.policy_number, row.insurance_expires_on = insurer, policy_number, expires_on
    row.save(update_fields=["insurer", "policy_number", "insurance_expires_on"])
    _log(helper, Change.Kind.INSURANCE, by=by, now=now, why=expires_on.isoformat())
    return row


@transaction.atomic
def add_training(*, helper, by, title, completed_on, organiser="", hours=None, now=None):
    permissions.check("obligations", helper=helper, by=by)
    title = _text(title, required_message=_("Indiquez l’intitulé de la formation."), max_length=200)
    organiser = _text(organiser, max_length=120)
    now = now or timezone.now()
    if completed_on is None or completed_on > timezone.localdate(now):
        raise AccreditationError(_("Indiquez la date de la formation (pas une date à venir)."))
    _locked(helper)
    entry = TrainingEntry.objects.create(
        helper=helper, title=title, organiser=organiser, completed_on=completed_on, hours=hours
    )
    _log(helper, Change.Kind.TRAINING, by=by, now=now, why=completed_on.isoformat())
    return entry


@transaction.atomic
def save_supervision(*, helper, by, kind, name, now=None):
    permissions.check("obligations", helper=helper, by=by)
    if kind not in SupervisionKind.values:
        raise AccreditationError(
            _("Précisez s’il s’agit d’un·e superviseur·e ou d’un groupe de pairs.")
        )
    name = _text(
        name,
        required_message=_("Indiquez votre superviseur·e ou votre groupe de pairs."),
        max_length=160,
    )
    now = now or timezone.now()
    row = _locked(helper)
    row.supervision_kind, row.supervision = kind, name
    row.save(update_fields=["supervision_kind", "supervision"])
    _log(helper, Change.Kind.SUPERVISION, by=by, now=now, why=SupervisionKind(kind).label)
    return row


def remind_insurance(*, today=None):
    """The worker's daily job: each helper whose insurance expires within
    selectors.INSURANCE_REMINDER_DAYS is reminded once for that date (R-K16). Returns how many."""
    today = today or timezone.localdate()
    count = 0
    with transaction.atomic():
        for row in selectors.insurance_due_for_reminder(today=today).select_for_update(
            skip_locked=True
        ):
            _tell_helper(
                row.helper_id,
                _("Votre assurance arrive bientôt à échéance"),
                _(
                    "Votre assurance responsabilité civile professionnelle arrive bientôt à "
                    "échéance. Une fois renouvelée, indiquez sa nouvelle date d’échéance sur votre "
                    "page d’agrément."
                ),
            )
            row.insurance_reminded_for = row.insurance_expires_on
            row.save(update_fields=["insurance_reminded_for"])
            count += 1
    if count:
        logger.info("accreditation: %s insurance reminders sent", count)
    return count


def forget_person(user, *, remove_forum_posts):
    """Account deletion (R-C8): the person's accreditation, log and training go with their
    account; complaints they filed stay for the coordination without their name (filed_by
    cleared), complaints about them go."""
    Complaint.objects.filter(filed_by=user).update(filed_by=None, anonymous=True)
    Complaint.objects.filter(helper=user).delete()
    Change.objects.filter(helper=user).delete()
    TrainingEntry.objects.filter(helper=user).delete()
    Accreditation.objects.filter(helper=user).delete()
