"""Registration, cancellation, the waiting list and attendance, through the services."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from events import services
from events.errors import EventError
from events.models import EventAudience, EventKind, Registration, RegistrationStatus

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def index():
    return f.agenda()


def statuses(event):
    return dict(Registration.objects.filter(event=event).values_list("user_id", "status"))


def test_registrations_take_seats_then_the_waiting_list_in_order(index):
    event = f.event(index, seats=2)
    people = [f.member() for _ in range(4)]

    results = [services.register(event=event, by=person) for person in people]

    assert [r.status for r in results] == ["confirmed", "confirmed", "waiting", "waiting"]
    assert sorted(r.seat for r in results[:2]) == [1, 2]
    assert [r.position for r in results[2:]] == [1, 2]


def test_registering_twice_is_refused_and_keeps_the_place(index):
    event = f.event(index, seats=1)
    person = f.member()
    first = services.register(event=event, by=person)

    with pytest.raises(EventError, match="déjà inscrit"):
        services.register(event=event, by=person)

    first.refresh_from_db()
    assert first.status == RegistrationStatus.CONFIRMED and first.seat == 1
    assert Registration.objects.filter(event=event).count() == 1


def test_joining_the_waiting_list_twice_is_refused(index):
    event = f.event(index, seats=1)
    services.register(event=event, by=f.member())
    person = f.member()
    services.register(event=event, by=person)

    with pytest.raises(EventError, match="déjà en liste d’attente"):
        services.register(event=event, by=person)


def test_cancelling_promotes_the_first_person_waiting_and_tells_them(
    index, mailbox, django_capture_on_commit_callbacks
):
    event = f.event(index, seats=1)
    first, second, third = f.member(), f.member(), f.member()
    held = services.register(event=event, by=first)
    services.register(event=event, by=second)
    services.register(event=event, by=third)

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(registration=held, by=first)

    assert statuses(event) == {
        first.pk: "cancelled",
        second.pk: "confirmed",
        third.pk: "waiting",
    }
    promoted = Registration.objects.get(event=event, user=second)
    assert promoted.seat == 1 and promoted.promoted_at is not None
    assert [m["To"] for m in mailbox] == [second.email]
    assert "place s’est libérée" in mailbox[0]["Subject"]
    assert event.title not in mailbox[0].get_content()


def test_a_cancelled_person_may_register_again_at_the_end_of_the_queue(index):
    event = f.event(index, seats=1)
    first, second, third = f.member(), f.member(), f.member()
    held = services.register(event=event, by=first)
    services.register(event=event, by=second)
    services.register(event=event, by=third)
    services.cancel(registration=held, by=first)

    again = services.register(event=event, by=first)

    assert again.pk == held.pk
    assert again.status == RegistrationStatus.WAITING
    assert again.position > Registration.objects.get(event=event, user=third).position


def test_nobody_may_cancel_someone_elses_place(index):
    event = f.event(index, seats=1)
    owner, intruder = f.member(), f.member()
    held = services.register(event=event, by=owner)

    with pytest.raises(EventError, match="n’est pas la vôtre"):
        services.cancel(registration=held, by=intruder)

    held.refresh_from_db()
    assert held.status == RegistrationStatus.CONFIRMED


def test_registration_after_the_deadline_is_refused(index):
    event = f.event(index, starts_at=f.in_days(5), registration_deadline=f.in_days(1), seats=5)
    person = f.member()

    with (
        time_machine.travel(f.in_days(2), tick=False),
        pytest.raises(EventError, match="date limite"),
    ):
        services.register(event=event, by=person)

    assert not Registration.objects.filter(event=event).exists()


def test_registration_once_the_event_started_is_refused(index):
    event = f.event(index, starts_at=timezone.now() - datetime.timedelta(minutes=5))
    with pytest.raises(EventError, match="déjà commencé"):
        services.register(event=event, by=f.member())


@pytest.mark.parametrize(
    ("audience", "role", "allowed"),
    [
        (EventAudience.EVERYONE, "member", True),
        (EventAudience.MEMBERS, "member", True),
        (EventAudience.HELPERS, "member", False),
        (EventAudience.HELPERS, "helper", True),
        (EventAudience.MEMBERS, "user_without_role", False),
    ],
)
def test_the_audience_decides_who_may_register(index, audience, role, allowed):
    event = f.event(index, audience=audience)
    makers = {
        "member": f.member,
        "helper": f.helper,
        "user_without_role": lambda: f.people.UserFactory(),
    }
    person = makers[role]()

    if allowed:
        assert services.register(event=event, by=person).status == "confirmed"
    else:
        with pytest.raises(EventError, match="autre public"):
            services.register(event=event, by=person)
        assert not Registration.objects.filter(event=event).exists()


def test_added_seats_go_to_the_people_waiting(index, mailbox, django_capture_on_commit_callbacks):
    event = f.event(index, seats=1)
    services.register(event=event, by=f.member())
    waiting = f.member()
    services.register(event=event, by=waiting)
    event.seats = 2
    event.save_revision().publish()

    with django_capture_on_commit_callbacks(execute=True):
        assert services.fill_free_seats(event=event) == 1

    assert Registration.objects.get(event=event, user=waiting).status == "confirmed"
    assert [m["To"] for m in mailbox] == [waiting.email]


def test_attendance_is_recorded_by_a_coordinator_once_the_event_started(index):
    event = f.event(index, seats=3)
    came, missed = f.member(), f.member()
    came_place = services.register(event=event, by=came)
    services.register(event=event, by=missed)
    coordinator = f.coordinator()

    with pytest.raises(EventError, match="une fois l’événement commencé"):
        services.record_attendance(event=event, by=coordinator, attended=[])

    with time_machine.travel(event.starts_at + datetime.timedelta(hours=1), tick=False):
        services.record_attendance(
            event=event, by=coordinator, attended=[str(came_place.public_id)]
        )

    assert dict(Registration.objects.filter(event=event).values_list("user_id", "attended")) == {
        came.pk: True,
        missed.pk: False,
    }


def test_attendance_is_refused_to_a_member_and_for_people_not_registered(index):
    event = f.event(index, starts_at=timezone.now() - datetime.timedelta(hours=1))
    stranger = Registration(public_id="00000000-0000-0000-0000-000000000000")

    with pytest.raises(EventError, match="Seule la coordination"):
        services.record_attendance(event=event, by=f.member(), attended=[])
    with pytest.raises(EventError, match="pas inscrite"):
        services.record_attendance(
            event=event, by=f.coordinator(), attended=[str(stranger.public_id)]
        )


@time_machine.travel(datetime.datetime(2027, 3, 1, 10, tzinfo=datetime.UTC), tick=False)
def test_helpers_missing_a_yearly_event_are_reminded(
    index, mailbox, django_capture_on_commit_callbacks
):
    coordinator = f.coordinator()
    done, half, none = f.helper(), f.helper(), f.helper()
    meeting = f.event(index, kind=EventKind.HELPERS_MEETING, audience=EventAudience.HELPERS)
    webinar = f.event(index, kind=EventKind.WEBINAR, audience=EventAudience.HELPERS)
    places = {}
    for person in (done, half):
        places[person, "meeting"] = services.register(event=meeting, by=person)
    places[done, "webinar"] = services.register(event=webinar, by=done)
    later = max(meeting.starts_at, webinar.starts_at) + datetime.timedelta(hours=3)
    with time_machine.travel(later, tick=False):
        services.record_attendance(
            event=meeting,
            by=coordinator,
            attended=[
                str(places[done, "meeting"].public_id),
                str(places[half, "meeting"].public_id),
            ],
        )
        services.record_attendance(
            event=webinar, by=coordinator, attended=[str(places[done, "webinar"].public_id)]
        )
        with django_capture_on_commit_callbacks(execute=True):
            sent = services.remind_helpers(by=coordinator)

    assert sent == 2
    assert sorted(m["To"] for m in mailbox) == sorted([half.email, none.email])
