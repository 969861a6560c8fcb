"""Two-factor authentication rules (allauth MFA): required for coordinators and editors, and
checked on the session, not on the account.

Issue #4, item 1: coordinators and editors set up a second factor (TOTP, with recovery codes)
before they reach member data or the admin. Security issue, item 1 (R-C8): owning a device is not
enough, this session must have passed it. allauth records in the session each way the person
authenticated ("password", "mfa"…); its login road (/compte/login/, the only one: see
members/views/login.py) asks for the code before the login completes, so a session without an
"mfa" record is one opened some other way — before the device existed, from an old session, or
around allauth.

SecondFactorMiddleware sends such people to set the factor up or to enter it;
members.permissions.coordinator_required refuses them as a second line.
"""

from urllib.parse import urlencode

from allauth.account.internal.flows.login import get_authentication_records, record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.contrib import messages
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import roles

ROLES_REQUIRING_MFA = (roles.COORDINATORS, roles.EDITORS)

# Paths that hold member data or the admin: closed until the second factor is set up and passed.
PROTECTED_PREFIXES = (
    "/admin/",
    "/membres/coordination/",
    "/membres/annuaire/",
    "/demandes/coordination/",
    "/inscriptions/coordination/",
    "/sondages-resultats/",
)
# The second-factor management pages (allauth, under /compte/2fa/): open to set a factor up,
# closed to a session that has not passed the factor it would change or remove.
MANAGEMENT_PREFIX = "/compte/2fa/"
# Inside those, what stays open: entering the code, and leaving.
ALWAYS_OPEN = ("/admin/logout/", "/compte/2fa/reauthenticate/", "/compte/2fa/authenticate/")

SET_UP = "set-up"
ENTER = "enter"


def requires_second_factor(user):
    return user.is_authenticated and any(roles.has_role(user, role) for role in ROLES_REQUIRING_MFA)


def why_second_factor(user):
    """The reason a role asks for the second factor, told truthfully: coordinators read members'
    personal data; editors publish in the network's name but read no personal data."""
    if roles.has_role(user, roles.COORDINATORS):
        return _("Votre rôle donne accès à des données personnelles")
    return _("Votre rôle permet de publier au nom du réseau")


def has_second_factor(user):
    """Whether the account owns a TOTP device (says nothing about the current session)."""
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def passed_second_factor(request):
    """Whether this session authenticated with a second factor: allauth's "mfa" record, written
    when the code is entered at login or re-authentication (and at activation, below)."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def acts_with_second_factor(request):
    """The condition of every right that needs a second factor: the account has one and this
    session passed it."""
    return passed_second_factor(request) and has_second_factor(request.user)


def missing_second_factor(request):
    """What this session lacks before a protected page: SET_UP (no device yet), ENTER (a device,
    not used in this session) or None."""
    user = request.user
    if not requires_second_factor(user):
        return None
    if not has_second_factor(user):
        return SET_UP
    if not passed_second_factor(request):
        return ENTER
    return None


def is_protected_path(path):
    return path.startswith(PROTECTED_PREFIXES) and not path.startswith(ALWAYS_OPEN)


def is_management_path(path):
    return path.startswith(MANAGEMENT_PREFIX) and not path.startswith(ALWAYS_OPEN)


def must_set_up_second_factor(user):
    return requires_second_factor(user) and not has_second_factor(user)


def enter_second_factor_url(request):
    """allauth's re-authentication with the second factor, back to this page afterwards."""
    back = request.get_full_path() if request.method == "GET" else "/"
    return f"{reverse('mfa_reauthenticate')}?{urlencode({'next': back})}"


class SecondFactorMiddleware:
    """Sends coordinators and editors to set up their second factor, or to enter it when this
    session has not (security issue, item 1).

    Only the admin, the coordinators' pages and the second-factor management pages are guarded:
    allauth's other pages (login, re-authentication, logout) under /compte/ always stay reachable,
    and ordinary pages cost no query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        guarded = is_protected_path(path) or is_management_path(path)
        if guarded and request.user.is_authenticated:
            missing = missing_second_factor(request)
            if missing == ENTER or (missing == SET_UP and is_protected_path(path)):
                return send_to_second_factor(request, missing)
        return self.get_response(request)


def send_to_second_factor(request, missing):
    """Where a person who lacks the second factor goes, told why: to set one up (SET_UP) or to
    enter its code and come back (ENTER). Used by the middleware for the protected areas and by
    members.permissions.coordinator_required for every coordinators' page elsewhere."""
    why = why_second_factor(request.user)
    if missing == SET_UP:
        messages.warning(
            request,
            _(
                "%(why)s : activez d’abord la double authentification avec une "
                "application d’authentification."
            )
            % {"why": why},
        )
        return redirect(reverse("mfa_activate_totp"))
    messages.warning(
        request,
        _(
            "%(why)s : confirmez cette connexion avec le code de votre application "
            "d’authentification."
        )
        % {"why": why},
    )
    return HttpResponseRedirect(enter_second_factor_url(request))


@receiver(authenticator_added, dispatch_uid="members.mfa.record_activation")
def _activation_passes_the_second_factor(sender, request, user, authenticator, **kwargs):
    """Activating a TOTP device means entering a code it produced: allauth does not record that
    as an authentication of the session, so the person would be asked for a second code at once.
    Record it as allauth records a code entered at login."""
    if request is not None and authenticator.type == Authenticator.Type.TOTP:
        record_authentication(
            request, user, "mfa", id=authenticator.pk, type=authenticator.type, activated=True
        )
