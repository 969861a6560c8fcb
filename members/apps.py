from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    """People of the network: accounts, roles and (later) profiles with per-field privacy."""

    name = "members"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Membres")

    def ready(self):
        from . import (
            charter_gates,
            gate,
            mfa,  # noqa: F401  (connects the receiver that records a TOTP activation)
            sessions,  # noqa: F401  (connects the login receiver: R-G10 timeout)
        )

        charter_gates.register(gate.GATE)
