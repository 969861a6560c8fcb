"""Editing my profile and my privacy choices, and opening a member's profile (R-C6, R-C7, R-C8)."""

import pytest
from django.urls import reverse

from home.tests.factories import ThemeFactory
from members import privacy, roles
from members.models import MembershipStatus, Organisation, Profile, ProfileAccess, Visibility
from members.tests.factories import UserFactory, with_second_factor

MY_PROFILE = reverse("members:my_profile")
MY_PRIVACY = reverse("members:my_privacy")
NOT_OFFERED = "Ce choix n’est pas proposé pour ce champ."


def person(*, groups=(roles.MEMBERS,), status=MembershipStatus.ACTIVE, **fields):
    user = UserFactory(roles=list(groups), first_name="Prénom", last_name="Famille")
    Profile.objects.create(user=user, status=status, **fields)
    return user


def profile_of(user):
    return Profile.objects.get(user=user)


def profile_url(user):
    return reverse("members:profile", args=[user.public_id])


@pytest.fixture
def me(db):
    return person(display_name="Moi", phone="06 11 11 11 11")


@pytest.fixture
def my_client(client_for, me):
    return client_for(me)


def profile_data(**changes):
    data = {
        "first_name": "Claire",
        "last_name": "Fontaine",
        "display_name": "Claire F.",
        "phone": "06 12 34 56 78",
        "job_title": "Directrice des services",
        "organisation": "",
        "postal_address": "3 place de la Mairie, 35000 Rennes",
        "skills": "écoute, droit du travail",
        "hobbies": "Randonnée",
        "particularities": "",
        "bio": "J’accompagne les équipes en mairie.",
    }
    data.update(changes)
    return data


def privacy_data(profile, **changes):
    data = {
        field.visibility_attr: getattr(profile, field.visibility_attr) for field in privacy.FIELDS
    }
    data.update(changes)
    return data


# --- Mon profil ------------------------------------------------------------------------------


def test_visitors_are_sent_to_log_in_before_editing_a_profile(client):
    response = client.get(MY_PROFILE)
    assert response.status_code == 302
    assert "/compte/" in response["Location"]


def test_the_profile_form_shows_what_i_already_said(my_client):
    content = my_client.get(MY_PROFILE).content.decode()
    assert 'value="Moi"' in content
    assert 'value="06 11 11 11 11"' in content


def test_editing_my_profile_saves_every_item(my_client, me):
    organisation = Organisation.objects.create(name="Mairie de Rennes")
    theme = ThemeFactory(name="Management")
    data = profile_data(organisation=organisation.pk, themes=[theme.pk])
    response = my_client.post(MY_PROFILE, data)
    assert response.status_code == 302
    me.refresh_from_db()
    profile = profile_of(me)
    assert (me.first_name, me.last_name) == ("Claire", "Fontaine")
    assert (profile.display_name, profile.phone, profile.organisation) == (
        "Claire F.",
        "06 12 34 56 78",
        organisation,
    )
    assert list(profile.themes.all()) == [theme]
    assert profile.bio == "J’accompagne les équipes en mairie."


def test_skills_are_separated_by_commas_only(my_client, me):
    my_client.post(MY_PROFILE, profile_data(skills="droit du travail, écoute , Droit du travail"))
    assert sorted(s.name for s in profile_of(me).skills.all()) == ["droit du travail", "écoute"]


def test_saving_my_profile_says_so(my_client):
    response = my_client.post(MY_PROFILE, profile_data(), follow=True)
    assert "Votre profil est enregistré." in response.content.decode()


def test_an_invalid_phone_number_is_refused_in_french_next_to_the_field(my_client):
    response = my_client.post(MY_PROFILE, profile_data(phone="appelez-moi"))
    content = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_phone_error"' in content
    assert "Saisissez un numéro de téléphone valide" in content


def test_a_refused_profile_keeps_everything_typed(my_client):
    response = my_client.post(MY_PROFILE, profile_data(phone="appelez-moi"))
    content = response.content.decode()
    assert 'value="appelez-moi"' in content
    assert "J’accompagne les équipes en mairie." in content
    assert 'value="écoute, droit du travail"' in content


