"""The person presenter, members.privacy.person_for: one answer to "how does this page show this
person to this viewer?" (R-C7, R-C10, R-C11).

The field × visibility × viewer walk of test_privacy.py goes through it on every surface; these
tests pin what it decides on its own: deleted accounts and missing profiles, the contact entry
only where the caller states the consent rule, the order of the name items per context, the
previews, and that whether a profile opens is the very rule of members.selectors.profile_for.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.urls import reverse

from members import privacy, roles, selectors
from members.models import MembershipStatus, Profile, Visibility
from members.services import data_rights
from members.tests import factories as people

pytestmark = pytest.mark.django_db


def person(**kwargs):
    """An active member named Rosalie Fontanel, known to members as "Rosa" unless told."""
    profile_values = {
        "status": MembershipStatus.ACTIVE,
        "display_name": "Rosa",
        "phone": "06 55 44 33 22",
    }
    profile_values.update(kwargs)
    user = people.member(first_name="Rosalie", last_name="Fontanel")
    return Profile.objects.create(user=user, **profile_values)


# --- Names -----------------------------------------------------------------------------------


def test_a_deleted_account_is_a_former_member_with_nothing_else():
    profile = person()
    user = data_rights.delete_account(user=profile.user, remove_forum_posts=False)
    reader = people.coordinator()

    for who in (None, user):
        shown = privacy.person_for(reader, who, contact_shared=True, phone="06 00 00 00 00")
        assert (shown.name, shown.neutral, shown.contact, shown.link) == (
            "Ancien membre",
            True,
            None,
            None,
        )
        assert shown.card == ()


def test_someone_without_a_profile_is_named_only_to_the_coordination():
    user = people.member(first_name="Sans", last_name="Profil")

    assert privacy.person_for(people.member(), user).name == "Membre du réseau"
    assert privacy.person_for(AnonymousUser(), user).name == "Membre du réseau"
    coordination = people.coordinator()
    assert privacy.person_for(coordination, user).name == "Sans Profil"
    assert privacy.person_for(coordination, user, context=privacy.IDENTIFY).name == "Sans Profil"
    # A list of people shows coordinators what members see (R-C8).
    listed = privacy.person_for(coordination, user, context=privacy.LISTING)
    assert (listed.name, listed.neutral, listed.may_open) == ("Membre du réseau", True, False)


def test_the_display_name_comes_first_except_where_the_coordination_identifies_someone():
    profile = person()
    coordination, member = people.coordinator(), people.member()

    assert privacy.person_for(member, profile).name == "Rosa"
    assert privacy.person_for(coordination, profile).name == "Rosa"
    assert privacy.person_for(coordination, profile, context=privacy.LISTING).name == "Rosa"
    identified = privacy.person_for(coordination, profile, context=privacy.IDENTIFY)
    assert identified.name == "Rosalie Fontanel"
    # A member's own choices still bind the identifying order for anyone but the coordination.
    Profile.objects.filter(pk=profile.pk).update(name_visibility=Visibility.COORDINATORS)
    profile.refresh_from_db()
    assert privacy.person_for(member, profile, context=privacy.IDENTIFY).name == "Rosa"


def test_a_name_kept_for_the_coordination_leaves_members_a_neutral_label():
    profile = person(display_name="", name_visibility=Visibility.COORDINATORS)

    shown = privacy.person_for(people.member(), profile)
    assert (shown.name, shown.neutral, shown.known_name) == ("Membre du réseau", True, "")
    assert privacy.person_for(people.coordinator(), profile).known_name == "Rosalie Fontanel"
    assert privacy.person_for(profile.user, profile).name == "Rosalie Fontanel"  # the owner


def test_the_previews_name_a_person_as_each_audience_would():
    profile = person(display_name_visibility=Visibility.PUBLIC)
    assert privacy.person_as(profile, Visibility.MEMBERS).name == "Rosa"
    assert privacy.person_as(profile, Visibility.PUBLIC).name == "Rosa"

    Profile.objects.filter(pk=profile.pk).update(display_name_visibility=Visibility.MEMBERS)
    profile.refresh_from_db()
    assert privacy.person_as(profile, Visibility.MEMBERS).name == "Rosa"
    assert privacy.person_as(profile, Visibility.PUBLIC).name == "Membre du réseau"
    assert privacy.person_as(None, Visibility.MEMBERS).name == "Membre du réseau"


def test_naming_a_person_reads_nothing_more_than_the_viewer_s_roles(django_assert_num_queries):
    created = person(job_title="Archiviste")
    profile = privacy.profiles_prefetched(Profile.objects.filter(pk=created.pk)).get()
    viewer = people.member()
    roles.has_role(viewer, roles.MEMBERS)  # the roles, read once per viewer

    with django_assert_num_queries(0):
        assert privacy.person_for(viewer, profile).name == "Rosa"
        card = privacy.person_for(viewer, profile, context=privacy.LISTING).card
    assert [(item.key, item.value) for item in card] == [("job_title", "Archiviste")]


# --- Contact (R-C10) -------------------------------------------------------------------------


def test_a_contact_entry_exists_only_where_the_caller_states_the_consent_rule():
    profile = person()
    helper = people.UserFactory(roles=[roles.MEMBERS, roles.HELPERS])

    assert privacy.person_for(helper, profile).contact is None
    assert privacy.person_for(people.coordinator(), profile).contact is None  # not even them

    shared = privacy.person_for(helper, profile, contact_shared=True, channel_label="Téléphone")
    assert shared.contact == privacy.ContactEntry(
        name="Rosa",  # the name every page gives this viewer, never a second one
        email=profile.user.email,
        phone="06 55 44 33 22",  # kept for the coordination on the profile: consent shares it
        channel_label="Téléphone",
    )


def test_the_number_chosen_for_an_exchange_wins_over_the_profile_s():
    profile = person()
    shown = privacy.person_for(
        people.member(), profile, contact_shared=True, phone="07 11 22 33 44"
    )
    assert shown.contact.phone == "07 11 22 33 44"
    no_profile = people.member(email="sans-profil@relais.test")
    entry = privacy.person_for(people.member(), no_profile, contact_shared=True).contact
    assert (entry.email, entry.phone) == ("sans-profil@relais.test", "")


# --- Opening a profile (R-C11) ---------------------------------------------------------------

SUBJECTS = {
    "active": {"status": MembershipStatus.ACTIVE},
    "pending": {"status": MembershipStatus.PENDING},
    "questionnaire": {"status": MembershipStatus.QUESTIONNAIRE},
    "closed account": {"status": MembershipStatus.ACTIVE, "user_active": False},
}
VIEWERS = {
    "member": lambda: people.member(),
    "coordinator": lambda: people.coordinator(),
    "account without the member role": lambda: people.UserFactory(),
    "visitor": AnonymousUser,
}


@pytest.mark.parametrize("subject_kind", SUBJECTS)
@pytest.mark.parametrize("viewer_kind", [*VIEWERS, "owner"])
def test_may_open_is_the_rule_of_the_profile_page(subject_kind, viewer_kind):
    values = dict(SUBJECTS[subject_kind])
    user_active = values.pop("user_active", True)
    profile = person(**values)
    if not user_active:
        profile.user.is_active = False
        profile.user.save(update_fields=["is_active"])
    viewer = profile.user if viewer_kind == "owner" else VIEWERS[viewer_kind]()

    shown = privacy.person_for(viewer, profile)

    # The page is for members (member_required), and opens what profile_for returns.
    opens = roles.has_role(viewer, roles.MEMBERS) and (
        selectors.profile_for(viewer, profile.user.public_id) is not None
    )
    assert shown.may_open is opens
    assert shown.link == (profile.user.public_id if opens else None)


def author_card(viewer, user):
    template = Template("{% load member_tags %}{% author_card viewer author %}")
    return template.render(Context({"viewer": viewer, "author": user}))


def test_the_author_card_links_a_profile_exactly_when_it_opens(client_for):
    """Regression: the card decided on its own (an active status and a member viewer), so it
    linked a closed account's profile, which answers 404, and never linked people still joining
    for the coordination, whose profile opens to them."""
    closed = person()
    closed.user.is_active = False
    closed.user.save(update_fields=["is_active"])
    joining = person(status=MembershipStatus.PENDING)
    member, coordination = people.member(), people.with_second_factor(people.coordinator())
    Profile.objects.create(user=member, status=MembershipStatus.ACTIVE)
    Profile.objects.create(user=coordination, status=MembershipStatus.ACTIVE)

    for viewer, subject, opens in (
        (member, closed, False),
        (member, joining, False),
        (coordination, joining, True),
    ):
        link = reverse("members:profile", args=[subject.user.public_id])
        assert (f'href="{link}"' in author_card(viewer, subject.user)) is opens
        status = client_for(viewer).get(link).status_code
        assert status == (200 if opens else 404)
