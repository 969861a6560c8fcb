"""A helper cannot put a name to the "réf." of a confidential organisation (R-A1, R-A11).

The attack: read the brief of a request, note the reference, then look for it among the ids the
directory's organisation filter and the helpers' organisation list show next to names.
"""

import re

import pytest
from django.urls import reverse

from helprequests.models import Status
from members.models import ConfidentialityLevel, MembershipStatus, Organisation, Profile, Visibility
from members.tests import factories as people

from .factories import Cast

pytestmark = pytest.mark.django_db

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
DIRECTORY = reverse("members:directory")
ORGANISATIONS = reverse("members:organisations")


@pytest.fixture
def cast(db):
    return Cast.create(confidentiality=ConfidentialityLevel.NAME_HIDDEN)


@pytest.fixture
def shown(db):
    return Organisation.objects.create(
        name="Métallerie du Val", confidentiality_level=ConfidentialityLevel.NAME_SHOWN
    )


def _reference_in_brief(client, request):
    page = client.get(reverse("helprequests:helper_brief", args=[request.public_id]))
    assert page.status_code == 200
    found = re.search(r"réf\. ([^)\s]+)\)", page.content.decode())
    assert found, "the brief names the organisation by a reference"
    return found.group(1)


def _ids_on(page):
    return {match.replace("-", "") for match in UUID.findall(page.lower())}


def test_the_reference_in_a_brief_starts_no_id_the_helper_can_see(client_for, cast, shown):
    request = cast.request_in(Status.ROUTED)
    client = client_for(cast.helper)

    reference = _reference_in_brief(client, request).lower()
    directory = client.get(DIRECTORY).content.decode()
    organisations = client.get(ORGANISATIONS).content.decode()

    assert not str(cast.organisation.public_id).replace("-", "").startswith(reference)
    for page in (directory, organisations):
        assert not any(seen.startswith(reference) for seen in _ids_on(page))
    assert cast.organisation.name not in directory + organisations


def test_the_reference_is_not_hexadecimal_so_it_can_start_no_uuid(cast):
    assert len(cast.organisation.reference) == 8
    assert set(cast.organisation.reference.lower()).isdisjoint(set("0123456789abcdef"))


def test_the_directory_filter_lists_for_a_helper_only_organisations_named_to_helpers(
    client_for, cast, shown
):
    page = client_for(cast.helper).get(DIRECTORY).content.decode()

    assert str(shown.public_id) in page
    assert shown.name in page
    assert str(cast.organisation.public_id) not in page
    assert cast.organisation.name not in page


def test_the_directory_filter_still_lists_every_organisation_for_other_members(
    client_for, cast, shown
):
    page = client_for(cast.member).get(DIRECTORY).content.decode()

    assert shown.name in page
    assert cast.organisation.name in page


def test_the_directory_filter_lists_every_organisation_for_coordinators(client_for, cast, shown):
    Profile.objects.create(user=cast.coordinator, status=MembershipStatus.ACTIVE)

    page = client_for(cast.coordinator).get(DIRECTORY).content.decode()

    assert shown.name in page
    assert cast.organisation.name in page


def test_a_helper_filtering_by_a_confidential_organisation_id_finds_nobody(client_for, cast):
    Profile.objects.filter(user=cast.member).update(organisation_visibility=Visibility.MEMBERS)
    organisations = client_for(cast.helper).get(ORGANISATIONS).content.decode()
    assert str(cast.organisation.public_id) in organisations  # the link to its framework

    as_helper = client_for(cast.helper).get(
        DIRECTORY, {"organisation": str(cast.organisation.public_id)}
    )
    reader = people.member(first_name="Lectrice", last_name="Famille")
    Profile.objects.create(user=reader, status=MembershipStatus.ACTIVE)
    as_member = client_for(reader).get(
        DIRECTORY, {"organisation": str(cast.organisation.public_id)}
    )

    assert str(cast.member.public_id) not in as_helper.content.decode()
    assert str(cast.member.public_id) in as_member.content.decode()


def test_the_helpers_organisation_list_names_only_organisations_named_to_helpers(
    client_for, cast, shown
):
    page = client_for(cast.helper).get(ORGANISATIONS).content.decode()

    assert shown.name in page
    assert cast.organisation.name not in page
    assert f"réf. {cast.organisation.reference}" in page


def test_every_organisation_draws_its_own_reference(db):
    first = Organisation.objects.create(name="Première")
    second = Organisation.objects.create(name="Seconde")

    assert first.reference != second.reference
