from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumModerationConfig(AppConfig):
    """Relais's moderation additions to machina: reports, moderation log, forum rules, approval
    of newcomers' posts (issue #5, R-C14)."""

    name = "forum.moderation"
    label = "relais_moderation"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Modération du forum")

    def ready(self):
        from members import charter_gates

        from . import rules

        charter_gates.register(rules.GATE)
