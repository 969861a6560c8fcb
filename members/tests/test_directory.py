"""The members' directory (R-C11): search, filters, pagination, who is listed, fixed query count."""

import re
import uuid

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from home.tests.factories import ThemeFactory
from members import roles
from members.models import MembershipStatus, Organisation, Profile, Skill, User
from members.tests.factories import UserFactory

DIRECTORY = reverse("members:directory")
PROFILE_LINK = re.compile(r'href="/membres/annuaire/([0-9a-f-]{36})/"')


def active_member(
    *, skills=(), themes=(), status=MembershipStatus.ACTIVE, first_name="Prénom", **fields
):
    """A person who completed joining, with an active profile that shows what `fields` say.
    Names are fixed so that a random name never matches a search by chance."""
    user = UserFactory(
        roles=[roles.MEMBERS] if status == MembershipStatus.ACTIVE else [],
        first_name=first_name,
        last_name="Famille",
    )
    profile = Profile.objects.create(user=user, status=status, **fields)
    if skills:
        Skill.objects.replace_for(profile, skills)
    if themes:
        profile.themes.set(list(themes))
    return profile


def listed(response):
    """The public ids of the people whose card the page shows."""
    return [uuid.UUID(value) for value in PROFILE_LINK.findall(response.content.decode())]


@pytest.fixture
def viewer(db):
    return active_member(display_name="Personne qui cherche").user


@pytest.fixture
def browse(client_for, viewer):
    client = client_for(viewer)

    def get(**params):
        return client.get(DIRECTORY, params)

    return get


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(DIRECTORY)
    assert response.status_code == 302
    assert "/compte/" in response["Location"]


def test_people_without_the_member_role_are_refused(client_for, user_without_role):
    Profile.objects.create(user=user_without_role, status=MembershipStatus.ACTIVE)
    response = client_for(user_without_role).get(DIRECTORY)
    assert response.status_code == 403


def test_the_directory_is_never_cached(browse):
    assert "no-store" in browse()["Cache-Control"]


def test_active_members_are_listed_with_a_link_by_their_public_id(browse):
    someone = active_member(display_name="Aurore des Prés")
    response = browse()
    assert someone.user.public_id in listed(response)
    assert "Aurore des Prés" in response.content.decode()


@pytest.mark.parametrize(
    "status",
    [
        MembershipStatus.QUESTIONNAIRE,
        MembershipStatus.TERMS,
        MembershipStatus.PENDING,
        MembershipStatus.REJECTED,
    ],
)
def test_people_who_have_not_finished_joining_are_not_listed(browse, status):
    newcomer = active_member(display_name="Pas encore membre", status=status)
    assert newcomer.user.public_id not in listed(browse())


def test_deactivated_accounts_are_not_listed(browse):
    gone = active_member(display_name="Compte fermé")
    gone.user.is_active = False
    gone.user.save()
    assert gone.user.public_id not in listed(browse())


def test_search_finds_a_member_by_display_name(browse):
    wanted = active_member(display_name="Bérénice Lagrange")
    other = active_member(display_name="Octave Marchand")
    found = listed(browse(q="lagrange"))
    assert wanted.user.public_id in found
    assert other.user.public_id not in found


def test_search_finds_a_member_by_a_skill_shown_to_members(browse):
    wanted = active_member(skills=["Médiation sociale"])
    active_member(skills=["Comptabilité"])
    assert listed(browse(q="médiation")) == [wanted.user.public_id]


def test_search_finds_a_member_by_job_title(browse):
    wanted = active_member(job_title="Responsable des ressources humaines")
    active_member(job_title="Cheffe de projet")
    assert listed(browse(q="ressources humaines")) == [wanted.user.public_id]


def test_a_member_matching_the_search_through_several_items_is_listed_once(browse):
    wanted = active_member(
        display_name="Écoute active", skills=["écoute", "écoute active"], bio="Écoute et écoute."
    )
    assert listed(browse(q="écoute")) == [wanted.user.public_id]


def test_a_search_that_matches_nobody_says_so(browse):
    active_member(display_name="Quelqu’un")
    response = browse(q="introuvable-xyz")
    assert listed(response) == []
    assert "Aucun membre ne correspond à ces critères." in response.content.decode()


