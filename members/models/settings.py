from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class MembershipMode(models.TextChoices):
    OPEN = "open", _("Adhésion libre : le compte s’ouvre dès les conditions acceptées")
    APPROVAL = "approval", _("Adhésion validée par la coordination")


@register_setting(icon="group")
class MembershipSettings(BaseGenericSetting):
    """How people join and how long an idle session lasts (R-C6, R-G10)."""

    mode = models.CharField(
        _("mode d’adhésion"),
        max_length=16,
        choices=MembershipMode.choices,
        default=MembershipMode.APPROVAL,
    )
    inactivity_minutes = models.PositiveSmallIntegerField(
        _("déconnexion après inactivité (minutes)"), default=30
    )
    shared_computer_minutes = models.PositiveSmallIntegerField(
        _("déconnexion après inactivité sur un ordinateur partagé (minutes)"), default=10
    )

    panels = [
        FieldPanel("mode"),
        FieldPanel("inactivity_minutes"),
        FieldPanel("shared_computer_minutes"),
    ]

    class Meta:
        verbose_name = _("adhésion et sessions")
