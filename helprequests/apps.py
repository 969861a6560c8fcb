from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpRequestsConfig(AppConfig):
    """Confidential help requests routed to the network's helpers (issue #6, R-C1..C5, R-P2..P8)."""

    name = "helprequests"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Demandes d’aide")

    def ready(self):
        from members import deletion
        from members.services import data_rights

        from .data_rights import help_requests_section
        from .deletion import forget_help_requests

        deletion.register(forget_help_requests)
        data_rights.register_section(help_requests_section)
