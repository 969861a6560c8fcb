from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProfileAccess(models.Model):
    """A coordinator opened someone's full profile (R-C8): who, whom, when."""

    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile_accesses"
    )
    accessed_at = models.DateTimeField(_("consulté le"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("consultation de profil")
        verbose_name_plural = _("consultations de profils")
        ordering = ["-accessed_at"]

    def __str__(self):
        return f"ProfileAccess {self.pk}"
