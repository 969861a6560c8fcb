from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvoicingConfig(AppConfig):
    """Helpers' invoices to the operator for the sessions they held (R-A3, R-A8): billable
    sessions, drafts at the threshold or each half-year, numbered issue, PDF, credit notes."""

    name = "invoicing"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Factures des aidant·es")

    def ready(self):
        from members import deletion

        from . import jobs  # noqa: F401  (registers the periodic job)
        from .services import forget_helper

        deletion.register(forget_helper)
