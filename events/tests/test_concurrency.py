"""Many people clicking "M’inscrire" at the same instant (PostgreSQL, real row locks).

The register service re-reads the event under SELECT … FOR UPDATE, so registrations of one event
run one after the other: exactly `seats` people get a seat, the others queue in the waiting list
in distinct positions, and nobody is registered twice. SQLite has no row locks (it serialises
whole writes), so this module runs on PostgreSQL, as CI does.
"""

import pytest
from django.db import connection

from events import services
from events.errors import EventError
from events.models import Registration, RegistrationStatus
from tests.routes import race as shared_race

from . import factories as f

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks (select_for_update) need PostgreSQL; CI runs this suite on it",
    ),
    pytest.mark.django_db(transaction=True),
]


def race(*actions):
    return shared_race(*actions, refused=EventError)


def test_eight_people_clicking_at_once_for_three_seats_fill_three_seats_and_queue_five():
    event = f.event(f.agenda(), seats=3)
    people = [f.member() for _ in range(8)]

    results = race(*[lambda p=p: services.register(event=event, by=p) for p in people])

    assert all(isinstance(r, Registration) for r in results)
    rows = Registration.objects.filter(event=event)
    confirmed = rows.filter(status=RegistrationStatus.CONFIRMED)
    assert confirmed.count() == 3
    assert sorted(confirmed.values_list("seat", flat=True)) == [1, 2, 3]
    waiting = rows.filter(status=RegistrationStatus.WAITING)
    assert sorted(waiting.values_list("position", flat=True)) == [1, 2, 3, 4, 5]


def test_two_clicks_of_one_person_at_once_give_one_place():
    event = f.event(f.agenda(), seats=3)
    person = f.member()

    results = race(
        lambda: services.register(event=event, by=person),
        lambda: services.register(event=event, by=person),
    )

    assert sorted(isinstance(r, EventError) for r in results) == [False, True]
    assert Registration.objects.filter(event=event, user=person).count() == 1


def test_a_cancellation_racing_a_registration_for_the_last_seat_never_overbooks():
    event = f.event(f.agenda(), seats=1)
    holder, waiting, latecomer = f.member(), f.member(), f.member()
    held = services.register(event=event, by=holder)
    services.register(event=event, by=waiting)

    race(
        lambda: services.cancel(registration=held, by=holder),
        lambda: services.register(event=event, by=latecomer),
    )

    confirmed = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
    assert list(confirmed.values_list("user_id", flat=True)) == [waiting.pk]
    assert Registration.objects.get(event=event, user=latecomer).status == "waiting"
