from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    """Members' surveys built in the CMS, answered once and anonymously (R-C14, R-K13)."""

    name = "surveys"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Sondages")

    def ready(self):
        from members import deletion

        from . import page_context  # noqa: F401  (registers the pages' context builders)
        from .deletion import forget_responders

        deletion.register(forget_responders)