def test_a_refused_profile_changes_nothing_stored(my_client, me):
    my_client.post(MY_PROFILE, profile_data(phone="appelez-moi", display_name="Autre nom"))
    assert profile_of(me).display_name == "Moi"


def test_an_over_long_presentation_is_refused(my_client, me):
    response = my_client.post(MY_PROFILE, profile_data(bio="x" * 1001))
    assert 'id="id_bio_error"' in response.content.decode()
    assert profile_of(me).bio == ""


def test_too_many_skills_are_refused(my_client):
    skills = ", ".join(f"compétence {number}" for number in range(21))
    response = my_client.post(MY_PROFILE, profile_data(skills=skills))
    assert "Indiquez au plus 20 compétences." in response.content.decode()


def test_an_organisation_that_no_longer_welcomes_members_cannot_be_picked(my_client, me):
    closed = Organisation.objects.create(name="Ancienne entreprise", is_active=False)
    response = my_client.post(MY_PROFILE, profile_data(organisation=closed.pk))
    assert "Choisissez une organisation de la liste." in response.content.decode()
    assert profile_of(me).organisation is None


def test_my_current_organisation_stays_offered_after_it_closes(client_for):
    closed = Organisation.objects.create(name="Ancienne entreprise", is_active=False)
    user = person(organisation=closed)
    response = client_for(user).post(MY_PROFILE, profile_data(organisation=closed.pk))
    assert response.status_code == 302
    assert profile_of(user).organisation == closed


def test_another_members_id_posted_in_the_profile_form_changes_only_my_profile(my_client, me):
    other = person(display_name="Quelqu’un d’autre")
    tampered = profile_data(
        user=other.pk, user_id=other.pk, public_id=other.public_id, profile=profile_of(other).pk
    )
    my_client.post(MY_PROFILE, tampered)
    assert profile_of(other).display_name == "Quelqu’un d’autre"
    assert profile_of(me).display_name == "Claire F."


def test_a_member_whose_profile_was_never_created_can_fill_it_in(client_for):
    user = UserFactory(roles=[roles.MEMBERS])
    response = client_for(user).post(MY_PROFILE, profile_data())
    assert response.status_code == 302
    assert profile_of(user).status == MembershipStatus.ACTIVE


# --- Ma confidentialité ----------------------------------------------------------------------


def test_the_privacy_page_offers_public_only_where_it_is_allowed(my_client):
    content = my_client.get(MY_PRIVACY).content.decode()
    assert 'name="bio_visibility" value="public"' in content
    assert 'name="phone_visibility" value="public"' not in content
    assert 'name="phone_visibility" value="members"' in content


def test_the_privacy_page_shows_both_previews(my_client):
    content = my_client.get(MY_PRIVACY).content.decode()
    assert "Ce que voit un autre membre" in content
    assert "Ce que voit un visiteur" in content


def test_saving_privacy_choices_stores_them_and_says_so(my_client, me):
    data = privacy_data(profile_of(me), phone_visibility="members", bio_visibility="public")
    response = my_client.post(MY_PRIVACY, data, follow=True)
    profile = profile_of(me)
    assert (profile.phone_visibility, profile.bio_visibility) == ("members", "public")
    assert "Vos choix de confidentialité sont enregistrés." in response.content.decode()


def test_a_visibility_not_offered_for_a_field_is_refused_on_that_field(my_client, me):
    response = my_client.post(MY_PRIVACY, privacy_data(profile_of(me), phone_visibility="public"))
    content = response.content.decode()
    assert response.status_code == 400
    assert f'<ul class="errorlist" id="id_phone_visibility_error"><li>{NOT_OFFERED}' in content


def test_a_refused_privacy_change_saves_nothing(my_client, me):
    data = privacy_data(
        profile_of(me), phone_visibility="public", bio_visibility="public", hobbies_visibility="x"
    )
    my_client.post(MY_PRIVACY, data)
    profile = profile_of(me)
    assert (profile.phone_visibility, profile.bio_visibility, profile.hobbies_visibility) == (
        Visibility.COORDINATORS,
        Visibility.MEMBERS,
        Visibility.MEMBERS,
    )


