"""Helpers state their qualifications (R-K6, R-K9); coordinators verify them."""

import pytest
from allauth.mfa.models import Authenticator
from django.utils import timezone

from home.models import Theme
from members import roles
from members.models import HelperProfile, MembershipStatus, Profile, WorkMode
from members.tests.factories import UserFactory

PROFILE_URL = "/membres/aidant/profil/"
ADMIN_URL = "/membres/coordination/aidants/"


def _active(user):
    Profile.objects.create(user=user, status=MembershipStatus.ACTIVE)
    return user


def _helper(**kwargs):
    return _active(UserFactory(roles=[roles.MEMBERS, roles.HELPERS], **kwargs))


def _coordinator_with_totp():
    user = _active(UserFactory(roles=[roles.MEMBERS, roles.COORDINATORS]))
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    return user


def _verify_url(user):
    return f"{ADMIN_URL}{user.public_id}/verifier/"


def _form(**overrides):
    data = {
        "qualifications": "Master de psychologie du travail, 10 ans d’accompagnement.",
        "certifications": "Coach certifiée RNCP",
        "languages": "français, anglais",
        "work_mode": WorkMode.REMOTE,
    }
    data.update(overrides)
    return data


@pytest.fixture
def helper(db):
    return _helper()


@pytest.fixture
def coordinator_2fa(db):
    return _coordinator_with_totp()


@pytest.fixture
def verified_helper(helper, coordinator_2fa):
    HelperProfile.objects.create(
        user=helper,
        qualifications="DU d’écoute active",
        certifications="",
        qualifications_verified_by=coordinator_2fa,
        qualifications_verified_at=timezone.now(),
    )
    return helper


# --- The helper's own profile -----------------------------------------------------------------


def test_a_helper_saves_qualifications_themes_languages_and_work_mode(helper, client_for):
    theme = Theme.objects.create(name="Management", slug="management")

    response = client_for(helper).post(PROFILE_URL, _form(themes=[theme.pk]))

    assert response.status_code == 302
    profile = HelperProfile.objects.get(user=helper)
    assert profile.qualifications.startswith("Master de psychologie")
    assert list(profile.themes.all()) == [theme]
    assert profile.languages == "français, anglais"
    assert profile.work_mode == WorkMode.REMOTE


def test_remote_work_is_offered_first_and_chosen_by_default(helper, client_for):
    response = client_for(helper).get(PROFILE_URL)

    radios = response.context["form"]["work_mode"]
    assert [choice.data["value"] for choice in radios][0] == WorkMode.REMOTE
    assert response.context["form"].initial["work_mode"] == WorkMode.REMOTE


def test_languages_are_tidied_when_saved(helper, client_for):
    client_for(helper).post(PROFILE_URL, _form(languages=" français,, Anglais , anglais "))

    assert HelperProfile.objects.get(user=helper).languages == "français, Anglais"


def test_missing_qualifications_get_a_french_error_and_keep_what_was_typed(helper, client_for):
    response = client_for(helper).post(PROFILE_URL, _form(qualifications="  ", languages="basque"))

    assert response.status_code == 400
    assert "Décrivez vos qualifications" in response.content.decode()
    assert 'value="basque"' in response.content.decode()
    assert not HelperProfile.objects.filter(user=helper).exists()


def test_an_over_long_qualification_is_refused_with_a_clear_error(helper, client_for):
    response = client_for(helper).post(PROFILE_URL, _form(qualifications="x" * 2001))

    assert response.status_code == 400
    assert response.context["form"].errors["qualifications"]
    assert not HelperProfile.objects.filter(user=helper).exists()


def test_a_work_mode_that_is_not_offered_is_refused(helper, client_for):
    response = client_for(helper).post(PROFILE_URL, _form(work_mode="teleportation"))

    assert response.context["form"].errors["work_mode"]
    assert not HelperProfile.objects.filter(user=helper).exists()


def test_the_page_says_who_verified_the_qualifications_and_when(verified_helper, client_for):
    verifier = verified_helper.helper_profile.qualifications_verified_by

    response = client_for(verified_helper).get(PROFILE_URL)

    content = response.content.decode()
    assert "Vérifiées" in content
    assert verifier.get_full_name() in content
    assert "devra les vérifier à nouveau" in content


def test_a_verifier_who_hides_their_name_is_shown_as_the_coordination(verified_helper, client_for):
    verifier = verified_helper.helper_profile.qualifications_verified_by
    Profile.objects.filter(user=verifier).update(name_visibility="coordinators")

    content = client_for(verified_helper).get(PROFILE_URL).content.decode()

    assert verifier.get_full_name() not in content
    assert "vérifiées par la coordination" in content


