"""Joining steps and re-acceptance of new terms stop a person at the door of member areas.

R-C6: until the questionnaire is filled and the terms accepted (and, where the network requires
it, a coordinator has approved), no member area opens. R-C15: when a new version of the
membership terms, or of the helper charter for helpers, requires re-acceptance, an active member
is stopped at the next member-area request until they accept it.

The middleware acts on the member areas of the portal: /membres/, /demandes/, /forum/,
/inscriptions/, /entretiens/ and /sondages-resultats/. CMS
members-only pages stay closed to newcomers because the Membres group that opens them is granted
on activation only; to stop active members who owe a re-acceptance there too, a
`before_serve_page` hook of home/ calls `step_redirect` for pages with view restrictions.
"""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import reverse

from .models import MembershipStatus

MEMBER_AREA_PREFIXES = (
    "/membres/",
    "/demandes/",
    "/forum/",
    "/inscriptions/",
    "/entretiens/",
    "/sondages-resultats/",
)
# "Mes données" (R-C8) stays reachable at every step: anyone may download or delete their data.
ALWAYS_OPEN_PREFIXES = ("/membres/mes-donnees/",)


def joining_paths():
    return (
        reverse("members:questionnaire"),
        reverse("members:accept_terms"),
        reverse("members:pending"),
    )


def next_step_url(user):
    """Where this person must go before any member area, or None when nothing stops them."""
    from .services import joining

    profile = joining.ensure_profile(user)
    if profile.status == MembershipStatus.QUESTIONNAIRE:
        return reverse("members:questionnaire")
    if profile.status == MembershipStatus.TERMS:
        return reverse("members:accept_terms")
    if profile.status in (MembershipStatus.PENDING, MembershipStatus.REJECTED):
        return reverse("members:pending")
    if joining.charter_due(user) is not None:
        return reverse("members:accept_terms")
    return None


def step_redirect(request):
    """A redirect to the step this request's user is at, or None to let the request through."""
    user = request.user
    if not user.is_authenticated or user.is_superuser:
        return None
    url = next_step_url(user)
    if url is None:
        return None
    if request.method == "GET":
        url = f"{url}?{urlencode({'next': request.get_full_path()})}"
    return HttpResponseRedirect(url)


def is_gated(path):
    if not path.startswith(MEMBER_AREA_PREFIXES):
        return False
    if path.startswith(ALWAYS_OPEN_PREFIXES):
        return False
    return path not in joining_paths()


class MembershipGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_gated(request.path_info) and request.user.is_authenticated:
            response = step_redirect(request)
            if response is not None:
                return response
        return self.get_response(request)
