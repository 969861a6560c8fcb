"""Two-factor authentication rules (allauth MFA): required for coordinators and editors.

Issue #4, item 1: coordinators and editors set up a second factor (TOTP, with recovery codes)
before they reach member data or the admin. SecondFactorMiddleware sends them to allauth's
activation page; members.permissions.coordinator_required refuses them as a second line.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import roles

ROLES_REQUIRING_MFA = (roles.COORDINATORS, roles.EDITORS)

# Paths that hold member data or the admin: closed until the second factor is set up.
PROTECTED_PREFIXES = (
    "/admin/",
    "/membres/coordination/",
    "/membres/annuaire/",
    "/demandes/coordination/",
    "/inscriptions/coordination/",
    "/sondages-resultats/",
)
# Inside those, what stays open: leaving.
ALWAYS_OPEN = ("/admin/logout/",)


def requires_second_factor(user):
    return user.is_authenticated and any(roles.has_role(user, role) for role in ROLES_REQUIRING_MFA)


def has_second_factor(user):
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def is_protected_path(path):
    return path.startswith(PROTECTED_PREFIXES) and not path.startswith(ALWAYS_OPEN)


def must_set_up_second_factor(user):
    return requires_second_factor(user) and not has_second_factor(user)


class SecondFactorMiddleware:
    """Sends coordinators and editors without a second factor to set one up (issue #4).

    Only the admin and the coordinators' pages are guarded, so allauth's own pages (activation,
    re-authentication, logout) under /compte/ always stay reachable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            is_protected_path(request.path)
            and request.user.is_authenticated
            and must_set_up_second_factor(request.user)
        ):
            messages.warning(
                request,
                _(
                    "Votre rôle donne accès à des données personnelles : activez d’abord la "
                    "double authentification avec une application d’authentification."
                ),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
