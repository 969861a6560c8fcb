"""Profiles with a privacy choice for every field (R-C6, R-C7), and helpers' profiles (R-K6, R-K9).

What a viewer may see of a profile is decided in members/privacy.py, nowhere else.
"""

import unicodedata

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    """Who may see one field of a profile. Ordered from the most to the least protective."""

    COORDINATORS = "coordinators", _("La coordination seulement")
    MEMBERS = "members", _("Les membres du réseau")
    PUBLIC = "public", _("Tout le monde")


class MembershipStatus(models.TextChoices):
    QUESTIONNAIRE = "questionnaire", _("Questionnaire à remplir")
    TERMS = "terms", _("Conditions à accepter")
    PENDING = "pending", _("En attente de validation")
    ACTIVE = "active", _("Membre")
    REJECTED = "rejected", _("Adhésion refusée")


class WorkMode(models.TextChoices):
    REMOTE = "remote", _("À distance")
    IN_PERSON = "in_person", _("En présentiel")
    BOTH = "both", _("À distance ou en présentiel")


phone_validator = RegexValidator(
    regex=r"^\+?[0-9][0-9 .\-]{7,18}[0-9]$",
    message=_(
        "Saisissez un numéro de téléphone valide, par exemple 06 12 34 56 78 ou +33 6 12 34 56 78."
    ),
)


def _visibility(default, verbose_name):
    return models.CharField(
        verbose_name, max_length=16, choices=Visibility.choices, default=default
    )


class Profile(models.Model):
    """What a person tells the network about themselves, each item with its own visibility."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    status = models.CharField(
        _("adhésion"),
        max_length=16,
        choices=MembershipStatus.choices,
        default=MembershipStatus.QUESTIONNAIRE,
    )
    status_changed_at = models.DateTimeField(_("statut modifié le"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("décision prise par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rejection_reason = models.TextField(_("motif du refus"), blank=True)

    display_name = models.CharField(
        _("nom affiché"),
        max_length=60,
        blank=True,
        help_text=_("Le nom sous lequel les autres vous voient ; un pseudonyme est possible."),
    )
    phone = models.CharField(
        _("téléphone"), max_length=24, blank=True, validators=[phone_validator]
    )
    job_title = models.CharField(_("fonction"), max_length=120, blank=True)
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    postal_address = models.TextField(_("adresse postale"), max_length=400, blank=True)
    themes = models.ManyToManyField(
        "home.Theme", verbose_name=_("thèmes qui vous intéressent"), blank=True, related_name="+"
    )
    hobbies = models.TextField(_("centres d’intérêt"), max_length=500, blank=True)
    particularities = models.TextField(_("particularités"), max_length=500, blank=True)
    bio = models.TextField(_("présentation"), max_length=1000, blank=True)

    # One visibility per item (R-C7). Protective defaults: contact details stay with the
    # coordinators until the member decides otherwise.
    name_visibility = _visibility(Visibility.MEMBERS, _("visibilité du nom"))
    display_name_visibility = _visibility(Visibility.MEMBERS, _("visibilité du nom affiché"))
    email_visibility = _visibility(Visibility.COORDINATORS, _("visibilité de l’e-mail"))
    phone_visibility = _visibility(Visibility.COORDINATORS, _("visibilité du téléphone"))
    job_title_visibility = _visibility(Visibility.MEMBERS, _("visibilité de la fonction"))
    organisation_visibility = _visibility(
        Visibility.COORDINATORS, _("visibilité de l’organisation")
    )
    postal_address_visibility = _visibility(Visibility.COORDINATORS, _("visibilité de l’adresse"))
    skills_visibility = _visibility(Visibility.MEMBERS, _("visibilité des compétences"))
    themes_visibility = _visibility(Visibility.MEMBERS, _("visibilité des thèmes"))
    hobbies_visibility = _visibility(Visibility.MEMBERS, _("visibilité des centres d’intérêt"))
    particularities_visibility = _visibility(
        Visibility.COORDINATORS, _("visibilité des particularités")
    )
    bio_visibility = _visibility(Visibility.MEMBERS, _("visibilité de la présentation"))

    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("profil")
        verbose_name_plural = _("profils")
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return f"Profile {self.pk}"

    @property
    def is_active_member(self):
        return self.status == MembershipStatus.ACTIVE


def normalise_skill(name):
    """The form under which two spellings of a skill are the same one: spaces collapsed, case
    folded ("Droit  du Travail" and "droit du travail"), accents kept."""
    return unicodedata.normalize("NFC", " ".join((name or "").split())).casefold()


class SkillManager(models.Manager):
    def replace_for(self, profile, names):
        """Make `names` the skills of `profile`: keep those already there (their spelling
        included), add the new ones, remove the others. Spellings of one skill count once."""
        wanted = {}
        for name in names:
            name = " ".join((name or "").split())
            if name:
                wanted.setdefault(normalise_skill(name), name)
        self.filter(profile=profile).exclude(normalised__in=wanted).delete()
        kept = set(self.filter(profile=profile).values_list("normalised", flat=True))
        self.bulk_create(
            Skill(profile=profile, name=name, normalised=key)
            for key, name in wanted.items()
            if key not in kept
        )


class Skill(models.Model):
    """One skill a member offers the network (R-C6), with the profile's skills visibility.

    A table of our own rather than CMS tags: a member's skill must never be offered to editors
    by the admin's tag autocomplete, and it goes with the profile. Each row
    belongs to one profile, so deleting the profile deletes its skills.
    """

    profile = models.ForeignKey(
        Profile, verbose_name=_("profil"), on_delete=models.CASCADE, related_name="skills"
    )
    name = models.CharField(_("compétence"), max_length=100)
    normalised = models.CharField(_("forme normalisée"), max_length=100, editable=False)

    objects = SkillManager()

    class Meta:
        verbose_name = _("compétence")
        verbose_name_plural = _("compétences")
        ordering = ["normalised", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "normalised"], name="members_skill_once_per_profile"
            )
        ]
        indexes = [models.Index(fields=["normalised"])]

    def __str__(self):
        return f"Skill {self.pk}"

    def save(self, *args, **kwargs):
        self.name = " ".join(self.name.split())
        self.normalised = normalise_skill(self.name)
        super().save(*args, **kwargs)


class HelperProfile(models.Model):
    """What a helper offers the network: stated truthfully (R-K6), verified by a coordinator."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="helper_profile"
    )
    qualifications = models.TextField(_("qualifications et formations"), max_length=2000)
    certifications = models.TextField(_("certifications"), max_length=2000, blank=True)
    themes = models.ManyToManyField(
        "home.Theme", verbose_name=_("thèmes d’intervention"), blank=True, related_name="+"
    )
    languages = models.CharField(
        _("langues"), max_length=200, default="français", help_text=_("Séparées par des virgules.")
    )
    work_mode = models.CharField(
        _("modalités"), max_length=16, choices=WorkMode.choices, default=WorkMode.REMOTE
    )
    qualifications_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("qualifications vérifiées par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    qualifications_verified_at = models.DateTimeField(
        _("qualifications vérifiées le"), null=True, blank=True
    )
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("profil d’aidant·e")
        verbose_name_plural = _("profils d’aidant·es")

    def __str__(self):
        return f"HelperProfile {self.pk}"

    @property
    def is_verified(self):
        return self.qualifications_verified_at is not None
