"""Rate limits that work behind the reverse proxy (security issue, item 2).

Every request reaches the application from the proxy's own address (REMOTE_ADDR 127.0.0.1): the
limits must count the visitor's address as the proxy passes it, and the account, so that one
attacker cannot lock every visitor out and one account cannot be tried from many addresses.
"""

import importlib

import pytest
from django.test import Client, override_settings

from members.tests import factories as people
from members.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.9"
VISITOR = "198.51.100.7"

# The two ways the operator guide lets the proxy pass the visitor's address. Each gives the
# headers of a request from `address`, where the client itself had written `forged`: nginx's
# proxy_set_header replaces X-Real-IP, an appending proxy adds its own entry to X-Forwarded-For.
PROXIES = {
    "x-real-ip": (
        {"ALLAUTH_TRUSTED_CLIENT_IP_HEADER": "X-Real-IP", "ALLAUTH_TRUSTED_PROXY_COUNT": 0},
        lambda address, forged: {"x_real_ip": address},
    ),
    "x-forwarded-for": (
        {"ALLAUTH_TRUSTED_CLIENT_IP_HEADER": None, "ALLAUTH_TRUSTED_PROXY_COUNT": 1},
        lambda address, forged: {"x_forwarded_for": f"{forged}, {address}"},
    ),
}


@pytest.fixture(params=sorted(PROXIES))
def proxy(request):
    """`proxy(address, forged=…)`: the headers the configured proxy passes for that visitor."""
    overrides, headers = PROXIES[request.param]
    with override_settings(**overrides):
        yield lambda address, forged="10.6.6.6": headers(address, forged)


def log_in(email, password, headers):
    """One login attempt from a fresh browser, through the proxy (REMOTE_ADDR is the proxy's)."""
    client = Client(REMOTE_ADDR="127.0.0.1", headers=headers)
    response = client.post("/compte/login/", {"login": email, "password": password})
    return "_auth_user_id" in client.session, response


def test_an_attacker_who_fails_many_logins_does_not_lock_out_other_visitors(proxy):
    people.member(email="visiteuse@relais.test", verified_email=True)
    for n in range(15):
        log_in(f"essai{n}@relais.test", "au-hasard", proxy(ATTACKER))

    logged_in, _response = log_in("visiteuse@relais.test", PASSWORD, proxy(VISITOR))

    assert logged_in


def test_the_attacker_is_stopped_after_ten_failures_whatever_it_forges(proxy):
    people.member(email="autre@relais.test", verified_email=True)
    for n in range(10):
        log_in(f"essai{n}@relais.test", "au-hasard", proxy(ATTACKER, forged=f"10.0.0.{n}"))

    logged_in, response = log_in("autre@relais.test", PASSWORD, proxy(ATTACKER, forged="10.0.0.99"))

    assert not logged_in
    assert "Trop de tentatives" in response.content.decode()


def test_one_account_cannot_be_tried_from_many_addresses(proxy):
    people.member(email="cible@relais.test", verified_email=True)
    for n in range(5):
        log_in("cible@relais.test", "au-hasard", proxy(f"192.0.2.{n + 1}"))

    logged_in, response = log_in("cible@relais.test", PASSWORD, proxy("192.0.2.200"))

    assert not logged_in
    assert "Trop de tentatives" in response.content.decode()


def test_without_a_trusted_header_a_forged_x_real_ip_changes_nothing():
    """Outside production settings no header is trusted: the client cannot pick its address."""
    people.member(email="autre@relais.test", verified_email=True)
    for n in range(10):
        log_in(f"essai{n}@relais.test", "au-hasard", {"x_real_ip": f"10.0.0.{n}"})

    logged_in, _response = log_in("autre@relais.test", PASSWORD, {"x_real_ip": "10.0.0.99"})

    assert not logged_in


def production_settings(monkeypatch, **environment):
    for name, value in {
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "relais.example.org",
        "DATABASE_URL": "sqlite:///inutile.sqlite3",
        **environment,
    }.items():
        monkeypatch.setenv(name, value)
    import portal.settings.production as production

    return importlib.reload(production)


def test_production_reads_the_client_address_from_the_header_set_by_the_proxy(monkeypatch):
    monkeypatch.delenv("TRUSTED_CLIENT_IP_HEADER", raising=False)

    assert production_settings(monkeypatch).ALLAUTH_TRUSTED_CLIENT_IP_HEADER == "X-Real-IP"


def test_production_can_count_proxies_in_x_forwarded_for_instead(monkeypatch):
    production = production_settings(
        monkeypatch, TRUSTED_CLIENT_IP_HEADER="", TRUSTED_PROXY_COUNT="1"
    )

    assert production.ALLAUTH_TRUSTED_CLIENT_IP_HEADER is None
