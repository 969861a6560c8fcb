"""One mechanism decides which charter a person must accept before a page (issue #11 item 5):
the gates registered in members.charter_gates, asked by one middleware."""

from django.conf import settings

from home.models import CharterKind
from members import charter_gates


def test_the_membership_gate_is_asked_first_then_the_forum_rules():
    assert [gate.name for gate in charter_gates.registered()] == ["membership", "forum_rules"]


def test_each_gate_names_charter_kinds_that_exist():
    for gate in charter_gates.registered():
        assert gate.kinds and set(gate.kinds) <= set(CharterKind.values), gate.name


def test_one_middleware_asks_the_gates():
    gates = [name for name in settings.MIDDLEWARE if "Gate" in name or "Rules" in name]
    assert gates == ["members.middleware.CharterGateMiddleware"]
