"""One login road (security issue, item 1; R-C8, R-G10): every address that logs in goes through
allauth's flow, with its e-mail verification, second-factor stage and rate limits.

The attacker's view: every URL of the project whose view logs someone in is found by walking the
resolver, and each is tried with the password of a person who owns a second factor, with the
password of an unconfirmed address, and with the right password after 15 wrong ones.
"""

import time

import pytest
import time_machine
from allauth.account.views import LoginView as AllauthLoginView
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.contrib.auth.views import LoginView as DjangoLoginView
from django.test import Client
from django.urls import get_resolver

from members.tests import factories as people
from members.tests.factories import PASSWORD
from portal.tests.test_access import walk_patterns

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
NOW = 1_800_000_000


def _logs_in(pattern):
    view = getattr(pattern.callback, "view_class", None)
    is_login_view = isinstance(view, type) and issubclass(view, (DjangoLoginView, AllauthLoginView))
    return is_login_view or "login" in (pattern.name or "")


def login_addresses():
    """Every address whose view logs in (or says it does), parameters-free routes only."""
    return sorted(
        {
            "/" + route
            for route, pattern in walk_patterns(get_resolver().url_patterns)
            if _logs_in(pattern) and "<" not in route and "(" not in route
        }
    )


def attempt(client, address, email, password):
    """Post credentials under every name a login form of the project reads."""
    credentials = {"login": email, "username": email, "email": email, "password": password}
    return client.post(address, credentials, follow=True)


def is_logged_in(client):
    return "_auth_user_id" in client.session


def test_the_walk_finds_the_login_forms_of_wagtail_and_allauth():
    assert {"/admin/login/", "/_util/login/", "/compte/login/"} <= set(login_addresses())


def test_the_login_road_logs_in_a_confirmed_member_with_the_right_password():
    """The control of the tests below: the posted fields do log in where logging in is allowed."""
    people.member(email="membre@relais.test", verified_email=True)
    client = Client()

    attempt(client, "/compte/login/", "membre@relais.test", PASSWORD)

    assert is_logged_in(client)


@pytest.mark.parametrize("address", login_addresses())
def test_no_login_address_lets_in_a_second_factor_owner_with_the_password_alone(address):
    editor = people.editor(email="ed@relais.test", verified_email=True)
    TOTP.activate(editor, SECRET)
    client = Client()

    attempt(client, address, "ed@relais.test", PASSWORD)

    assert not is_logged_in(client)
    # The admin does not open: it sends to the login road (or to its pending code step).
    assert client.get("/admin/", follow=True).redirect_chain[-1][0].startswith("/compte/")


@pytest.mark.parametrize("address", login_addresses())
def test_no_login_address_lets_in_an_unconfirmed_address(address):
    people.member(email="pas-confirme@relais.test")
    client = Client()

    attempt(client, address, "pas-confirme@relais.test", PASSWORD)

    assert not is_logged_in(client)


@pytest.mark.parametrize("address", login_addresses())
def test_no_login_address_lets_in_after_fifteen_wrong_passwords(address):
    people.member(email="cible@relais.test", verified_email=True)
    client = Client()
    for _attempt in range(15):
        attempt(client, address, "cible@relais.test", "pas-le-bon-mot-de-passe")

    attempt(client, address, "cible@relais.test", PASSWORD)

    assert not is_logged_in(client)


@pytest.mark.parametrize("address", ["/admin/login/", "/_util/login/"])
def test_wagtail_login_addresses_send_to_the_login_road_with_their_next(client, address):
    response = client.get(f"{address}?next=/admin/pages/")

    assert response.status_code == 302
    assert response["Location"] == "/compte/login/?next=/admin/pages/"


def test_a_next_pointing_outside_the_site_is_dropped(client):
    response = client.get("/admin/login/?next=https://ailleurs.example/")

    assert response["Location"] == "/compte/login/"


def test_the_admin_sends_visitors_to_the_login_road(client):
    response = client.get("/admin/pages/", follow=True)

    assert response.redirect_chain[-1][0] == "/compte/login/?next=/admin/pages/"


def test_a_logged_in_member_without_admin_access_is_refused_not_sent_round_in_circles(
    client_for, member
):
    response = client_for(member).get("/admin/", follow=True)

    assert response.status_code == 403
    assert len(response.redirect_chain) == 1


def test_the_login_road_with_password_and_code_opens_the_admin():
    editor = people.editor(email="ed@relais.test", verified_email=True)
    TOTP.activate(editor, SECRET)
    client = Client()

    with time_machine.travel(NOW, tick=False):
        client.post(
            "/compte/login/?next=/admin/", {"login": "ed@relais.test", "password": PASSWORD}
        )
        code = format_hotp_value(hotp_value(SECRET, int(time.time()) // 30))
        response = client.post("/compte/2fa/authenticate/", {"code": code})

    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