def test_editing_qualifications_after_verification_clears_the_verification(
    verified_helper, client_for
):
    client_for(verified_helper).post(PROFILE_URL, _form(qualifications="Nouvelle formation"))

    profile = HelperProfile.objects.get(user=verified_helper)
    assert profile.qualifications == "Nouvelle formation"
    assert profile.qualifications_verified_at is None
    assert profile.qualifications_verified_by is None


def test_editing_only_the_languages_keeps_the_verification(verified_helper, client_for):
    profile = verified_helper.helper_profile
    data = _form(qualifications=profile.qualifications, certifications="", languages="italien")

    client_for(verified_helper).post(PROFILE_URL, data)

    profile.refresh_from_db()
    assert profile.languages == "italien"
    assert profile.is_verified


def test_a_member_who_is_not_a_helper_is_refused_the_helper_profile(client_for, db):
    member = _active(UserFactory(roles=[roles.MEMBERS]))

    assert client_for(member).get(PROFILE_URL).status_code == 403


# --- Coordinators verify ------------------------------------------------------------------------


def test_coordinators_see_each_helper_with_qualifications_and_state(
    verified_helper, coordinator_2fa, client_for
):
    pending = _helper()
    HelperProfile.objects.create(user=pending, qualifications="Formation à la médiation")

    content = client_for(coordinator_2fa).get(ADMIN_URL).content.decode()

    assert "DU d’écoute active" in content
    assert "Formation à la médiation" in content
    assert "Qualifications vérifiées" in content
    assert _verify_url(pending) in content
    assert _verify_url(verified_helper) not in content


def test_a_coordinator_marks_qualifications_as_verified(helper, coordinator_2fa, client_for):
    HelperProfile.objects.create(user=helper, qualifications="Formation à l’écoute")

    response = client_for(coordinator_2fa).post(_verify_url(helper))

    assert response.status_code == 302
    profile = HelperProfile.objects.get(user=helper)
    assert profile.qualifications_verified_by == coordinator_2fa
    assert profile.qualifications_verified_at is not None


def test_verifying_a_helper_without_a_helper_profile_shows_a_clear_error(
    helper, coordinator_2fa, client_for
):
    response = client_for(coordinator_2fa).post(_verify_url(helper))

    assert response.status_code == 409
    assert "n’a pas encore rempli son profil d’aidant·e" in response.content.decode()
    assert not HelperProfile.objects.filter(user=helper).exists()


def test_verifying_someone_who_is_not_a_helper_is_refused(coordinator_2fa, client_for, db):
    member = _active(UserFactory(roles=[roles.MEMBERS]))
    HelperProfile.objects.create(user=member, qualifications="Rien")

    response = client_for(coordinator_2fa).post(_verify_url(member))

    assert response.status_code == 409
    assert not HelperProfile.objects.get(user=member).is_verified


def test_verifying_twice_keeps_the_first_verifier(verified_helper, client_for, db):
    first = verified_helper.helper_profile.qualifications_verified_by
    other = _coordinator_with_totp()

    response = client_for(other).post(_verify_url(verified_helper))

    assert response.status_code == 409
    assert HelperProfile.objects.get(user=verified_helper).qualifications_verified_by == first


def test_verifying_an_unknown_id_is_not_found(coordinator_2fa, client_for):
    url = f"{ADMIN_URL}00000000-0000-0000-0000-000000000000/verifier/"

    assert client_for(coordinator_2fa).post(url).status_code == 404


def test_a_coordinator_without_a_second_factor_may_not_verify(helper, client_for, db):
    HelperProfile.objects.create(user=helper, qualifications="Formation")
    coordinator = _active(UserFactory(roles=[roles.MEMBERS, roles.COORDINATORS]))

    response = client_for(coordinator).post(_verify_url(helper))

    assert response.status_code == 403 or response["Location"].startswith("/compte/")
    assert not HelperProfile.objects.get(user=helper).is_verified


def _helpers_with_profiles(count):
    theme = Theme.objects.create(name=f"Thème {count}", slug=f"theme-{count}")
    for _index in range(count):
        profile = HelperProfile.objects.create(user=_helper(), qualifications="Formation")
        profile.themes.add(theme)


@pytest.mark.parametrize("count", [2, 12])
def test_the_helpers_page_runs_a_fixed_number_of_queries(
    count, coordinator_2fa, client_for, django_assert_num_queries
):
    _helpers_with_profiles(count)
    client = client_for(coordinator_2fa)
    client.get(ADMIN_URL)  # settings rows created on a first visit are not the page's cost

    with django_assert_num_queries(15):
        response = client.get(ADMIN_URL)

    assert len(response.context["helpers"]) == count
