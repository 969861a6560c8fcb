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
# Issue #17, item 5: a new version of the terms to accept never stands between a member and
# help. These pages (asking for help, one's own requests, their thread) stay open while it
# waits; base.html shows a banner that asks for the acceptance (request.terms_waiting).
HELP_VIEWS = frozenset(
    f"helprequests:{name}"
    for name in (
        "mine",
        "ask",
        "detail",
        "withdraw",
        "consent",
        "offers",
        "answer_offer",
        "questionnaire",
        "supervision_answer",
        "post_message",
        "attachment",
    )
)


def joining_paths():
    return (
        reverse("members:questionnaire"),
        reverse("members:accept_terms"),
        reverse("members:pending"),
    )


def next_step_url(user):
    """Where this person must go before any member area, or None when nothing stops them."""
    url, _reacceptance = _next_step(user)
    return url


def _next_step(user):
    """(the URL of the step, whether it is the re-acceptance of a new version by a member
    already in: joining steps are not), or (None, False)."""
    from .services import joining

    profile = joining.ensure_profile(user)
    if profile.status == MembershipStatus.QUESTIONNAIRE:
        return reverse("members:questionnaire"), False
    if profile.status == MembershipStatus.TERMS:
        return reverse("members:accept_terms"), False
    if profile.status in (MembershipStatus.PENDING, MembershipStatus.REJECTED):
        return reverse("members:pending"), False
    if joining.charter_due(user) is not None:
        return reverse("members:accept_terms"), True
    return None, False


def terms_waiting_url(user):
    """The acceptance page of a new version this member has yet to accept, or None: what the
    home page and the banner of the help pages announce (issue #17, item 5)."""
    if not user.is_authenticated or user.is_superuser:
        return None
    url, reacceptance = _next_step(user)
    return url if reacceptance else None


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
    url, reacceptance = _next_step(user)
    if url is not None and reacceptance and target is not None and target.view_name in HELP_VIEWS:
        # Let them through to help, with a banner asking for the acceptance.
        request.terms_waiting = (
            charter_gates.and_back(url, request) if request.method == "GET" else url
        )
        return None
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
