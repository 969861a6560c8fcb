"""Which charter must this person accept before this page, and where to send them: one decision
for every charter kind (issue #11 item 5; R-C6, R-C14, R-C15).

A charter gate declares the charter kinds it asks for, the pages it stands in front of
(`guards`), and, for this person, the acceptance page to send them to (`stop`, None to let them
through). Gates are registered here by the app that owns the charter, once, when Django starts:
members registers the membership gate (joining steps, then the membership terms or the helper
charter in force; members/gate.py), the forum its rules gate (forum/moderation/rules.py). One
middleware, `CharterGateMiddleware`, asks them in order on every request of someone logged in;
the first that stops the person answers with a redirect to its page (which carries `next`,
built by `and_back`, so the acceptance page sends them back). Every acceptance page records the
acceptance through members.services.joining.record_acceptance.

Guards see the path and, resolved only when a gate asks for it, the URL name and arguments,
so a page that no gate guards costs no query here.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve


class Target:
    """The page asked for: its path, and its URL resolved on first use."""

    def __init__(self, request):
        self.request = request
        self.path = request.path_info

    @cached_property
    def match(self):
        try:
            return resolve(self.path)
        except Resolver404:
            return None

    @property
    def view_name(self):
        return self.match.view_name if self.match is not None else None

    @property
    def kwargs(self):
        return self.match.kwargs if self.match is not None else {}


@dataclass(frozen=True)
class CharterGate:
    name: str
    kinds: tuple
    guards: Callable  # guards(target) -> bool: does this gate stand in front of this page?
    stop: Callable  # stop(request, target) -> URL of the acceptance page, or None
    order: int = 100


_GATES = {}


def register(gate):
    """Add (or replace, by name) a gate; gates are asked by `order`, then by name."""
    _GATES[gate.name] = gate


def registered():
    return sorted(_GATES.values(), key=lambda gate: (gate.order, gate.name))


def stopped_at(request, target=None):
    """The redirect to the acceptance page this person must pass before `target` (this request's
    page by default), or None to let them through."""
    if not request.user.is_authenticated:
        return None
    target = target if target is not None else Target(request)
    for gate in registered():
        if not gate.guards(target):
            continue
        url = gate.stop(request, target)
        if url is not None:
            return HttpResponseRedirect(url)
    return None


def and_back(url, request):
    """`url` with a `next` back to the page this request asked for."""
    return f"{url}?{urlencode({'next': request.get_full_path()})}"


class CharterGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = stopped_at(request)
        if response is not None:
            return response
        return self.get_response(request)
