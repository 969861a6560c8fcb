"""Query counts of the accreditation pages, pinned at two data sizes through their URLs
(STYLE.md): the coordination's overview, a helper's page for the coordination and the helper's
own page do not grow with the number of helpers, changes, complaints or training entries."""

import pytest
from django.urls import reverse

from accreditation import services
from helprequests.tests.factories import helper as make_helper
from members.models import Profile
from members.tests import factories as people

from . import factories as f

pytestmark = pytest.mark.django_db

COORDINATION_QUERIES = 15
# One of them reads the helper's groups: no decision is offered to a coordinator about themselves.
HELPER_PAGE_QUERIES = 18
MINE_QUERIES = 15


def obligations(helper, number):
    services.save_insurance(
        helper=helper,
        by=helper,
        insurer="Mutuelle des Accompagnants",
        policy_number=f"RC-{number}",
        expires_on=f.in_days(200),
    )
    services.save_supervision(helper=helper, by=helper, kind="peer_group", name="Groupe Nord")
    services.add_training(
        helper=helper,
        by=helper,
        title="Écoute active",
        completed_on=f.in_days(-10 - number),
        hours=6,
    )


@pytest.mark.parametrize("size", [2, 8])
def test_the_coordination_overview_costs_the_same_whatever_the_number_of_helpers(
    size, client_for, django_assert_num_queries
):
    cast, request = f.taken()
    Profile.objects.get_or_create(user=cast.coordinator, defaults={"status": "active"})
    helpers = [make_helper() for _ in range(size)]
    for number, helper in enumerate(helpers):
        Profile.objects.create(user=helper, status="active", display_name=f"Aidant·e {number}")
        obligations(helper, number)
        services.pause(helper=helper, by=helper, pause_reason="holidays")
    for _ in range(size):
        f.complaint(cast, request)
    client = client_for(cast.coordinator)
    client.get(reverse("accreditation:coordination"))

    with django_assert_num_queries(COORDINATION_QUERIES):
        response = client.get(reverse("accreditation:coordination"))

    assert response.content.decode().count('class="helper-row"') == size + 2


def history(cast, request, size):
    """`size` training entries, complaints (half of them decided, half not anonymous) and
    suspensions lifted by different coordinators, so that the log names several people."""
    for number in range(size):
        services.add_training(
            helper=cast.helper,
            by=cast.helper,
            title=f"Formation {number}",
            completed_on=f.in_days(-1 - number),
            hours=3,
        )
        complaint = f.complaint(cast, request, anonymous=bool(number % 2))
        if number % 2:
            f.decided(complaint, cast)
    # A suspension hands the request back, after which nobody may complain from it: last.
    for number in range(size):
        coordinator = people.coordinator()
        Profile.objects.create(user=coordinator, status="active", display_name=f"Coord {number}")
        services.suspend(helper=cast.helper, by=coordinator, reason="Assurance expirée.")
        services.reinstate(helper=cast.helper, by=coordinator, reason="Assurance renouvelée.")


@pytest.mark.parametrize("size", [2, 8])
def test_a_helpers_page_for_the_coordination_costs_the_same_whatever_their_history(
    size, client_for, django_assert_num_queries
):
    cast, request = f.taken()
    Profile.objects.get_or_create(user=cast.coordinator, defaults={"status": "active"})
    history(cast, request, size)
    client = client_for(cast.coordinator)
    url = reverse("accreditation:helper", args=[cast.helper.public_id])
    client.get(url)

    with django_assert_num_queries(HELPER_PAGE_QUERIES):
        response = client.get(url)

    assert response.content.decode().count('class="change"') >= 3 * size


@pytest.mark.parametrize("size", [2, 8])
def test_the_helpers_own_page_costs_the_same_whatever_their_history(
    size, client_for, django_assert_num_queries
):
    cast, request = f.taken()
    history(cast, request, size)
    client = client_for(cast.helper)
    url = reverse("accreditation:mine")
    client.get(url)

    with django_assert_num_queries(MINE_QUERIES):
        response = client.get(url)

    assert response.content.decode().count('class="training-entry"') == size
    assert response.content.decode().count('class="complaint"') == size
