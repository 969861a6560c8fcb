"""The demo network's people: organisations, members with varied privacy, verified helpers."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from home.models import CharterKind
from home.selectors import current_charter
from members import demo, roles
from members.models import (
    HelperProfile,
    MembershipStatus,
    Organisation,
    Profile,
    TermsAcceptance,
    User,
    Visibility,
)
from members.privacy import FIELDS
from tests.shared_data import rolled_back_when_done

PASSWORD = "un-mot-de-passe-de-test-2026"


def _load():
    out = StringIO()
    call_command("load_demo", password=PASSWORD, stdout=out)
    # Until load_demo calls it, the acceptances are recorded by hand as load_demo will.
    demo.load_after_cms(out)
    return out.getvalue()


def _demo_members():
    return User.objects.filter(email__endswith=f"@{demo.DEMO_DOMAIN}")


def _counts():
    return {
        "users": User.objects.count(),
        "profiles": Profile.objects.count(),
        "helper_profiles": HelperProfile.objects.count(),
        "organisations": Organisation.objects.count(),
        "acceptances": TermsAcceptance.objects.count(),
        "emails": EmailAddress.objects.count(),
        "skills": sum(profile.skills.count() for profile in Profile.objects.all()),
    }


@pytest.fixture(scope="module")
def loaded_once(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module's tests, which only read it (tests/shared_data.py)."""
    with rolled_back_when_done(django_db_blocker):
        yield _load()


@pytest.fixture
def loaded(db, loaded_once):
    return loaded_once


def test_five_organisations_each_carry_the_full_framework(loaded):
    # The members' demo organisations; the indicators' demo adds its own two, named "Démo — …".
    organisations = Organisation.objects.exclude(name__startswith="Démo — ")

    assert organisations.count() == 5
    assert len({organisation.kind for organisation in organisations}) >= 3
    for organisation in organisations:
        assert organisation.context and organisation.alert_procedure
        assert organisation.themes.exists()
        assert organisation.max_sessions_per_person >= 1


def test_forty_demo_members_are_active_members_across_the_organisations(loaded):
    members = _demo_members()

    assert members.count() == 40
    assert members.filter(groups__name=roles.MEMBERS).count() == 40
    assert members.filter(profile__status=MembershipStatus.ACTIVE).count() == 40
    assert EmailAddress.objects.filter(user__in=members, verified=True).count() == 40
    assert members.values("profile__organisation").distinct().count() == 5


def test_demo_members_made_varied_privacy_choices(loaded):
    profiles = Profile.objects.filter(user__in=_demo_members())

    for field in FIELDS:
        values = set(profiles.values_list(field.visibility_attr, flat=True))
        assert len(values) >= 2, field.key
        if not field.public_allowed:
            assert Visibility.PUBLIC not in values, field.key
    assert profiles.filter(display_name_visibility=Visibility.PUBLIC).exists()


def test_eight_demo_helpers_have_qualifications_verified_by_the_coordination(loaded):
    coordination = User.objects.get(email="coordination@relais.test")
    helpers = _demo_members().filter(groups__name=roles.HELPERS)

    assert helpers.count() == 8
    verified = HelperProfile.objects.filter(
        user__in=helpers, qualifications_verified_by=coordination
    )
    assert verified.count() == 8
    assert all(profile.themes.exists() for profile in verified)


def test_the_role_accounts_have_active_profiles(loaded):
    for email, *_rest in demo.ACCOUNTS:
        assert User.objects.get(email=email).profile.status == MembershipStatus.ACTIVE
    assert User.objects.get(email="aidant@relais.test").helper_profile.is_verified


def test_demo_members_accepted_the_membership_terms_in_force(loaded):
    terms = current_charter(CharterKind.MEMBERSHIP_TERMS)

    accepted = TermsAcceptance.objects.filter(charter=terms, user__in=_demo_members())
    assert accepted.count() == 40


def test_demo_helpers_accepted_the_helper_charter(loaded):
    charter = current_charter(CharterKind.HELPER_CHARTER)

    accepted = TermsAcceptance.objects.filter(charter=charter)
    assert accepted.count() == User.objects.filter(groups__name=roles.HELPERS).count()


def test_a_second_run_changes_nothing(loaded):
    before = _counts()

    output = _load()

    assert _counts() == before
    assert "tout existe déjà" in output
    assert "toutes existent déjà" in output


def test_a_demo_member_logs_in_with_the_chosen_password(loaded, client):
    member = _demo_members().first()

    assert client.login(email=member.email, password=PASSWORD)
