"""Members only, on every forum page (issue #5, item 2).

Every view under /forum/, machina's included, is wrapped here: a visitor is sent to the login
page, someone still joining to their joining step (as on the members' pages), and anyone else
without the Membres group gets a 403. The wrapper also declares the audience that
portal/tests/test_access.py checks on each forum route. Inside, machina's per-forum permissions
(forum/migrations/0002_forum_permissions.py) decide which forums each member sees and what they
may do there.
"""

from functools import wraps

from django.urls import URLPattern, URLResolver

from members.gate import step_redirect
from members.permissions import member_required

from . import identity

RULE = "active members (group Membres), then machina's per-forum permissions"


def _with_identity(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        identity.ensure_identity(request.user)
        return view(request, *args, **kwargs)

    return wrapped


def members_only(view):
    """Wrap a forum view: joining step first, then the Membres group, then a forum identity."""
    protected = member_required(_with_identity(view))

    @wraps(protected)
    def gated(request, *args, **kwargs):
        step = step_redirect(request)
        if step is not None:
            return step
        return protected(request, *args, **kwargs)

    gated.relais_rule = RULE
    return gated


def members_only_patterns(patterns):
    """The same URL patterns, each view wrapped by `members_only` (machina's included)."""
    wrapped = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            wrapped.append(
                URLResolver(
                    pattern.pattern,
                    members_only_patterns(pattern.url_patterns),
                    pattern.default_kwargs,
                    pattern.app_name,
                    pattern.namespace,
                )
            )
        elif isinstance(pattern, URLPattern):
            wrapped.append(
                URLPattern(
                    pattern.pattern,
                    members_only(pattern.callback),
                    pattern.default_args,
                    pattern.name,
                )
            )
    return wrapped
