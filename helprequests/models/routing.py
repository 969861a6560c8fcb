from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RoutingStatus(models.TextChoices):
    OFFERED = "offered", _("Proposée")
    ACCEPTED = "accepted", _("Acceptée")
    DECLINED = "declined", _("Déclinée")
    STEPPED_ASIDE = "stepped_aside", _("Retrait (personne connue)")
    WITHDRAWN = "withdrawn", _("Retirée par la coordination")
    ENDED = "ended", _("Terminée")


class Routing(models.Model):
    """A request offered to one helper (R-C9), and the two consents of R-C10."""

    request = models.ForeignKey(
        "helprequests.HelpRequest", on_delete=models.CASCADE, related_name="routings"
    )
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="help_routings"
    )
    status = models.CharField(
        _("réponse"), max_length=16, choices=RoutingStatus.choices, default=RoutingStatus.OFFERED
    )
    routed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    routed_at = models.DateTimeField(_("proposée le"))
    responded_at = models.DateTimeField(_("réponse le"), null=True, blank=True)
    response_note = models.TextField(_("note de l’aidant·e"), blank=True)
    # R-C10: contact details pass only when both have agreed.
    member_consent_at = models.DateTimeField(_("accord du membre le"), null=True, blank=True)
    helper_consent_at = models.DateTimeField(_("accord de l’aidant·e le"), null=True, blank=True)

    class Meta:
        ordering = ["routed_at", "pk"]
        verbose_name = _("proposition à un·e aidant·e")
        verbose_name_plural = _("propositions aux aidant·es")
        constraints = [
            models.UniqueConstraint(fields=["request", "helper"], name="one_routing_per_helper"),
            models.UniqueConstraint(
                fields=["request"],
                condition=models.Q(status="accepted"),
                name="one_helper_takes_a_request",
            ),
        ]

    def __str__(self):
        return f"Routing {self.pk}"

    @property
    def contact_shared(self):
        return (
            self.status == RoutingStatus.ACCEPTED
            and self.member_consent_at is not None
            and self.helper_consent_at is not None
        )
