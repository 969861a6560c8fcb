"""Who may do what in the members' area, in one table the tests walk (STYLE.md).

Each view of members/ is wrapped by one of the decorators below, which both enforces the rule
and declares the view's audience for portal/tests/test_access.py.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.cache import add_never_cache_headers

from portal.access import MEMBERS, STAFF, audience

from . import roles

# Which roles reach which group of pages. "active member" means: joined, terms accepted,
# approved where the network requires it (Profile.status == active) — that is exactly the
# Membres group, which joining grants and deletion removes.
RULES = {
    "account": "any logged-in person, whatever their joining step",
    "member": "active members (group Membres)",
    "helper": "helpers (group Aidants)",
    "coordinator": "coordinators (group Coordination), in a session that passed their second "
    "factor",
}


def _deny(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def _private(view):
    """Pages about a person are never cached anywhere (R-G10)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        response["Cache-Control"] = "no-store, no-cache, must-revalidate, private, max-age=0"
        return response

    return wrapped


def requires(check, who, rule):
    """A decorator that lets through only logged-in people for whom `check(user)` holds (login
    for visitors, 403 otherwise), never caches the page, and declares its audience. Other apps
    build their own rules on it (forum/moderation/permissions.py)."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated or not check(request.user):
                return _deny(request)
            return view(request, *args, **kwargs)

        return audience(who, rule=rule)(_private(wrapped))

    return decorate


def account_required(view):
    """Any logged-in person (joining steps, data rights)."""
    return requires(lambda user: True, MEMBERS, RULES["account"])(view)


def member_required(view):
    return requires(lambda user: roles.has_role(user, roles.MEMBERS), MEMBERS, RULES["member"])(
        view
    )


def helper_required(view):
    return requires(lambda user: roles.has_role(user, roles.HELPERS), STAFF, RULES["helper"])(view)


def coordinator_required(view):
    """Coordinators only, and only in a session that passed their second factor (R-C8): having
    set one up is not enough (members.mfa)."""
    from .mfa import acts_with_second_factor, missing_second_factor, send_to_second_factor

    @wraps(view)
    def with_second_factor(request, *args, **kwargs):
        if not acts_with_second_factor(request):
            # Told why and sent to set the factor up or enter its code, not left on a bare 403.
            missing = missing_second_factor(request)
            if missing is not None:
                return send_to_second_factor(request, missing)
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return requires(
        lambda user: roles.has_role(user, roles.COORDINATORS), STAFF, RULES["coordinator"]
    )(with_second_factor)
