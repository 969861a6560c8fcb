"""Two-factor authentication is mandatory for coordinators and editors (issue #4, item 1)."""

import time

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from members.tests import factories as people
from members.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

ACTIVATE = "/compte/2fa/totp/activate/"
ACCESS_LOG = "/membres/coordination/consultations/"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def with_second_factor(user):
    TOTP.activate(user, SECRET)
    return user


def test_an_editor_without_a_second_factor_is_sent_from_the_admin_to_set_one_up(client_for, editor):
    response = client_for(editor).get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == ACTIVATE


def test_the_editor_is_told_why_in_french(client_for, editor):
    response = client_for(editor).get("/admin/pages/")

    messages = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "activez d’abord la double authentification" in messages
    # Editors publish; they read no personal data, and are not told they do.
    assert "publier au nom du réseau" in messages
    assert "données personnelles" not in messages


def test_the_coordinator_is_told_their_role_reads_personal_data(client_for, coordinator):
    response = client_for(coordinator).get("/demandes/coordination/")

    messages = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "Votre rôle donne accès à des données personnelles" in messages


def test_an_editor_with_a_second_factor_reaches_the_admin(client_for, editor):
    with_second_factor(editor)

    assert client_for(editor).get("/admin/").status_code == 200


def test_a_coordinator_without_a_second_factor_is_sent_to_set_one_up(client_for, coordinator):
    response = client_for(coordinator).get(ACCESS_LOG)

    assert response.status_code == 302
    assert response["Location"] == ACTIVATE


def test_a_coordinator_without_a_second_factor_is_sent_from_the_request_queue_to_set_one_up(
    client_for, coordinator
):
    response = client_for(coordinator).get("/demandes/coordination/")

    assert response.status_code == 302
    assert response["Location"] == ACTIVATE


def test_a_coordinator_with_a_second_factor_reaches_the_coordination_pages(client_for, coordinator):
    with_second_factor(coordinator)

    assert client_for(coordinator).get(ACCESS_LOG).status_code == 200


def test_a_plain_member_is_not_asked_for_a_second_factor(client_for, member):
    response = client_for(member).get("/admin/")

    assert response.get("Location") != ACTIVATE


def test_a_plain_member_is_refused_the_coordination_pages_not_sent_to_mfa(client_for, member):
    assert client_for(member).get(ACCESS_LOG).status_code == 403


def test_the_activation_page_first_asks_for_the_password_again(client_for):
    editor = people.editor(verified_email=True)

    response = client_for(editor).get(ACTIVATE)

    assert response["Location"].startswith("/compte/reauthenticate/")


def test_the_second_factor_pages_stay_reachable_without_a_second_factor(client_for, editor):
    assert client_for(editor).get("/compte/2fa/").status_code == 200


def test_logout_stays_reachable_without_a_second_factor(client_for, editor):
    client = client_for(editor)

    client.post("/compte/logout/")

    assert "_auth_user_id" not in client.session


def test_wagtail_logout_stays_reachable_without_a_second_factor(client_for, editor):
    response = client_for(editor).post("/admin/logout/")

    assert response.get("Location") != ACTIVATE


