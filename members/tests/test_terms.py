"""New versions of the terms and of the helper charter (R-C15, R-K1), and who accepted what."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from home.models import CharterKind
from home.tests.factories import CharterPageFactory
from members import roles
from members.models import TermsAcceptance
from members.services import joining
from members.tests import factories as people

# The CMS tree is built once for the module (conftest.shared_site_tree).
pytestmark = pytest.mark.usefixtures("shared_site_tree")

TERMS = reverse("members:accept_terms")
ACCEPTANCES = reverse("members:acceptances")


def new_version(site_tree, *, kind=CharterKind.MEMBERSHIP_TERMS, label="V2/2026", reaccept=True):
    return CharterPageFactory(
        parent=site_tree.charters,
        title="Nouvelle version",
        slug=f"{kind}-{label.replace('/', '-')}".lower(),
        kind=kind,
        version_label=label,
        effective_date=datetime.date(2026, 1, 1),
        requires_reacceptance=reaccept,
        summary_of_changes="<p>Le forum devient modéré a priori.</p>",
    )


def accepted(user, charter):
    return TermsAcceptance.objects.create(
        user=user, charter=charter, kind=charter.kind, version_label=charter.version_label
    )


@pytest.fixture
def member_under_v1(member, membership_terms):
    accepted(member, membership_terms)
    return member


# --- Re-acceptance ---------------------------------------------------------------------------


def test_a_new_version_requiring_reacceptance_stops_a_member_at_the_next_member_page(
    member_under_v1, client_for, site_tree
):
    new_version(site_tree)

    response = client_for(member_under_v1).get(reverse("members:directory"))

    assert response.status_code == 302
    assert response["Location"].startswith(TERMS)


@pytest.mark.parametrize(
    "url", ["/forum/", reverse("members:my_profile"), reverse("members:directory")]
)
def test_a_member_who_owes_a_reacceptance_is_stopped_at_the_forum_and_other_spaces(
    member_under_v1, client_for, site_tree, url
):
    new_version(site_tree)

    response = client_for(member_under_v1).get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(TERMS)


@pytest.mark.parametrize("url", ["/demandes/demander/", "/demandes/"])
def test_a_new_version_to_accept_never_blocks_help_and_a_banner_asks_for_it(
    member_under_v1, client_for, site_tree, url
):
    """Issue #17, item 5: asking for help and reading one's requests stay open."""
    new_version(site_tree)

    response = client_for(member_under_v1).get(url)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Une nouvelle version des conditions du réseau attend votre accord." in page
    assert f'href="{TERMS}?next=' in page


def test_the_home_page_tells_a_member_a_new_version_waits(member_under_v1, client_for, site_tree):
    new_version(site_tree)

    page = client_for(member_under_v1).get("/").content.decode()

    assert "Une nouvelle version des conditions du réseau attend votre accord." in page


def test_the_home_page_says_nothing_when_nothing_waits(member_under_v1, client_for, site_tree):
    page = client_for(member_under_v1).get("/").content.decode()

    assert "attend votre accord" not in page


def test_the_new_version_page_says_what_declining_means_and_how_to_leave(
    member_under_v1, client_for, site_tree
):
    new_version(site_tree)

    page = client_for(member_under_v1).get(TERMS).content.decode()

    assert "Si vous ne l’acceptez pas" in page
    assert "vos demandes d’aide, elles, restent ouvertes" in page
    assert f'href="{reverse("members:my_data")}"' in page
    assert f'href="{reverse("helprequests:mine")}"' in page


def test_a_new_version_without_reacceptance_lets_members_through(
    member_under_v1, client_for, site_tree
):
    new_version(site_tree, reaccept=False)

    response = client_for(member_under_v1).get(reverse("members:directory"))

    assert not response.get("Location", "").startswith(TERMS)


def test_a_version_not_yet_in_force_stops_nobody(member_under_v1, client_for, site_tree):
    future = new_version(site_tree)
    future.effective_date = datetime.date(2999, 1, 1)
    future.save_revision().publish()

    response = client_for(member_under_v1).get(reverse("members:directory"))

    assert not response.get("Location", "").startswith(TERMS)


