"""Joining steps and re-acceptance of new terms stop a person at the door of member areas.

R-C6: until the questionnaire is filled and the terms accepted (and, where the network requires
it, a coordinator has approved), no member area opens. R-C15: when a new version of the
membership terms, or of the helper charter for helpers, requires re-acceptance, an active member
is stopped at the next member-area request until they accept it.

This is the first charter gate (members/charter_gates.py), asked by its one middleware; it
acts on the member areas of the portal: /membres/, /demandes/, /forum/,
/inscriptions/, /entretiens/, /sondages-resultats/, /factures/ and /agrement/. CMS
members-only pages stay closed to newcomers because the Membres group that opens them is granted
on activation only; to stop active members who owe a re-acceptance there too, a
`before_serve_page` hook of home/ and forum/access.py call `step_redirect` (this gate alone)
for pages with view restrictions and for every forum view.
"""

from django.http import HttpResponseRedirect
from django.urls import reverse

from home.models import CharterKind

from . import charter_gates
from .models import MembershipStatus

MEMBER_AREA_PREFIXES = (
    "/membres/",
    "/demandes/",
    "/forum/",
    "/inscriptions/",
    "/entretiens/",
    "/sondages-resultats/",
    "/factures/",
    "/agrement/",
)
# "Mes données" (R-C8) stays reachable at every step: anyone may download or delete their data.
# The private calendar feeds (R-K9) are keyed by their secret address, not by a login: no gate
# stands in front of them (and none copies their address into a `next`).
ALWAYS_OPEN_PREFIXES = ("/membres/mes-donnees/", "/entretiens/agenda/")


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
    """A redirect to the step this request's user is at, or None to let the request through:
    this gate's decision, for pages outside the paths it guards (CMS pages, forum views)."""
    if not request.user.is_authenticated:
        return None
    url = _stop(request, None)
    return HttpResponseRedirect(url) if url is not None else None


def _stop(request, target):
    user = request.user
    if user.is_superuser:
        return None
    url = next_step_url(user)
    if url is not None and request.method == "GET":
        url = charter_gates.and_back(url, request)
    return url


def is_gated(path):
    if not path.startswith(MEMBER_AREA_PREFIXES):
        return False
    if path.startswith(ALWAYS_OPEN_PREFIXES):
        return False
    return path not in joining_paths()


MEMBERSHIP = "membership"

# Asked first: someone still joining meets no other charter.
GATE = charter_gates.CharterGate(
    name=MEMBERSHIP,
    kinds=(CharterKind.MEMBERSHIP_TERMS, CharterKind.HELPER_CHARTER),
    guards=lambda target: is_gated(target.path),
    stop=_stop,
    order=0,
)
