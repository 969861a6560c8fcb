"""The e-mail address is the login (issue #3, item 1)."""

import uuid

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from members.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()


def test_user_has_no_username_field():
    assert "username" not in {f.name for f in User._meta.get_fields()}


def test_email_is_the_login_field():
    assert User.USERNAME_FIELD == "email"


def test_email_is_stored_lowercased():
    user = User.objects.create_user("Camille.Durand@Relais.TEST", password=PASSWORD)

    user.refresh_from_db()
    assert user.email == "camille.durand@relais.test"


def test_email_is_lowercased_when_a_user_is_saved_directly():
    user = UserFactory()
    user.email = "Nouvelle.Adresse@Relais.TEST"
    user.save()

    user.refresh_from_db()
    assert user.email == "nouvelle.adresse@relais.test"


def test_two_accounts_cannot_share_an_email_that_differs_only_by_case():
    User.objects.create_user("A@x.test", password=PASSWORD)

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("a@x.test", password=PASSWORD)


def test_user_is_found_by_email_whatever_its_case():
    user = User.objects.create_user("dominique@relais.test", password=PASSWORD)

    assert User.objects.get_by_natural_key("Dominique@Relais.test") == user


def test_creating_a_user_without_email_is_refused():
    with pytest.raises(ValueError):
        User.objects.create_user("", password=PASSWORD)


def test_create_superuser_makes_a_staff_superuser():
    admin = User.objects.create_superuser("admin@relais.test", password=PASSWORD)

    assert admin.is_superuser
    assert admin.is_staff
    assert admin.check_password(PASSWORD)


def test_public_id_is_a_uuid():
    assert isinstance(UserFactory().public_id, uuid.UUID)


def test_each_user_gets_their_own_public_id():
    assert UserFactory().public_id != UserFactory().public_id


def test_person_logs_in_with_email_and_password(client):
    user = UserFactory(email="sacha@relais.test", verified_email=True)

    response = client.post("/compte/login/", {"login": "sacha@relais.test", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_person_logs_in_with_email_typed_in_capitals(client):
    user = UserFactory(email="sacha@relais.test", verified_email=True)

    client.post("/compte/login/", {"login": "SACHA@Relais.test", "password": PASSWORD})

    assert client.session.get("_auth_user_id") == str(user.pk)


def test_login_with_a_wrong_password_is_refused(client):
    UserFactory(email="sacha@relais.test", verified_email=True)

    response = client.post("/compte/login/", {"login": "sacha@relais.test", "password": "faux"})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
