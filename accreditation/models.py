"""A helper's accreditation, its logged changes, complaints and obligations (issue #19).

A helper without an `Accreditation` row is accredited: the row is created on the first change
(a pause, a suspension, obligations filled in), so helpers who joined before this app need no
data migration. Whether a helper may be routed, booked or publish slots is decided once, in
accreditation.selectors (`accredited_helpers`, `is_accredited`).
"""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    ACCREDITED = "accredited", _("Agréé·e")
    PAUSED = "paused", _("En pause")
    SUSPENDED = "suspended", _("Suspendu·e")
    WITHDRAWN = "withdrawn", _("Agrément retiré")


# The states in which a helper receives no request, publishes no slot and is not booked.
NOT_WORKING = (Status.PAUSED, Status.SUSPENDED, Status.WITHDRAWN)
# The states only coordinators put a helper in and take them out of (R-K14).
SANCTIONS = (Status.SUSPENDED, Status.WITHDRAWN)


class PauseReason(models.TextChoices):
    """Why a helper pauses, as a category only (R-K15): nobody needs the details of their health."""

    HEALTH = "health", _("Santé")
    HOLIDAYS = "holidays", _("Congés")
    WORKLOAD = "workload", _("Charge de travail")
    OTHER = "other", _("Autre")


class SupervisionKind(models.TextChoices):
    SUPERVISOR = "supervisor", _("Un·e superviseur·e qualifié·e")
    PEER_GROUP = "peer_group", _("Un groupe de pairs")


class Accreditation(models.Model):
    """Where a helper stands (R-K14, R-K15) and the obligations they keep (R-K16, R-K17)."""

    helper = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="accreditation"
    )
    status = models.CharField(
        _("statut"), max_length=16, choices=Status.choices, default=Status.ACCREDITED
    )
    status_since = models.DateTimeField(_("depuis le"), null=True, blank=True)
    # A pause: its category and the day the helper expects to be back (both optional).
    pause_reason = models.CharField(
        _("motif de la pause"), max_length=16, choices=PauseReason.choices, blank=True
    )
    return_on = models.DateField(_("retour prévu"), null=True, blank=True)
    # A suspension or withdrawal: the coordination's reason, which the helper reads.
    reason = models.TextField(_("motif donné à l’aidant·e"), blank=True)
    # R-K16: professional liability insurance.
    insurer = models.CharField(_("assureur"), max_length=120, blank=True)
    policy_number = models.CharField(_("numéro de contrat"), max_length=60, blank=True)
    insurance_expires_on = models.DateField(_("échéance de l’assurance"), null=True, blank=True)
    # The expiry date the reminder was sent for: a new date sends a new reminder, once.
    insurance_reminded_for = models.DateField(null=True, blank=True, editable=False)
    # R-K17: a supervisor or peer group.
    supervision_kind = models.CharField(
        _("supervision"), max_length=16, choices=SupervisionKind.choices, blank=True
    )
    supervision = models.CharField(
        _("superviseur·e ou groupe de pairs"), max_length=160, blank=True
    )

    class Meta:
        verbose_name = _("agrément")
        verbose_name_plural = _("agréments")

    def __str__(self):
        return f"Accreditation {self.pk}"


class Change(models.Model):
    """One logged change of a helper's accreditation: who, when, why (issue #19)."""

    class Kind(models.TextChoices):
        STATUS = "status", _("Statut modifié")
        COMPLAINT = "complaint", _("Plainte reçue")
        OUTCOME = "outcome", _("Suite donnée à une plainte")
        INSURANCE = "insurance", _("Assurance mise à jour")
        TRAINING = "training", _("Formation enregistrée")
        SUPERVISION = "supervision", _("Supervision mise à jour")

    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="accreditation_changes"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    status = models.CharField(max_length=16, choices=Status.choices, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()
    why = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"Change {self.pk}"

    # The kinds whose `why` is a date (ISO, as the services store it): the new expiry of the
    # insurance, the day of the training.
    DATED = (Kind.INSURANCE, Kind.TRAINING)

    def get_why_display(self):
        """`why` as the log shows it: a stored date in the reader's language and format."""
        if self.kind in self.DATED and self.why:
            try:
                return date_format(datetime.date.fromisoformat(self.why), "DATE_FORMAT")
            except ValueError:
                return self.why
        return self.why


class Outcome(models.TextChoices):
    DISMISSED = "dismissed", _("Classée sans suite")
    REMINDER = "reminder", _("Rappel de la charte")
    SANCTION = "sanction", _("Sanction")
    WITHDRAWAL = "withdrawal", _("Retrait de l’agrément")


class Complaint(models.Model):
    """A member's complaint about a helper they had on a request or a session, judged against
    the charter article it invokes (R-K1, R-K14). Coordinators read all of it; the helper reads
    that it exists and its outcome, and who made it only when the member allowed that."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="complaints_received"
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="complaints_filed",
    )
    request = models.ForeignKey(
        "helprequests.HelpRequest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    session = models.ForeignKey(
        "appointments.Session", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    charter_article = models.CharField(_("article de la charte invoqué"), max_length=120)
    account = models.TextField(_("ce qui s’est passé"))
    anonymous = models.BooleanField(_("ne pas dire à l’aidant·e qui je suis"), default=True)
    filed_at = models.DateTimeField()
    outcome = models.CharField(
        _("suite donnée"), max_length=16, choices=Outcome.choices, blank=True
    )
    outcome_note = models.TextField(_("suite expliquée à l’aidant·e"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-filed_at", "-pk"]

    def __str__(self):
        return f"Complaint {self.pk}"

    @property
    def is_open(self):
        return not self.outcome


class TrainingEntry(models.Model):
    """A dated continuing-training entry (R-A13, R-K6)."""

    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_entries"
    )
    title = models.CharField(_("formation"), max_length=200)
    organiser = models.CharField(_("dispensée par"), max_length=120, blank=True)
    completed_on = models.DateField(_("date"))
    hours = models.PositiveSmallIntegerField(_("heures"), null=True, blank=True)

    class Meta:
        ordering = ["-completed_on", "-pk"]

    def __str__(self):
        return f"TrainingEntry {self.pk}"
