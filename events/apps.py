from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Trainings, conferences, webinars and helpers' meetings with limited seats, waiting lists
    and attendance (R-A4, R-A9, R-C14)."""

    name = "events"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Événements")

    def ready(self):
        from members import deletion

        # Importing these registers the periodic jobs and the pages' context builders.
        from . import jobs, page_context  # noqa: F401
        from .deletion import forget_registrations

        deletion.register(forget_registrations)
