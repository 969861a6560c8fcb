"""Coordinators' lists of people show what members see; hidden items only on the logged full
profile (R-C7, R-C8).

The attack: a coordinator reads what members keep for the coordination by listing many people
at once (the directory, its search, the admin's user list) instead of opening profiles, which
writes the access log.
"""

import pytest
from django.urls import reverse

from members import roles
from members.models import MembershipStatus, Profile, ProfileAccess, Skill, Visibility
from members.tests.factories import UserFactory, with_second_factor

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("members:directory")
PHONE = "06 98 76 54 32"
JOB = "Chargée de mission Zéphyrine"
SKILL = "Marqueterie-Kx"
LAST_NAME = "Quintavalle"


@pytest.fixture
def discreet(db):
    """A member who keeps her name, phone, job title and skills for the coordination."""
    user = UserFactory(roles=[roles.MEMBERS], first_name="Ysoline", last_name=LAST_NAME)
    profile = Profile.objects.create(
        user=user,
        status=MembershipStatus.ACTIVE,
        display_name="Ysoline Q.",
        phone=PHONE,
        job_title=JOB,
        name_visibility=Visibility.COORDINATORS,
        phone_visibility=Visibility.COORDINATORS,
        job_title_visibility=Visibility.COORDINATORS,
        skills_visibility=Visibility.COORDINATORS,
    )
    Skill.objects.replace_for(profile, [SKILL])
    return user


@pytest.fixture
def coordinator_client(client_for, coordinator):
    with_second_factor(coordinator)
    Profile.objects.create(user=coordinator, status=MembershipStatus.ACTIVE)
    return client_for(coordinator)


def test_the_directory_shows_a_coordinator_only_what_members_see(coordinator_client, discreet):
    page = coordinator_client.get(DIRECTORY).content.decode()

    assert "Ysoline Q." in page
    for hidden in (PHONE, JOB, SKILL, LAST_NAME):
        assert hidden not in page


def test_listing_the_directory_links_each_card_to_the_full_profile_and_logs_nothing(
    coordinator_client, discreet
):
    page = coordinator_client.get(DIRECTORY).content.decode()

    assert reverse("members:profile", args=[discreet.public_id]) in page
    assert "chaque ouverture est enregistrée" in page
    assert not ProfileAccess.objects.exists()


def test_the_full_profile_opened_from_the_directory_shows_hidden_items_and_is_logged(
    coordinator_client, coordinator, discreet
):
    page = coordinator_client.get(reverse("members:profile", args=[discreet.public_id]))

    assert PHONE in page.content.decode()
    assert ProfileAccess.objects.filter(coordinator=coordinator, subject=discreet).count() == 1


@pytest.mark.parametrize(
    "params", [{"q": LAST_NAME}, {"q": "98 76 54"}, {"q": "Zéphyrine"}, {"skill": SKILL}]
)
def test_a_coordinator_cannot_find_a_member_in_the_directory_by_a_hidden_item(
    coordinator_client, discreet, params
):
    page = coordinator_client.get(DIRECTORY, params).content.decode()

    assert reverse("members:profile", args=[discreet.public_id]) not in page


def test_a_coordinator_finds_a_member_in_the_directory_by_what_members_see(
    coordinator_client, discreet
):
    page = coordinator_client.get(DIRECTORY, {"q": "Ysoline Q."}).content.decode()

    assert reverse("members:profile", args=[discreet.public_id]) in page


def test_the_admin_list_of_users_is_closed_to_coordinators(coordinator_client, discreet):
    response = coordinator_client.get("/admin/users/", follow=True)
    searched = coordinator_client.get("/admin/users/", {"q": LAST_NAME}, follow=True)

    for page in (response, searched):
        assert discreet.email not in page.content.decode()
        assert LAST_NAME not in page.content.decode()


def test_recording_a_request_finds_a_member_by_a_hidden_name_and_logs_each_person_shown(
    coordinator_client, coordinator, discreet
):
    page = coordinator_client.get(reverse("helprequests:coord_record"), {"q": LAST_NAME})

    assert LAST_NAME in page.content.decode()
    assert ProfileAccess.objects.filter(coordinator=coordinator, subject=discreet).count() == 1


def test_a_member_search_for_recording_logs_nobody_when_nothing_is_found(
    coordinator_client, discreet
):
    coordinator_client.get(reverse("helprequests:coord_record"), {"q": "Personne-Inconnue"})

    assert not ProfileAccess.objects.exists()