def test_the_new_terms_page_shows_the_summary_of_changes(member_under_v1, client_for, site_tree):
    new_version(site_tree)

    html = client_for(member_under_v1).get(TERMS).content.decode()

    assert "Le forum devient modéré a priori." in html
    assert "V2/2026" in html


def test_a_member_who_joined_under_an_earlier_version_sees_its_label(
    member_under_v1, client_for, site_tree
):
    new_version(site_tree)

    html = client_for(member_under_v1).get(TERMS).content.decode()

    assert "Vous aviez accepté la version V1/2024" in html


def test_accepting_the_new_version_records_it_and_goes_back_where_the_member_was(
    member_under_v1, client_for, site_tree
):
    v2 = new_version(site_tree)
    directory = reverse("members:directory")
    client = client_for(member_under_v1)

    response = client.post(TERMS, {"charter": v2.pk, "accept": "on", "next": directory})

    assert response["Location"] == directory
    assert list(
        TermsAcceptance.objects.filter(user=member_under_v1)
        .order_by("accepted_at", "pk")
        .values_list("version_label", flat=True)
    ) == ["V1/2024", "V2/2026"]
    assert not client.get(directory).get("Location", "").startswith(TERMS)


def test_the_new_version_is_not_accepted_without_ticking_the_box(
    member_under_v1, client_for, site_tree
):
    v2 = new_version(site_tree)

    response = client_for(member_under_v1).post(TERMS, {"charter": v2.pk})

    assert "Cochez la case" in response.content.decode()
    assert not TermsAcceptance.objects.filter(charter=v2).exists()


def test_an_external_next_address_is_ignored_after_acceptance(
    member_under_v1, client_for, site_tree
):
    v2 = new_version(site_tree)

    response = client_for(member_under_v1).post(
        TERMS, {"charter": v2.pk, "accept": "on", "next": "https://ailleurs.example/"}
    )

    assert response["Location"] == "/"


def test_a_helper_is_stopped_by_a_new_helper_charter(membership_terms, client_for, site_tree):
    helper = people.UserFactory(roles=[roles.MEMBERS, roles.HELPERS])
    new_version(site_tree, kind=CharterKind.HELPER_CHARTER, label="A2/2026")

    response = client_for(helper).get(reverse("members:directory"))

    assert response["Location"].startswith(TERMS)


def test_a_helper_accepting_the_new_helper_charter_goes_on(membership_terms, client_for, site_tree):
    helper = people.UserFactory(roles=[roles.MEMBERS, roles.HELPERS])
    charter = new_version(site_tree, kind=CharterKind.HELPER_CHARTER, label="A2/2026")
    client = client_for(helper)

    client.post(TERMS, {"charter": charter.pk, "accept": "on", "ethics": "on"})

    assert TermsAcceptance.objects.get(user=helper).kind == CharterKind.HELPER_CHARTER
    assert not client.get(reverse("members:directory")).get("Location", "").startswith(TERMS)


def test_the_helper_charter_is_signed_only_with_the_ethics_commitment(
    membership_terms, client_for, site_tree
):
    helper = people.UserFactory(roles=[roles.MEMBERS, roles.HELPERS])
    charter = new_version(site_tree, kind=CharterKind.HELPER_CHARTER, label="A2/2026")
    client = client_for(helper)
    assert 'name="ethics"' in client.get(TERMS).content.decode()

    refused = client.post(TERMS, {"charter": charter.pk, "accept": "on"})

    assert refused.status_code == 400
    assert "Cochez la case pour signer l’engagement éthique." in refused.content.decode()
    assert not TermsAcceptance.objects.filter(user=helper).exists()
    with pytest.raises(ValidationError):
        joining.accept_terms(user=helper, charter=charter)
    assert not TermsAcceptance.objects.filter(user=helper).exists()


