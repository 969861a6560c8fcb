from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    """Helpers' availability and the sessions booked on a help request, within the
    organisation's quota, with the 48-hour cancellation rule (R-A3, R-A5, R-K2)."""

    name = "appointments"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Entretiens")

    def ready(self):
        from helprequests import handover
        from members import deletion

        from . import (
            confirmations,  # noqa: F401  (registers the sessions' calendar files)
            jobs,  # noqa: F401  (registers the periodic jobs)
        )
        from .deletion import forget_sessions
        from .handover import cancel_coming_sessions

        deletion.register(forget_sessions)
        handover.register(cancel_coming_sessions)
