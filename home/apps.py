from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The public face of the network: CMS pages, themes, charters, documentation library."""

    name = "home"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Site")

    def ready(self):
        # Registers the builders of the page models' contexts (see home/context_builders.py).
        from . import page_context  # noqa: F401