def test_an_editor_logs_in_with_password_then_code(client_for):
    editor = with_second_factor(people.editor(email="ed@relais.test", verified_email=True))
    client = Client()

    with time_machine.travel(1_800_000_000, tick=False):
        response = client.post("/compte/login/", {"login": "ed@relais.test", "password": PASSWORD})
        assert response["Location"] == "/compte/2fa/authenticate/"
        assert "_auth_user_id" not in client.session

        code = format_hotp_value(hotp_value(SECRET, int(time.time()) // 30))
        client.post("/compte/2fa/authenticate/", {"code": code})

    assert client.session["_auth_user_id"] == str(editor.pk)


def test_a_wrong_code_does_not_log_in(client_for):
    with_second_factor(people.editor(email="ed@relais.test", verified_email=True))
    client = Client()

    with time_machine.travel(1_800_000_000, tick=False):
        client.post("/compte/login/", {"login": "ed@relais.test", "password": PASSWORD})
        right = hotp_value(SECRET, int(time.time()) // 30)
        client.post("/compte/2fa/authenticate/", {"code": format_hotp_value((right + 1) % 10**6)})

    assert "_auth_user_id" not in client.session


def test_an_editor_without_a_second_factor_cannot_open_the_directory(client_for, editor):
    response = client_for(editor).get("/membres/annuaire/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


# --- The session, not the account (security issue, item 1) ------------------------------------

REAUTHENTICATE = "/compte/2fa/reauthenticate/"


def frozen_now():
    """The clock stopped now: the code stays in its 30-second window, and the session, opened
    at the real time, does not time out (members.sessions)."""
    return time_machine.travel(time.time(), tick=False)


def code_now():
    return format_hotp_value(hotp_value(SECRET, int(time.time()) // 30))


def session_without_the_second_factor(client_for, user):
    """A session opened before the device existed: it passed the password only."""
    client = client_for(user)
    with_second_factor(user)
    return client


def test_owning_a_device_is_not_enough_the_session_is_sent_to_enter_the_code(
    client_for, coordinator
):
    client = session_without_the_second_factor(client_for, coordinator)

    response = client.get(ACCESS_LOG)

    assert response.status_code == 302
    assert (
        response["Location"]
        == f"{REAUTHENTICATE}?next=%2Fmembres%2Fcoordination%2Fconsultations%2F"
    )
    messages = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "confirmez cette connexion avec le code" in messages


@pytest.mark.parametrize("path", ["/admin/", "/demandes/coordination/", "/membres/annuaire/"])
def test_every_protected_page_waits_for_the_code(client_for, coordinator, path):
    client = session_without_the_second_factor(client_for, coordinator)

    assert client.get(path)["Location"].startswith(REAUTHENTICATE)


def test_entering_the_code_opens_the_protected_pages(client_for, coordinator):
    client = session_without_the_second_factor(client_for, coordinator)

    with frozen_now():
        response = client.post(f"{REAUTHENTICATE}?next={ACCESS_LOG}", {"code": code_now()})

    assert response["Location"] == ACCESS_LOG
    assert client.get(ACCESS_LOG).status_code == 200


def test_a_wrong_code_keeps_the_protected_pages_closed(client_for, coordinator):
    client = session_without_the_second_factor(client_for, coordinator)

    with frozen_now():
        wrong = format_hotp_value((hotp_value(SECRET, int(time.time()) // 30) + 1) % 10**6)
        client.post(REAUTHENTICATE, {"code": wrong})

    assert client.get(ACCESS_LOG)["Location"].startswith(REAUTHENTICATE)


def test_a_session_without_the_code_cannot_remove_the_device(client_for, editor):
    client = session_without_the_second_factor(client_for, editor)

    response = client.post("/compte/2fa/totp/deactivate/")

    assert response["Location"].startswith(REAUTHENTICATE)
    assert Authenticator.objects.filter(user=editor, type=Authenticator.Type.TOTP).exists()


@pytest.mark.django_db(transaction=True)
def test_an_editor_sets_up_the_second_factor_and_reaches_the_admin_without_a_second_code():
    """allauth announces the activation once its transaction commits: a real commit here."""
    editor = people.editor(email="ed@relais.test", verified_email=True)
    client = Client()
    client.post("/compte/login/", {"login": "ed@relais.test", "password": PASSWORD})
    assert client.get("/admin/")["Location"] == ACTIVATE

    client.post("/compte/reauthenticate/", {"password": PASSWORD})
    client.get(ACTIVATE)
    secret = client.session["mfa.totp.secret"]
    with frozen_now():
        code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
        client.post(ACTIVATE, {"code": code})

    assert client.session["_auth_user_id"] == str(editor.pk)
    assert client.get("/admin/").status_code == 200


def test_a_coordinator_without_a_second_factor_is_sent_to_set_it_up_from_any_coordination_page(
    client_for, coordinator
):
    """Not only the areas the middleware guards: every page behind coordinator_required says
    why and leads to the set-up, instead of a bare 403."""
    response = client_for(coordinator).get("/entretiens/coordination/")

    assert response.status_code == 302
    assert response["Location"] == ACTIVATE
    messages = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "activez d’abord la double authentification" in messages
