"""The obligations a helper keeps and the reminder of their insurance: professional liability
insurance (R-K16), continuing training (R-A13) and supervision (R-K17)."""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import permissions, selectors
from ..errors import AccreditationError
from ..models import Change, SupervisionKind, TrainingEntry
from .common import locked, log, tell_helper, text

logger = logging.getLogger("accreditation")

# --- Obligations (R-K16, R-K17, R-A13) --------------------------------------------------------


@transaction.atomic
def save_insurance(*, helper, by, insurer, policy_number, expires_on, now=None):
    permissions.check("obligations", helper=helper, by=by)
    insurer = text(insurer, required_message=_("Indiquez votre assureur."), max_length=120)
    policy_number = text(policy_number, max_length=60)
    if expires_on is None:
        raise AccreditationError(_("Indiquez la date d’échéance de votre assurance."))
    now = now or timezone.now()
    row = locked(helper)
    row.insurer, row.policy_number, row.insurance_expires_on = insurer, policy_number, expires_on
    row.save(update_fields=["insurer", "policy_number", "insurance_expires_on"])
    log(helper, Change.Kind.INSURANCE, by=by, now=now, why=expires_on.isoformat())
    return row


@transaction.atomic
def add_training(*, helper, by, title, completed_on, organiser="", hours=None, now=None):
    permissions.check("obligations", helper=helper, by=by)
    title = text(title, required_message=_("Indiquez l’intitulé de la formation."), max_length=200)
    organiser = text(organiser, max_length=120)
    now = now or timezone.now()
    if completed_on is None or completed_on > timezone.localdate(now):
        raise AccreditationError(_("Indiquez la date de la formation (pas une date à venir)."))
    locked(helper)
    entry = TrainingEntry.objects.create(
        helper=helper, title=title, organiser=organiser, completed_on=completed_on, hours=hours
    )
    log(helper, Change.Kind.TRAINING, by=by, now=now, why=completed_on.isoformat())
    return entry


@transaction.atomic
def save_supervision(*, helper, by, kind, name, now=None):
    permissions.check("obligations", helper=helper, by=by)
    if kind not in SupervisionKind.values:
        raise AccreditationError(
            _("Précisez s’il s’agit d’un·e superviseur·e ou d’un groupe de pairs.")
        )
    name = text(
        name,
        required_message=_("Indiquez votre superviseur·e ou votre groupe de pairs."),
        max_length=160,
    )
    now = now or timezone.now()
    row = locked(helper)
    row.supervision_kind, row.supervision = kind, name
    row.save(update_fields=["supervision_kind", "supervision"])
    log(helper, Change.Kind.SUPERVISION, by=by, now=now, why=SupervisionKind(kind).label)
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
            tell_helper(
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
