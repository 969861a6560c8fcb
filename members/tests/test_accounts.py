"""Accounts through django-allauth: reset, e-mail change, rate limit, hashing (issue #4)."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from members.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_passwords_are_hashed_with_argon2_outside_the_test_suite():
    from portal.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert settings.AUTH_USER_MODEL == "members.User"


def test_a_password_reset_sends_a_link_that_lets_the_member_choose_a_new_password(mailbox):
    user = UserFactory(email="oubli@relais.test", verified_email=True)
    client = Client()

    client.post("/compte/password/reset/", {"email": "oubli@relais.test"})

    assert [message["To"] for message in mailbox] == ["oubli@relais.test"]
    body = mailbox[0].get_payload(decode=True).decode()
    link = re.search(r"http://testserver(/compte/password/reset/key/\S+)", body).group(1)
    form = client.get(link, follow=True)
    response = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link,
        {"password1": "un-nouveau-secret-2026", "password2": "un-nouveau-secret-2026"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("un-nouveau-secret-2026")


def test_a_new_e_mail_address_must_be_confirmed_before_it_counts(client_for, member, mailbox):
    EmailAddress.objects.get_or_create(
        user=member, email=member.email, defaults={"verified": True, "primary": True}
    )
    client = client_for(member)

    client.post("/compte/email/", {"action_add": "", "email": "nouvelle-adresse@relais.test"})

    added = EmailAddress.objects.get(user=member, email="nouvelle-adresse@relais.test")
    assert added.verified is False
    assert any(message["To"] == "nouvelle-adresse@relais.test" for message in mailbox)
    member.refresh_from_db()
    assert member.email != "nouvelle-adresse@relais.test"


def test_repeated_failed_logins_are_stopped_with_a_french_message():
    cache.clear()
    UserFactory(email="cible@relais.test", verified_email=True)
    client = Client()
    for _attempt in range(5):
        client.post("/compte/login/", {"login": "cible@relais.test", "password": "mauvais"})

    response = client.post("/compte/login/", {"login": "cible@relais.test", "password": PASSWORD})

    assert "Trop de tentatives" in response.content.decode()
    assert "_auth_user_id" not in client.session


# --- The way in for visitors (issue #17, item 4) ----------------------------------------------


def test_a_visitor_sent_to_log_in_is_told_why_and_how_to_join():
    client = Client()
    sent = client.get("/membres/annuaire/")
    page = client.get(sent["Location"]).content.decode()

    assert "Cette page est réservée aux membres du réseau" in page
    assert 'href="/compte/signup/"' in page


def test_a_visitor_who_chose_to_log_in_is_not_told_the_page_was_closed():
    page = Client().get("/compte/login/").content.decode()
    assert "réservée aux membres" not in page


def test_the_header_offers_a_visitor_to_join_and_to_log_in(client):
    page = client.get("/compte/password/reset/").content.decode()
    assert 'href="/compte/signup/"' in page and "Adhérer" in page
    assert 'href="/compte/login/"' in page
