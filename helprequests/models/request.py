import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_reference():
    """A pseudonymous reference ("D-7KQ3XM") that says nothing about the person or the date."""
    return "D-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Envoyée")
    ACKNOWLEDGED = "acknowledged", _("Prise en compte")
    ACCEPTED = "accepted", _("Acceptée")
    DECLINED = "declined", _("Déclinée")
    ROUTED = "routed", _("Proposée à des aidant·es")
    TAKEN = "taken", _("Prise en charge")
    IN_PROGRESS = "in_progress", _("En cours")
    RESOLVED = "resolved", _("Résolue")
    WITHDRAWN = "withdrawn", _("Retirée")
    REFERRED = "referred", _("Orientée vers le niveau national")
    # With a context: Django's and Wagtail's catalogues translate a bare "Close" as "Fermer".
    CLOSED = "closed", pgettext_lazy("état d’une demande d’aide", "Close")


OPEN_STATUSES = (
    Status.SUBMITTED,
    Status.ACKNOWLEDGED,
    Status.ACCEPTED,
    Status.ROUTED,
    Status.TAKEN,
    Status.IN_PROGRESS,
)


class Channel(models.TextChoices):
    PHONE = "phone", _("Être rappelé·e par téléphone")
    EMAIL = "email", _("Par e-mail")
    VIDEO = "video", _("En visioconférence")
    IN_PERSON = "in_person", _("En personne")


class HelpRequest(models.Model):
    """A request for help (R-C1, R-P2). The requester stays anonymous to helpers (R-C9)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(
        _("référence"), max_length=12, unique=True, default=new_reference, editable=False
    )
    status = models.CharField(
        _("état"), max_length=16, choices=Status.choices, default=Status.SUBMITTED
    )
    # Incremented by every transition: a form posted from an older state is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandeur·se"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="help_requests",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saisie par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("La coordination, quand elle saisit la demande pour quelqu’un."),
    )
    theme = models.ForeignKey(
        "home.Theme",
        verbose_name=_("thème"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="help_requests",
    )

    # Personal content: erased by retention (R-K7) and by account deletion.
    subject = models.CharField(_("objet"), max_length=120, blank=True)
    description = models.TextField(_("description"), blank=True)
    since = models.CharField(_("depuis quand"), max_length=120, blank=True)
    needed_by = models.DateField(_("réponse souhaitée avant le"), null=True, blank=True)
    urgent = models.BooleanField(_("urgent"), default=False)
    channel = models.CharField(
        _("moyen de contact préféré"), max_length=16, choices=Channel.choices, default=Channel.PHONE
    )
    callback_phone = models.CharField(_("téléphone pour le rappel"), max_length=24, blank=True)
    job_title = models.CharField(_("fonction"), max_length=120, blank=True)
    on_behalf_of_client = models.BooleanField(_("pour le compte d’un·e client·e"), default=False)
    offers_wanted = models.BooleanField(_("devis souhaités"), default=False)

    # The clock (R-P4) and the promise (R-C2, R-C3).
    submitted_at = models.DateTimeField(_("envoyée le"), db_index=True)
    acknowledge_by = models.DateTimeField(_("à prendre en compte avant le"), db_index=True)
    acknowledged_at = models.DateTimeField(_("prise en compte le"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("acceptée le"), null=True, blank=True)
    promised_by = models.DateField(_("réponse promise pour le"), null=True, blank=True)
    decline_reason = models.TextField(_("motif du refus"), blank=True)
    referral = models.TextField(_("orientation proposée"), blank=True)
    finished_at = models.DateTimeField(_("terminée le"), null=True, blank=True)
    closed_at = models.DateTimeField(_("close le"), null=True, blank=True, db_index=True)
    alert_raised = models.BooleanField(_("alerte en cours"), default=False)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    promise_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    erased_at = models.DateTimeField(_("contenu effacé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("demande d’aide")
        verbose_name_plural = _("demandes d’aide")
        ordering = ["-urgent", "submitted_at"]
        indexes = [models.Index(fields=["status", "urgent", "submitted_at"])]
        permissions = [
            ("view_brief", _("Voir la fiche anonyme d’une demande")),
            ("take_part", _("Participer à l’échange d’une demande")),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES


class Transition(models.Model):
    """One step of a request's history: who moved it, from which state to which, and when."""

    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(_("action"), max_length=32)
    from_status = models.CharField(_("état de départ"), max_length=16, blank=True)
    to_status = models.CharField(_("nouvel état"), max_length=16)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_role = models.CharField(_("en qualité de"), max_length=16, blank=True)
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("le"))

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("étape")
        verbose_name_plural = _("historique")

    def __str__(self):
        return f"{self.action} {self.request_id}"