def test_filter_by_theme_keeps_the_members_interested_in_it(browse):
    management, career = ThemeFactory(name="Management"), ThemeFactory(name="Carrière")
    wanted = active_member(themes=[management])
    active_member(themes=[career])
    assert listed(browse(theme=management.slug)) == [wanted.user.public_id]


def test_filter_by_organisation_keeps_its_members_who_show_it(browse):
    town = Organisation.objects.create(name="Ville de Montreuil-sur-Loir")
    other = Organisation.objects.create(name="Société Autre")
    wanted = active_member(organisation=town, organisation_visibility="members")
    active_member(organisation=other, organisation_visibility="members")
    assert listed(browse(organisation=str(town.public_id))) == [wanted.user.public_id]


def test_filter_by_skill_matches_the_whole_skill_whatever_the_case(browse):
    wanted = active_member(skills=["Droit du travail"])
    active_member(skills=["Droit"])
    assert listed(browse(skill="droit du travail")) == [wanted.user.public_id]


def test_a_malformed_organisation_id_lists_nobody_instead_of_failing(browse):
    active_member(display_name="Quelqu’un")
    response = browse(organisation="pas-un-identifiant")
    assert response.status_code == 200
    assert listed(response) == []


def test_search_and_filters_combine(browse):
    theme = ThemeFactory(name="Relations au travail")
    wanted = active_member(display_name="Camille Rivière", themes=[theme])
    active_member(display_name="Camille Fontaine")
    active_member(display_name="Louis Rivière", themes=[theme])
    assert listed(browse(q="camille", theme=theme.slug)) == [wanted.user.public_id]


def test_the_directory_shows_twenty_members_a_page(browse):
    for number in range(24):
        active_member(display_name=f"Membre numéro {number}")
    assert len(listed(browse())) == 20
    assert len(listed(browse(page=2))) == 5  # 24 members and the viewer


def test_page_links_keep_the_search_and_filters(browse):
    for number in range(22):
        active_member(display_name=f"Bénévole {number}")
    content = browse(q="bénévole").content.decode()
    assert 'href="?q=b%C3%A9n%C3%A9vole&amp;page=2"' in content


def test_an_out_of_range_page_shows_the_last_one(browse):
    active_member(display_name="Seule personne")
    assert browse(page=99).status_code == 200


@pytest.mark.parametrize("size", [5, 25])
def test_the_directory_runs_a_fixed_number_of_queries(browse, django_assert_num_queries, size):
    theme = ThemeFactory(name="Management")
    organisation = Organisation.objects.create(name="Collectivité de test")
    for number in range(size):
        active_member(
            display_name=f"Membre {number}",
            organisation=organisation,
            organisation_visibility="members",
            skills=["écoute", f"compétence {number}"],
            themes=[theme],
        )
    browse()  # the first page of a site creates its settings rows; count a steady page
    with django_assert_num_queries(DIRECTORY_QUERIES):
        response = browse()
    assert len(listed(response)) == min(size + 1, 20)


# Session, user, the joining gate (profile, charters in force), the viewer's groups (permission,
# then loaded once for privacy), count, page, skills, themes, the themes and organisations of the
# filters, and what base.html reads (site, links, permissions, view restrictions, menu).
DIRECTORY_QUERIES = 18


def test_only_one_s_own_card_says_that_others_see_less(browse):
    active_member(display_name="Quelqu’un d’autre")

    response = browse()

    assert len(listed(response)) == 2
    assert response.content.decode().count("Votre fiche : vous voyez tout") == 1


def test_the_directory_runs_the_same_queries_with_ten_thousand_members(
    browse, django_assert_num_queries
):
    """Issue #16, item 3: the count is pinned with 10,000 members (made in bulk, no signals)."""
    users = User.objects.bulk_create(
        User(email=f"membre-{number}@grand-reseau.test", first_name="Prénom", last_name="Famille")
        for number in range(10_000)
    )
    members_group = Group.objects.get(name=roles.MEMBERS)
    User.groups.through.objects.bulk_create(
        User.groups.through(user_id=user.pk, group_id=members_group.pk) for user in users
    )
    Profile.objects.bulk_create(
        Profile(user=user, status=MembershipStatus.ACTIVE, display_name=f"Membre {number}")
        for number, user in enumerate(users)
    )
    browse()
    with django_assert_num_queries(DIRECTORY_QUERIES):
        response = browse()
    assert len(listed(response)) == 20
