from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccreditationConfig(AppConfig):
    """Helpers' accreditation (issue #19; R-K1, R-K10, R-K14..R-K17, R-A13, R-G2): pauses,
    suspensions and withdrawals, complaints judged against the charter, and the obligations
    (insurance, continuing training, supervision) coordinators follow."""

    name = "accreditation"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Agrément des aidant·es")

    def ready(self):
        from members import deletion

        from . import jobs  # noqa: F401  (registers the periodic job)
        from .services import forget_person

        deletion.register(forget_person)
