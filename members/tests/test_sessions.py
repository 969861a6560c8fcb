"""Safe sessions (R-G10): idle sessions end, shared computers end sooner, logout clears all."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.test import Client, RequestFactory

from members import sessions  # noqa: F401  (connects the login receiver; see the report)
from members.models import MembershipSettings
from members.tests import factories as people
from members.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
PAGE = "/membres/mes-donnees/"
EXTEND = "/membres/session/prolonger/"
LOGIN_FORM = {"login": "membre@relais.test", "password": PASSWORD}


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def login_form_setting(settings):
    settings.ACCOUNT_FORMS = {"login": "members.forms.login.LoginForm"}


@pytest.fixture
def verified_member(db):
    return people.member(email="membre@relais.test", verified_email=True)


def logged_in(response):
    return response.wsgi_request.user.is_authenticated


def test_a_session_stays_open_before_the_inactivity_time(clock, client_for, member):
    client = client_for(member)

    clock.shift(dt.timedelta(minutes=29))

    assert client.get(PAGE).status_code == 200


def test_a_session_ends_after_thirty_minutes_without_a_request(clock, client_for, member):
    client = client_for(member)

    clock.shift(dt.timedelta(minutes=30))
    response = client.get(PAGE)

    assert response.status_code == 302
    assert response["Location"] == "/compte/login/?next=/membres/mes-donnees/"
    assert "_auth_user_id" not in client.session


def test_an_expired_session_says_why(clock, client_for, member):
    client = client_for(member)

    clock.shift(dt.timedelta(minutes=31))
    response = client.get(PAGE)

    assert "Votre session a expiré" in " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_each_request_restarts_the_inactivity_clock(clock, client_for, member):
    client = client_for(member)
    clock.shift(dt.timedelta(minutes=20))
    client.get(PAGE)

    clock.shift(dt.timedelta(minutes=20))

    assert client.get(PAGE).status_code == 200


def test_the_inactivity_time_comes_from_the_network_settings(clock, client_for, member):
    MembershipSettings.objects.update_or_create(pk=1, defaults={"inactivity_minutes": 5})
    client = client_for(member)

    clock.shift(dt.timedelta(minutes=6))

    assert client.get(PAGE).status_code == 302


def test_the_login_form_offers_the_shared_computer_choice(login_form_setting):
    page = Client().get("/compte/login/").content.decode()

    assert "Je suis sur un ordinateur partagé" in page


def test_a_shared_computer_session_ends_with_the_browser(login_form_setting, verified_member):
    client = Client()

    client.post("/compte/login/", {**LOGIN_FORM, "shared_computer": "on"})

    assert "_auth_user_id" in client.session
    assert client.session.get_expire_at_browser_close()


def test_a_shared_computer_session_ends_after_the_shorter_time(
    clock, login_form_setting, verified_member
):
    client = Client()
    client.post("/compte/login/", {**LOGIN_FORM, "shared_computer": "on"})

    clock.shift(dt.timedelta(minutes=11))

    assert not logged_in(client.get(PAGE))


def test_a_personal_computer_session_outlives_the_shared_computer_time(
    clock, login_form_setting, verified_member
):
    client = Client()
    client.post("/compte/login/", LOGIN_FORM)

    clock.shift(dt.timedelta(minutes=11))

    assert client.get(PAGE).status_code == 200


def test_staying_connected_answers_no_content(client_for, member):
    assert client_for(member).post(EXTEND).status_code == 204


def test_staying_connected_restarts_the_inactivity_clock(clock, client_for, member):
    client = client_for(member)
    clock.shift(dt.timedelta(minutes=28))
    client.post(EXTEND)

    clock.shift(dt.timedelta(minutes=28))

    assert client.get(PAGE).status_code == 200


def test_staying_connected_cannot_revive_an_expired_session(clock, client_for, member):
    client = client_for(member)

    clock.shift(dt.timedelta(minutes=31))

    assert client.post(EXTEND).status_code == 302
    assert "_auth_user_id" not in client.session


def test_staying_connected_is_post_only(client_for, member):
    assert client_for(member).get(EXTEND).status_code == 405


def test_staying_connected_needs_a_login():
    response = Client().post(EXTEND)

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")


def test_logout_asks_the_browser_to_clear_everything(client_for, member):
    response = client_for(member).post("/compte/logout/")

    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'


def test_an_expired_session_clears_the_pages_from_the_browser(clock, client_for, member):
    client = client_for(member)

    clock.shift(dt.timedelta(minutes=31))

    assert client.get(PAGE)["Clear-Site-Data"] == '"cache", "storage"'


def test_an_ordinary_page_does_not_clear_the_browser(client_for, member):
    assert "Clear-Site-Data" not in client_for(member).get(PAGE)


def test_the_warning_knows_how_long_the_session_has_left(clock, client_for, member):
    client = client_for(member)
    clock.shift(dt.timedelta(seconds=30))

    request = client.get(PAGE).wsgi_request

    assert request.relais_session_seconds_left == 30 * 60 - 30
    html = render_to_string("members/session_warning.html", {"request": request, "user": member})
    assert 'data-seconds-left="1770"' in html
    assert 'action="/membres/session/prolonger/"' in html
    assert "Rester connecté" in html


def test_the_warning_is_not_shown_to_a_visitor(db):
    request = RequestFactory().get("/")

    html = render_to_string(
        "members/session_warning.html", {"request": request, "user": AnonymousUser()}
    )

    assert "session-warning" not in html
