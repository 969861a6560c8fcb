from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AlertKind(models.TextChoices):
    DANGER = "danger", _("Danger pour une personne")
    UNLAWFUL = "unlawful", _("Actes illicites")
    OTHER_SERIOUS = "serious", _("Autre situation grave")


# Who raised an alert, as the coordination reads it: "levée le … (l’aidant·e)".
RAISED_BY_LABELS = {
    "helper": _("l’aidant·e"),
    "coordinator": _("la coordination"),
}


class Alert(models.Model):
    """R-A12: an alert raised on a request; this table is the alerts' own log."""

    request = models.ForeignKey(
        "helprequests.HelpRequest", on_delete=models.CASCADE, related_name="alerts"
    )
    kind = models.CharField(_("nature"), max_length=16, choices=AlertKind.choices)
    note = models.TextField(_("note"))
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    raised_by_role = models.CharField(max_length=16)
    raised_at = models.DateTimeField(_("levée le"))
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(_("traitée le"), null=True, blank=True)
    handling_note = models.TextField(_("suites données"), blank=True)

    class Meta:
        ordering = ["-raised_at", "-pk"]
        verbose_name = _("alerte")
        verbose_name_plural = _("alertes")

    def __str__(self):
        return f"Alert {self.pk}"

    @property
    def raised_by_label(self):
        """The translated role of whoever raised it (never the raw stored value)."""
        return str(RAISED_BY_LABELS.get(self.raised_by_role, _("la coordination")))


class DelayNotice(models.Model):
    """R-C3: passing the promised date needs a notice with its reason, shown to the member."""

    request = models.ForeignKey(
        "helprequests.HelpRequest", on_delete=models.CASCADE, related_name="delays"
    )
    previous_date = models.DateField(_("date promise auparavant"), null=True)
    new_date = models.DateField(_("nouvelle date"))
    reason = models.TextField(_("motif"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("le"))

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("report annoncé")
        verbose_name_plural = _("reports annoncés")

    def __str__(self):
        return f"Delay {self.pk}"


class RequestAccess(models.Model):
    """Each opening of a request by a coordinator (as for profiles in members.ProfileAccess)."""

    request = models.ForeignKey(
        "helprequests.HelpRequest", on_delete=models.CASCADE, related_name="accesses"
    )
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("consultation d’une demande")
        verbose_name_plural = _("consultations des demandes")

    def __str__(self):
        return f"RequestAccess {self.pk}"
