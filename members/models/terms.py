from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TermsAcceptance(models.Model):
    """A person accepted one version of a charter or of the terms (R-C6, R-C15, R-K1).

    The kind and version label are copied, so the record stays readable if the page goes.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="terms_acceptances"
    )
    charter = models.ForeignKey(
        "home.CharterPage", null=True, on_delete=models.SET_NULL, related_name="acceptances"
    )
    kind = models.CharField(_("type"), max_length=32)
    version_label = models.CharField(_("version"), max_length=40)
    accepted_at = models.DateTimeField(_("acceptée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("acceptation de charte")
        verbose_name_plural = _("acceptations de chartes")
        ordering = ["-accepted_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "charter"], name="one_acceptance_per_version")
        ]

    def __str__(self):
        return f"TermsAcceptance {self.pk}"
