"""Organisations (R-A1): helpers read the agreed framework; coordinators manage it in the admin."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from home.models import Theme
from members import roles, selectors
from members.models import ConfidentialityLevel, MembershipStatus, Organisation, Profile
from members.tests.factories import UserFactory

LIST_URL = "/membres/organisations/"
ADMIN_URL = "/admin/organisations/"
ORGANISATIONS_QUERIES = 13


def _active(user):
    Profile.objects.create(user=user, status=MembershipStatus.ACTIVE)
    return user


def _with_totp(user):
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    return user


@pytest.fixture
def helper(db):
    return _active(UserFactory(roles=[roles.MEMBERS, roles.HELPERS]))


@pytest.fixture
def shown(db):
    organisation = Organisation.objects.create(
        name="Métallerie du Val",
        context="Usine de 800 salarié·es en pleine réorganisation.",
        max_sessions_per_person=3,
        confidentiality_level=ConfidentialityLevel.NAME_SHOWN,
        alert_procedure="Prévenir la coordination puis le médecin du travail.",
    )
    organisation.themes.add(Theme.objects.create(name="Management", slug="management"))
    return organisation


@pytest.fixture
def hidden(db):
    return Organisation.objects.create(
        name="Commune secrète",
        context="Une collectivité de taille moyenne.",
        confidentiality_level=ConfidentialityLevel.NAME_HIDDEN,
    )


def _detail_url(organisation):
    return f"{LIST_URL}{organisation.public_id}/"


def test_helpers_read_the_framework_agreed_with_an_organisation(helper, shown, client_for):
    content = client_for(helper).get(_detail_url(shown)).content.decode()

    assert "Métallerie du Val" in content
    assert "Usine de 800 salarié·es" in content
    assert "Management" in content
    assert "3 séances au maximum par personne" in content
    assert "peut être montré aux aidant·es" in content
    assert "médecin du travail" in content
    assert "Le membre réserve lui-même ses entretiens." in content


def test_an_organisation_without_procedure_shows_the_network_s_default_one(
    helper, hidden, client_for
):
    # This page had its own default text, different from the brief's.
    content = client_for(helper).get(_detail_url(hidden)).content.decode()

    assert str(selectors.DEFAULT_ALERT_PROCEDURE) in content


def test_helpers_see_every_active_organisation_in_the_list(helper, shown, hidden, client_for):
    response = client_for(helper).get(LIST_URL)

    assert [item for item, _label in response.context["organisations"]] == [hidden, shown]


def test_a_name_kept_from_helpers_is_not_shown_to_them(helper, hidden, client_for):
    list_content = client_for(helper).get(LIST_URL).content.decode()
    detail_content = client_for(helper).get(_detail_url(hidden)).content.decode()

    assert "Commune secrète" not in list_content
    assert "Commune secrète" not in detail_content
    assert "nom confidentiel" in detail_content


def test_an_inactive_organisation_is_not_shown_to_helpers(helper, shown, client_for):
    shown.is_active = False
    shown.save()

    assert client_for(helper).get(_detail_url(shown)).status_code == 404
    assert "Métallerie du Val" not in client_for(helper).get(LIST_URL).content.decode()


def test_members_who_are_not_helpers_may_not_read_organisations(shown, client_for, db):
    member = _active(UserFactory(roles=[roles.MEMBERS]))

    assert client_for(member).get(_detail_url(shown)).status_code == 403


# --- Wagtail admin ------------------------------------------------------------------------------


@pytest.fixture
def coordinator_2fa(db):
    return _with_totp(_active(UserFactory(roles=[roles.MEMBERS, roles.COORDINATORS])))


@pytest.fixture
def editor_2fa(db):
    return _with_totp(_active(UserFactory(roles=[roles.MEMBERS, roles.EDITORS])))


def test_coordinators_find_organisations_in_the_admin_menu(coordinator_2fa, client_for):
    response = client_for(coordinator_2fa).get("/admin/")

    assert ADMIN_URL in response.content.decode()


def test_coordinators_list_and_search_organisations_in_the_admin(
    coordinator_2fa, shown, hidden, client_for
):
    response = client_for(coordinator_2fa).get(ADMIN_URL, {"q": "Métallerie"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "Métallerie du Val" in content
    assert "Commune secrète" not in content


def test_coordinators_add_an_organisation_in_the_admin(coordinator_2fa, client_for):
    response = client_for(coordinator_2fa).post(
        reverse("organisations:add"),
        {
            "name": "Hôpitaux du Littoral",
            "kind": "other",
            "context": "Groupe hospitalier.",
            "max_sessions_per_person": "4",
            "confidentiality_level": ConfidentialityLevel.NAME_HIDDEN,
            "alert_procedure": "Cadre de santé puis coordination.",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    assert Organisation.objects.get(name="Hôpitaux du Littoral").max_sessions_per_person == 4


def test_coordinators_let_the_coordination_book_for_an_organisations_members(
    coordinator_2fa, shown, client_for
):
    """R-A1: the agreement says whether the coordination books sessions; unticked by default."""
    client = client_for(coordinator_2fa)
    url = reverse("organisations:edit", args=[shown.pk])
    assert shown.coordinators_book_sessions is False
    assert 'name="coordinators_book_sessions"' in client.get(url).content.decode()

    response = client.post(
        url,
        {
            "name": shown.name,
            "kind": shown.kind,
            "context": shown.context,
            "themes": [theme.pk for theme in shown.themes.all()],
            "max_sessions_per_person": "3",
            "confidentiality_level": shown.confidentiality_level,
            "alert_procedure": shown.alert_procedure,
            "coordinators_book_sessions": "on",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    shown.refresh_from_db()
    assert shown.coordinators_book_sessions is True


def test_coordinators_may_not_delete_organisations(coordinator_2fa, shown, client_for):
    response = client_for(coordinator_2fa).post(reverse("organisations:delete", args=[shown.pk]))

    assert Organisation.objects.filter(pk=shown.pk).exists()
    assert response.status_code in (302, 403)


def test_editors_do_not_see_organisations_in_the_admin_menu(editor_2fa, client_for):
    response = client_for(editor_2fa).get("/admin/")

    assert response.status_code == 200
    assert ADMIN_URL not in response.content.decode()


def test_editors_may_not_open_organisations_in_the_admin(editor_2fa, shown, client_for):
    client = client_for(editor_2fa)

    assert client.get(ADMIN_URL).status_code in (302, 403)
    assert client.get(reverse("organisations:edit", args=[shown.pk])).status_code in (302, 403)
    assert "Métallerie du Val" not in client.get(ADMIN_URL, follow=True).content.decode()


def _organisations(count):
    theme = Theme.objects.create(name="Carrière", slug="carriere")
    for number in range(count):
        organisation = Organisation.objects.create(name=f"Organisation {number}")
        organisation.themes.add(theme)


@pytest.mark.parametrize("count", [2, 15])
def test_the_organisations_list_costs_the_same_queries_whatever_their_number(
    count, helper, client_for, django_assert_num_queries
):
    _organisations(count)
    client = client_for(helper)
    client.get(LIST_URL)

    with django_assert_num_queries(ORGANISATIONS_QUERIES):
        response = client.get(LIST_URL)

    assert response.content.decode().count('class="card') >= count
