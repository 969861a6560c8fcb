from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledRun(models.Model):
    """When each periodic job of portal.schedule last ran (one row per job)."""

    name = models.CharField(_("tâche"), max_length=200, unique=True)
    last_run = models.DateTimeField(_("dernière exécution"), null=True, blank=True)

    class Meta:
        verbose_name = _("exécution planifiée")
        verbose_name_plural = _("exécutions planifiées")

    def __str__(self):
        return self.name
