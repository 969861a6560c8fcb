"""Messages after account actions name nobody (security issue, item 12): Django keeps them in a
cookie until they are shown, so a name or an address there would travel in every request and
stay in the browser of a shared computer (R-G10)."""

from pathlib import Path

import allauth
import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.template.loader import render_to_string
from django.test import Client, RequestFactory

from members.tests import factories as people
from members.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

ALLAUTH_TEMPLATES = Path(allauth.__file__).parent / "templates"
MESSAGE_TEMPLATES = sorted(
    str(path.relative_to(ALLAUTH_TEMPLATES)) for path in ALLAUTH_TEMPLATES.glob("*/messages/*.txt")
)


def test_logging_in_says_connexion_reussie_and_puts_no_name_in_the_cookie():
    people.member(
        email="camille@relais.test", first_name="Camille", last_name="Durand", verified_email=True
    )
    client = Client()

    response = client.post("/compte/login/", {"login": "camille@relais.test", "password": PASSWORD})

    cookie = response.cookies["messages"].value
    shown = [str(m) for m in CookieStorage(RequestFactory().get("/"))._decode(cookie)]
    assert shown == ["Connexion réussie."]
    assert "Camille" not in cookie and "Durand" not in cookie and "camille@" not in cookie


def test_the_walk_sees_allauth_s_message_templates():
    assert "account/messages/logged_in.txt" in MESSAGE_TEMPLATES


@pytest.mark.parametrize("template", MESSAGE_TEMPLATES)
def test_no_account_message_carries_a_name_an_address_or_a_phone(template):
    user = people.UserFactory(email="camille@relais.test", first_name="Camille", last_name="Durand")
    context = {
        "user": user,
        "email": user.email,
        "recipient": user.email,
        "phone": "+33612345678",
        "name": "Camille Durand",
    }

    text = render_to_string(template, context)

    assert [d for d in ("Camille", "Durand", "camille@relais.test", "612345678") if d in text] == []
