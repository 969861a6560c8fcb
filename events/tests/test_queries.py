"""Query counts of the agenda, "Mes événements" and the attendance sheet, pinned at two data
sizes (STYLE.md): they do not grow with the number of events or people."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events import services

from . import factories as f

pytestmark = pytest.mark.django_db

AGENDA_QUERIES = 22
MINE_QUERIES = 17
ATTENDANCE_QUERIES = 20


def events_with(index, size, person):
    for number in range(size):
        event = f.event(index, title=f"Rencontre {number}", starts_at=f.in_days(3 + number))
        services.register(event=event, by=person)
        services.register(event=event, by=f.member())


@pytest.mark.parametrize("size", [2, 8])
def test_the_agenda_costs_the_same_whatever_the_number_of_events(
    size, client_for, django_assert_num_queries
):
    index = f.agenda()
    person = f.member()
    events_with(index, size, person)
    client = client_for(person)

    with django_assert_num_queries(AGENDA_QUERIES):
        response = client.get(index.url)

    assert response.content.decode().count('class="card event-card"') == size


@pytest.mark.parametrize("size", [2, 8])
def test_my_events_cost_the_same_whatever_the_number_of_events(
    size, client_for, django_assert_num_queries
):
    person = f.member()
    events_with(f.agenda(), size, person)
    client = client_for(person)

    with django_assert_num_queries(MINE_QUERIES):
        response = client.get(reverse("events:mine"))

    assert response.content.decode().count("Rencontre ") == size


@pytest.mark.parametrize("size", [2, 12])
def test_the_attendance_sheet_costs_the_same_whatever_the_number_of_people(
    size, client_for, django_assert_num_queries
):
    event = f.event(f.agenda(), seats=20)
    for _ in range(size):
        services.register(event=event, by=f.member())
    event.starts_at = timezone.now() - datetime.timedelta(hours=1)
    event.save()
    client = client_for(f.coordinator())
    url = reverse("events:attendance", args=[event.pk])

    with django_assert_num_queries(ATTENDANCE_QUERIES):
        response = client.get(url)

    assert response.content.decode().count('name="present"') == size
