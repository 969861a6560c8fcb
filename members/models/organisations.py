"""Client organisations (R-A1): companies or local authorities whose staff the network supports."""

import secrets
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class OrganisationKind(models.TextChoices):
    COMPANY = "company", _("Entreprise")
    LOCAL_AUTHORITY = "local_authority", _("Collectivité")
    ASSOCIATION = "association", _("Association")
    OTHER = "other", _("Autre")


class ConfidentialityLevel(models.TextChoices):
    NAME_SHOWN = "name_shown", _("Le nom de l’organisation peut être montré aux aidant·es")
    NAME_HIDDEN = "name_hidden", _("Le nom de l’organisation reste connu de la seule coordination")


# Letters that are not hexadecimal digits (nor I, O, U, Y, easily misread): a reference can then
# never be the beginning of a public id, or of any other UUID a helper meets.
REFERENCE_ALPHABET = "GHJKLMNPQRSTVWXZ"
REFERENCE_LENGTH = 8


def new_reference():
    """A random reference, drawn independently of everything else about the organisation."""
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


class Organisation(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # How helpers name an organisation whose name stays with the coordination (R-A1, R-A11).
    reference = models.CharField(
        _("référence"),
        max_length=REFERENCE_LENGTH,
        default=new_reference,
        unique=True,
        editable=False,
    )
    name = models.CharField(_("nom"), max_length=200, unique=True)
    kind = models.CharField(
        _("type"), max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.COMPANY
    )
    context = models.TextField(
        _("contexte"), blank=True, help_text=_("Ce que les aidant·es doivent savoir du contexte.")
    )
    themes = models.ManyToManyField("home.Theme", verbose_name=_("thèmes proposés"), blank=True)
    max_sessions_per_person = models.PositiveSmallIntegerField(
        _("nombre maximum de séances par personne"), default=4
    )
    confidentiality_level = models.CharField(
        _("niveau de confidentialité convenu"),
        max_length=20,
        choices=ConfidentialityLevel.choices,
        default=ConfidentialityLevel.NAME_HIDDEN,
    )
    alert_procedure = models.TextField(
        _("procédure d’alerte"),
        blank=True,
        help_text=_("Qui prévenir et comment en cas de danger ou d’actes illicites."),
    )
    # R-A1: where the agreement allows it, the coordination books a session for the member
    # (appointments.permissions.coordinators_may_book; urgent sessions, R-P5, stay open to it).
    coordinators_book_sessions = models.BooleanField(
        _("la coordination peut réserver les entretiens pour le membre"),
        default=False,
        help_text=_(
            "Si la case n’est pas cochée, le membre réserve lui-même ses entretiens ; la "
            "coordination peut toujours fixer un entretien urgent."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("context"),
        FieldPanel("themes"),
        MultiFieldPanel(
            [
                FieldPanel("max_sessions_per_person"),
                FieldPanel("confidentiality_level"),
                FieldPanel("alert_procedure"),
                FieldPanel("coordinators_book_sessions"),
            ],
            heading=_("Accord avec l’organisation"),
        ),
        FieldPanel("is_active"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    @property
    def name_visible_to_helpers(self):
        return self.confidentiality_level == ConfidentialityLevel.NAME_SHOWN
