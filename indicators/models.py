"""Organisation reports (R-A2): who reads them, and the helpers' remarks they may quote.

Both live outside help requests and sessions on purpose: retention and account deletion erase
what a session's helper wrote (appointments.HelperFeedback goes with its session), but a remark
a coordinator has reviewed, stripped of names and approved is the network's text, kept with the
organisation and the month it is about, and linked to nobody.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationContact(models.Model):
    """The "organisation contact" role: a person of a client organisation who reads that
    organisation's reports (R-A2) and nothing else of the portal's member data."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_contact"
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    created_at = models.DateTimeField(_("désigné·e le"), auto_now_add=True)

    class Meta:
        verbose_name = _("contact d’organisation")
        verbose_name_plural = _("contacts d’organisation")

    def __str__(self):
        return f"OrganisationContact {self.pk}"


class RemarkKind(models.TextChoices):
    DIFFICULTIES = "difficulties", _("Difficultés rencontrées")
    IMPROVEMENTS = "improvements", _("Améliorations suggérées")


class RemarkReview(models.Model):
    """A coordinator's decision on one helper's remark: approved with the text as reviewed
    (names removed), or set aside. Only approved reviews reach a report."""

    feedback = models.ForeignKey(
        "appointments.HelperFeedback",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("nature"), max_length=16, choices=RemarkKind.choices)
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="remark_reviews",
    )
    month = models.DateField(_("mois"))
    text = models.TextField(_("remarque relue"), blank=True)
    approved = models.BooleanField(_("approuvée"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("relue le"))

    class Meta:
        ordering = ["month", "pk"]
        verbose_name = _("remarque relue")
        verbose_name_plural = _("remarques relues")
        constraints = [
            models.UniqueConstraint(
                fields=["feedback", "kind"],
                condition=models.Q(feedback__isnull=False),
                name="one_review_per_remark",
            ),
            models.CheckConstraint(
                condition=models.Q(approved=False) | ~models.Q(text=""),
                name="approved_remark_has_text",
            ),
        ]

    def __str__(self):
        return f"RemarkReview {self.pk}"


class Trial(models.Model):
    """R-P9: the service run as a time-boxed trial, with the goals its relevance is judged on.
    Each goal is optional; the dashboard compares the period's figures with them."""

    name = models.CharField(_("nom"), max_length=120)
    starts_on = models.DateField(_("début"))
    ends_on = models.DateField(_("fin"))
    goal_requests = models.PositiveIntegerField(
        _("demandes attendues (au moins)"), null=True, blank=True
    )
    goal_in_time_share = models.PositiveSmallIntegerField(
        _("prises en compte dans le délai (% au moins)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )
    goal_sessions_held = models.PositiveIntegerField(
        _("entretiens tenus (au moins)"), null=True, blank=True
    )
    goal_satisfaction = models.DecimalField(
        _("satisfaction moyenne (au moins, de 1 à 5)"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("période d’essai")
        verbose_name_plural = _("périodes d’essai")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="trial_ends_after_start",
            )
        ]

    def __str__(self):
        return self.name
