from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    """Home of the django-machina integration and its moderation additions (issue #5).

    Its label is not "forum": machina's own forum app already uses that one.
    """

    name = "forum"
    default_auto_field = "django.db.models.BigAutoField"
    label = "relais_forum"
    verbose_name = _("Forum")

    def ready(self):
        # The account-deletion hook (members/deletion.py).
        from . import deletion  # noqa: F401
