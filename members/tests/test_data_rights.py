"""Data rights (R-C8): "Mes données", its export, account deletion, and the access log."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from django.test import Client

from members import deletion, sessions
from members.models import (
    HelperProfile,
    Profile,
    ProfileAccess,
    Skill,
    TermsAcceptance,
    Visibility,
)
from members.services import data_rights
from members.tests import factories as people
from members.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

MY_DATA = "/membres/mes-donnees/"
EXPORT = "/membres/mes-donnees/export.json"
DELETE = "/membres/mes-donnees/supprimer/"
ACCESS_LOG = "/membres/coordination/consultations/"


def with_profile(user, **fields):
    defaults = {"phone": "06 12 34 56 78", "job_title": "Infirmière", "bio": "Vingt ans de soins."}
    profile = Profile.objects.create(user=user, **{**defaults, **fields})
    return profile


def with_second_factor(user):
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def me(db):
    user = people.member(
        email="moi@relais.test", first_name="Camille", last_name="Durand", verified_email=True
    )
    profile = with_profile(user, phone_visibility=Visibility.COORDINATORS)
    Skill.objects.replace_for(profile, ["Médiation"])
    TermsAcceptance.objects.create(user=user, kind="membership", version_label="V4/2018")
    return user


@pytest.fixture
def other(db):
    user = people.member(email="autre@relais.test", first_name="Dominique", last_name="Martin")
    with_profile(user, phone="07 98 76 54 32", job_title="Chauffeur", bio="Autre présentation.")
    return user


@pytest.fixture
def coordinator_2fa(coordinator):
    return with_second_factor(coordinator)


# --- Mes données ----------------------------------------------------------------------------


def test_my_data_page_shows_my_account_and_profile(client_for, me):
    page = client_for(me).get(MY_DATA).content.decode()

    assert "moi@relais.test" in page
    assert "06 12 34 56 78" in page
    assert "Médiation" in page
    assert "V4/2018" in page


def test_my_data_page_names_the_accepted_texts_and_an_absent_second_factor_in_french(
    client_for, me
):
    from home.models import CharterKind

    TermsAcceptance.objects.create(user=me, kind=CharterKind.FORUM_RULES, version_label="v1")
    page = client_for(me).get(MY_DATA).content.decode()

    assert "Règles du forum" in page
    assert "forum_rules" not in page and "membership_terms" not in page
    assert "Non activée" in page
    exported = client_for(me).get(EXPORT).json()
    assert "forum_rules" in str(exported)  # the export keeps the stable code


def test_my_data_page_says_who_may_see_each_field(client_for, me):
    page = client_for(me).get(MY_DATA).content.decode()

    assert "Visible par : La coordination seulement" in page


def test_my_data_page_opens_before_joining_is_complete(client_for, user_without_role):
    response = client_for(user_without_role).get(MY_DATA)

    assert response.status_code == 200
    assert "Vous n’avez pas encore rempli de profil." in response.content.decode()


def test_my_data_page_sends_an_anonymous_visitor_to_login():
    response = Client().get(MY_DATA)

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/?next=")


def test_my_data_page_is_never_stored_by_the_browser(client_for, me):
    response = client_for(me).get(MY_DATA)

    assert "no-store" in response["Cache-Control"]


def test_my_data_page_shows_the_date_of_a_coordinator_access_but_not_who(
    client_for, me, coordinator
):
    # A surname no factory draws: a random one could be the member's own.
    coordinator.last_name = "Coordonnier-Faÿs"
    coordinator.save()
    ProfileAccess.objects.create(coordinator=coordinator, subject=me)

    page = client_for(me).get(MY_DATA).content.decode()

    assert "La coordination n’a jamais ouvert votre profil complet." not in page
    assert coordinator.last_name not in page


def test_export_is_a_json_attachment_that_is_not_stored(client_for, me):
    response = client_for(me).get(EXPORT)

    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]


def test_export_contains_my_data_with_its_visibility(client_for, me):
    data = json.loads(client_for(me).get(EXPORT).content)

    profile = data["sections"]["profile"]["records"][0]
    assert data["sections"]["account"]["records"][0]["email"] == "moi@relais.test"
    assert profile["phone"] == "06 12 34 56 78"
    assert profile["phone_visibility"] == Visibility.COORDINATORS
    assert profile["skills"] == ["Médiation"]
    assert data["sections"]["terms_acceptances"]["records"][0]["version"] == "V4/2018"


def test_export_contains_nothing_of_another_member(client_for, me, other):
    ProfileAccess.objects.create(coordinator=None, subject=other)

    content = client_for(me).get(EXPORT).content.decode()

    for detail in ("autre@relais.test", "Dominique", "Martin", "07 98 76 54 32", "Chauffeur"):
        assert detail not in content
    assert json.loads(content)["sections"]["profile_accesses"]["records"] == []


def test_export_contains_my_helper_profile(client_for, me):
    HelperProfile.objects.create(user=me, qualifications="Coach certifiée RNCP")

    data = json.loads(client_for(me).get(EXPORT).content)

    assert data["sections"]["helper_profile"]["records"][0]["qualifications"] == (
        "Coach certifiée RNCP"
    )


def test_a_later_feature_adds_its_section_to_the_export(client_for, me):
    def appointments(user):
        item = data_rights.Item("count", "Rendez-vous", 3)
        return data_rights.Section("appointments", "Rendez-vous", [[item]])

    data_rights.register_section(appointments)
    try:
        data = json.loads(client_for(me).get(EXPORT).content)
    finally:
        data_rights._sections.remove(appointments)

    assert data["sections"]["appointments"]["records"] == [{"count": 3}]


# --- Deletion -------------------------------------------------------------------------------


def post_deletion(client, password=PASSWORD, remove_forum_posts=False):
    data = {"password": password}
    if remove_forum_posts:
        data["remove_forum_posts"] = "on"
    return client.post(DELETE, data)


def test_deletion_form_asks_for_the_password(client_for, me):
    page = client_for(me).get(DELETE).content.decode()

    assert 'autocomplete="current-password"' in page
    assert "Supprimer aussi mes messages du forum" in page


def test_deletion_with_a_wrong_password_shows_a_french_error(client_for, me):
    response = post_deletion(client_for(me), password="pas-le-bon")

    assert response.status_code == 400
    assert "Ce mot de passe n’est pas le bon." in response.content.decode()


def test_deletion_with_a_wrong_password_keeps_everything(client_for, me):
    post_deletion(client_for(me), password="pas-le-bon")

    me.refresh_from_db()
    assert me.is_active and me.email == "moi@relais.test" and me.check_password(PASSWORD)
    assert Profile.objects.filter(user=me, phone="06 12 34 56 78").exists()
    assert TermsAcceptance.objects.filter(user=me).exists()


def test_deletion_keeps_the_forum_choice_after_a_wrong_password(client_for, me):
    response = post_deletion(client_for(me), password="pas-le-bon", remove_forum_posts=True)

    assert 'id="id_remove_forum_posts" aria-describedby="id_remove_forum_posts-help" checked' in (
        response.content.decode()
    )


def test_deletion_erases_the_account_details(client_for, me):
    post_deletion(client_for(me))

    me.refresh_from_db()
    assert me.email == f"ancien-membre-{me.public_id}@invalid"
    assert (me.first_name, me.last_name) == ("", "")
    assert not me.is_active
    assert not me.has_usable_password()
    assert not me.groups.exists()


def test_deletion_erases_the_profile_terms_and_helper_profile(client_for, me):
    HelperProfile.objects.create(user=me, qualifications="Coach")

    post_deletion(client_for(me))

    assert not Profile.objects.filter(user=me).exists()
    assert not HelperProfile.objects.filter(user=me).exists()
    assert not TermsAcceptance.objects.filter(user=me).exists()
    assert not Skill.objects.filter(profile__user=me).exists()


def test_deletion_erases_email_addresses_and_second_factors(client_for, me):
    with_second_factor(me)

    post_deletion(client_for(me))

    assert not EmailAddress.objects.filter(user=me).exists()
    assert not Authenticator.objects.filter(user=me).exists()


def test_deletion_erases_the_log_of_accesses_to_my_profile(client_for, me, coordinator):
    ProfileAccess.objects.create(coordinator=coordinator, subject=me)

    post_deletion(client_for(me))

    assert not ProfileAccess.objects.filter(subject=me).exists()


def test_deletion_leaves_other_members_untouched(client_for, me, other):
    post_deletion(client_for(me))

    other.refresh_from_db()
    assert other.is_active and Profile.objects.filter(user=other).exists()


def test_deletion_logs_out_and_confirms(client_for, me):
    client = client_for(me)

    response = post_deletion(client)

    assert "Votre compte est supprimé" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get(MY_DATA).status_code == 302


def test_deletion_asks_the_browser_to_forget_everything(client_for, me):
    response = post_deletion(client_for(me))

    assert response["Clear-Site-Data"] == sessions.CLEAR_EVERYTHING


def test_deleted_account_can_no_longer_log_in(client_for, me):
    post_deletion(client_for(me))

    response = Client().post("/compte/login/", {"login": "moi@relais.test", "password": PASSWORD})

    assert "_auth_user_id" not in response.wsgi_request.session


def test_deletion_runs_the_hooks_of_later_features_with_the_forum_choice(client_for, me):
    calls = []

    def forget_forum_posts(user, *, remove_forum_posts):
        calls.append((user.pk, remove_forum_posts))

    deletion.register(forget_forum_posts)
    try:
        post_deletion(client_for(me), remove_forum_posts=True)
    finally:
        deletion.unregister(forget_forum_posts)

    assert calls == [(me.pk, True)]


def test_a_failing_hook_cancels_the_whole_deletion(client_for, me):
    from django.core.exceptions import ValidationError

    def refuse(user, *, remove_forum_posts):
        raise ValidationError("Une demande d’aide est en cours.")

    deletion.register(refuse)
    try:
        response = post_deletion(client_for(me))
    finally:
        deletion.unregister(refuse)

    me.refresh_from_db()
    assert "Une demande d’aide est en cours." in response.content.decode()
    assert me.is_active and Profile.objects.filter(user=me).exists()


# --- The coordinators' access log -----------------------------------------------------------


def test_access_log_sends_an_anonymous_visitor_to_login():
    response = Client().get(ACCESS_LOG)

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")


def test_access_log_is_refused_to_a_member(client_for, member):
    assert client_for(member).get(ACCESS_LOG).status_code == 403


def test_access_log_shows_who_opened_whose_profile(client_for, coordinator_2fa, me):
    ProfileAccess.objects.create(coordinator=coordinator_2fa, subject=me)

    page = client_for(coordinator_2fa).get(ACCESS_LOG).content.decode()

    assert coordinator_2fa.get_full_name() in page
    assert "Camille Durand" in page


def test_access_log_filters_by_coordinator(client_for, coordinator_2fa, me, other):
    colleague = with_second_factor(people.coordinator(first_name="Alix", last_name="Bernard"))
    ProfileAccess.objects.create(coordinator=coordinator_2fa, subject=me)
    ProfileAccess.objects.create(coordinator=colleague, subject=other)

    response = client_for(coordinator_2fa).get(ACCESS_LOG, {"coordinateur": colleague.public_id})

    page = response.content.decode()
    assert "Dominique Martin" in page
    assert "Camille Durand" not in page


def test_access_log_with_an_unknown_coordinator_says_so(client_for, coordinator_2fa, me):
    response = client_for(coordinator_2fa).get(ACCESS_LOG, {"coordinateur": me.public_id})

    assert "Cette personne ne fait pas partie de la coordination." in response.content.decode()


# Measured once with the gate and second-factor middleware in place, pinned for both sizes.
ACCESS_LOG_QUERIES = 18


@pytest.mark.parametrize("size", [2, 20])
def test_access_log_query_count_does_not_grow_with_the_log(
    size, client_for, coordinator_2fa, django_assert_num_queries
):
    for number in range(size):
        subject = people.member(email=f"sujet{number}@relais.test")
        with_profile(subject)
        ProfileAccess.objects.create(coordinator=coordinator_2fa, subject=subject)
    client = client_for(coordinator_2fa)
    client.get(ACCESS_LOG)  # fills the per-process and per-site caches

    with django_assert_num_queries(ACCESS_LOG_QUERIES):
        response = client.get(ACCESS_LOG)

    assert response.content.decode().count("<tr>") == size + 1


def test_the_access_log_of_a_deleted_coordinator_stays_readable(client_for, coordinator_2fa, me):
    gone = people.coordinator()
    ProfileAccess.objects.create(coordinator=gone, subject=me)
    get_user_model().objects.filter(pk=gone.pk).delete()

    page = client_for(coordinator_2fa).get(ACCESS_LOG).content.decode()

    assert "Compte supprimé" in page