def test_a_member_who_is_not_a_helper_is_not_stopped_by_the_helper_charter(
    member_under_v1, client_for, site_tree
):
    new_version(site_tree, kind=CharterKind.HELPER_CHARTER, label="A2/2026")

    response = client_for(member_under_v1).get(reverse("members:directory"))

    assert not response.get("Location", "").startswith(TERMS)


def test_the_terms_page_says_so_when_nothing_is_due(member_under_v1, client_for):
    html = client_for(member_under_v1).get(TERMS).content.decode()

    assert "rien n’est à accepter" in html


# --- Who accepted what -----------------------------------------------------------------------


@pytest.fixture
def coordination(coordinator_with_2fa, client_for):
    return client_for(coordinator_with_2fa)


def test_coordinators_see_who_accepted_which_version_and_when(coordination, membership_terms):
    person = people.member(first_name="Aline", last_name="Roux")
    accepted(person, membership_terms)

    html = coordination.get(ACCEPTANCES).content.decode()

    assert "Aline Roux" in html
    assert "V1/2024" in html
    assert "Conditions d’adhésion" in html


def test_the_acceptances_can_be_filtered_by_version(coordination, membership_terms, site_tree):
    v2 = new_version(site_tree, reaccept=False)
    accepted(people.member(first_name="Aline", last_name="Roux"), membership_terms)
    accepted(people.member(first_name="Basile", last_name="Morel"), v2)

    html = coordination.get(ACCEPTANCES, {"version": "V2/2026"}).content.decode()

    assert "Basile Morel" in html
    assert "Aline Roux" not in html


def test_the_acceptances_can_be_filtered_by_kind(coordination, membership_terms, site_tree):
    helper_charter = new_version(site_tree, kind=CharterKind.HELPER_CHARTER, label="A1")
    accepted(people.member(first_name="Aline", last_name="Roux"), membership_terms)
    accepted(people.member(first_name="Basile", last_name="Morel"), helper_charter)

    html = coordination.get(ACCEPTANCES, {"kind": CharterKind.HELPER_CHARTER}).content.decode()

    assert "Basile Morel" in html
    assert "Aline Roux" not in html


def test_members_who_are_not_coordinators_cannot_see_the_acceptances(member, client_for):
    assert client_for(member).get(ACCEPTANCES).status_code == 403


@pytest.mark.parametrize("size", [2, 15])
def test_the_acceptances_list_costs_a_fixed_number_of_queries(
    coordination, membership_terms, django_assert_num_queries, size
):
    for index in range(size):
        accepted(people.member(first_name=f"Personne{index}"), membership_terms)
    coordination.get(ACCEPTANCES)

    with django_assert_num_queries(13):
        response = coordination.get(ACCEPTANCES)

    assert response.content.decode().count('<th scope="row">') == size


def test_a_helper_who_never_signed_the_helper_charter_is_stopped_until_they_do(
    membership_terms, client_for, site_tree
):
    helper = people.UserFactory(roles=[roles.MEMBERS, roles.HELPERS])
    charter = new_version(
        site_tree, kind=CharterKind.HELPER_CHARTER, label="A1/2026", reaccept=False
    )
    client = client_for(helper)

    assert client.get(reverse("members:directory"))["Location"].startswith(TERMS)

    client.post(TERMS, {"charter": charter.pk, "accept": "on", "ethics": "on"})

    assert not client.get(reverse("members:directory")).get("Location", "").startswith(TERMS)


def test_a_helper_who_signed_an_earlier_helper_charter_is_not_stopped_by_a_minor_version(
    membership_terms, client_for, site_tree
):
    helper = people.UserFactory(roles=[roles.MEMBERS, roles.HELPERS])
    earlier = new_version(
        site_tree, kind=CharterKind.HELPER_CHARTER, label="A0/2025", reaccept=False
    )
    earlier.effective_date = datetime.date(2025, 1, 1)
    earlier.save()
    accepted(helper, earlier)
    new_version(site_tree, kind=CharterKind.HELPER_CHARTER, label="A1/2026", reaccept=False)

    response = client_for(helper).get(reverse("members:directory"))

    assert not response.get("Location", "").startswith(TERMS)
