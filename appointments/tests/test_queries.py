"""Query counts of the helper's week and the coordination's list, pinned at two data sizes
(STYLE.md): they do not grow with the number of sessions."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from appointments import services
from appointments.models import Session
from members.models import Profile

from . import factories as f

pytestmark = pytest.mark.django_db

WEEK_QUERIES = 26
LIST_QUERIES = 19


def sessions(cast, request, count, *, start):
    """`count` sessions of the helper, one every hour from `start` (bypassing the slots)."""
    Session.objects.bulk_create(
        Session(
            request=request,
            helper=cast.helper,
            member=cast.member,
            starts_at=start + datetime.timedelta(hours=number),
            duration_minutes=45,
            booked_by=cast.member,
            booked_at=timezone.now(),
        )
        for number in range(count)
    )


@pytest.mark.parametrize("size", [3, 40])
def test_the_helpers_week_costs_the_same_whatever_the_number_of_sessions(
    size, client_for, django_assert_num_queries
):
    cast, request = f.taken()
    for weekday in range(5):
        f.weekly(cast.helper, weekday, 8)
    sessions(cast, request, size, start=f.at(timezone.localdate() + datetime.timedelta(days=1), 9))
    client = client_for(cast.helper)

    with django_assert_num_queries(WEEK_QUERIES):
        response = client.get(reverse("appointments:availability"))

    assert response.status_code == 200


@pytest.mark.parametrize("size", [3, 120])
def test_the_coordinations_list_costs_the_same_whatever_the_number_of_sessions(
    size, client_for, django_assert_num_queries
):
    cast, request = f.taken()
    Profile.objects.create(user=cast.coordinator, status="active")
    sessions(cast, request, size, start=f.at(timezone.localdate(), 9))
    client = client_for(cast.coordinator)

    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(reverse("appointments:coordination"))

    assert response.content.decode().count('class="session-row"') == min(size, 50)


@pytest.mark.parametrize("partners", [1, 4])
def test_the_availability_page_costs_the_same_whatever_the_number_of_pairs(
    partners, client_for, django_assert_num_queries
):
    """Shared slots in both directions, absences and the helpers offered as partners."""
    cast, _request = f.taken()
    for number in range(partners):
        partner = f.Cast.create().helper
        services.add_weekly_slot(
            helper=cast.helper, weekday=number, start_time=datetime.time(8), partner=partner
        )
        services.add_single_slot(
            helper=partner,
            date=f.next_weekday(number),
            start_time=datetime.time(15),
            partner=cast.helper,
        )
        services.add_absence(
            helper=partner, starts_on=f.next_weekday(number), ends_on=f.next_weekday(number)
        )
    client = client_for(cast.helper)

    with django_assert_num_queries(WEEK_QUERIES):
        response = client.get(reverse("appointments:availability"))

    assert response.content.decode().count("en binôme avec") == 2 * partners
