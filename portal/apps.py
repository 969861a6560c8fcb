from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The project shell: settings, URLs, base templates, static files and the French catalogue."""

    name = "portal"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Portail")
