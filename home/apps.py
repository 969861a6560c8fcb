from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The public face of the network: CMS pages, themes, charters, documentation library."""

    name = "home"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Site")

    def ready(self):
        # Registers the builders of the page models' contexts (see home/context_builders.py).
        from . import cache_invalidation, page_context  # noqa: F401

        # What clears the visitors' pages and the audiences' blocks (portal/page_cache.py).
        cache_invalidation.connect()