def test_an_unknown_visibility_value_is_refused(my_client, me):
    response = my_client.post(MY_PRIVACY, privacy_data(profile_of(me), bio_visibility="amis"))
    assert NOT_OFFERED in response.content.decode()
    assert profile_of(me).bio_visibility == Visibility.MEMBERS


def test_another_members_id_posted_in_the_privacy_form_changes_only_mine(my_client, me):
    other = person()
    data = privacy_data(profile_of(me), phone_visibility="members")
    data.update(user=other.pk, public_id=other.public_id, profile=profile_of(other).pk)
    my_client.post(MY_PRIVACY, data)
    assert profile_of(other).phone_visibility == Visibility.COORDINATORS
    assert profile_of(me).phone_visibility == Visibility.MEMBERS


# --- A member's profile page -----------------------------------------------------------------


def test_a_member_sees_what_another_member_shows_and_nothing_hidden(my_client):
    other = person(job_title="Secrétaire générale", phone="07 55 44 33 22")
    content = my_client.get(profile_url(other)).content.decode()
    assert "Secrétaire générale" in content
    assert "07 55 44 33 22" not in content


def test_an_unknown_profile_id_is_not_found(my_client):
    response = my_client.get(
        reverse("members:profile", args=["00000000-0000-0000-0000-000000000000"])
    )
    assert response.status_code == 404


@pytest.mark.parametrize("status", [MembershipStatus.PENDING, MembershipStatus.REJECTED])
def test_the_profile_of_someone_not_yet_a_member_is_not_found_for_members(my_client, status):
    applicant = person(groups=(), status=status)
    assert my_client.get(profile_url(applicant)).status_code == 404


def test_a_coordinator_may_open_the_profile_of_an_applicant(client_for, coordinator):
    Profile.objects.create(user=coordinator, status=MembershipStatus.ACTIVE)
    with_second_factor(coordinator)
    applicant = person(groups=(), status=MembershipStatus.PENDING, phone="07 00 00 00 01")
    response = client_for(coordinator).get(profile_url(applicant))
    assert "07 00 00 00 01" in response.content.decode()


def test_a_coordinator_opening_a_profile_is_logged(client_for, coordinator):
    Profile.objects.create(user=coordinator, status=MembershipStatus.ACTIVE)
    with_second_factor(coordinator)
    subject = person()
    client_for(coordinator).get(profile_url(subject))
    access = ProfileAccess.objects.get()
    assert (access.coordinator, access.subject) == (coordinator, subject)


def test_each_opening_by_a_coordinator_is_logged(client_for, coordinator):
    Profile.objects.create(user=coordinator, status=MembershipStatus.ACTIVE)
    with_second_factor(coordinator)
    subject = person()
    client = client_for(coordinator)
    client.get(profile_url(subject))
    client.get(profile_url(subject))
    assert ProfileAccess.objects.filter(subject=subject).count() == 2


def test_a_coordinator_opening_their_own_profile_is_not_logged(client_for, coordinator):
    Profile.objects.create(user=coordinator, status=MembershipStatus.ACTIVE)
    with_second_factor(coordinator)
    client_for(coordinator).get(profile_url(coordinator))
    assert not ProfileAccess.objects.exists()


@pytest.mark.parametrize(
    "groups",
    [
        (roles.MEMBERS,),
        (roles.MEMBERS, roles.HELPERS),
        (roles.MEMBERS, roles.MODERATORS),
        (roles.MEMBERS, roles.EDITORS),
    ],
    ids=["member", "helper", "moderator", "editor"],
)
def test_opening_a_profile_is_logged_for_coordinators_only(client_for, groups):
    viewer = person(groups=groups)
    client_for(viewer).get(profile_url(person()))
    assert not ProfileAccess.objects.exists()


def test_the_profile_page_is_never_cached(my_client):
    response = my_client.get(profile_url(person()))
    assert "no-store" in response["Cache-Control"]


def test_my_own_profile_page_tells_me_who_sees_each_item(my_client, me):
    content = my_client.get(profile_url(me)).content.decode()
    assert "06 11 11 11 11" in content
    assert "La coordination seulement" in content
