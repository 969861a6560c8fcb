"""Slot generation (R-A5): weekly and one-off slots, absences, live sessions, the past, and
the daylight-saving weeks (times stay wall-clock times in Paris)."""

import datetime

import pytest
import time_machine

from appointments import services, slots
from appointments.errors import AppointmentError
from appointments.models import Session, SessionStatus

from . import factories as f

pytestmark = pytest.mark.django_db

NINE = datetime.time(9, 0)


@pytest.fixture
def helper():
    return f.Cast.create().helper


def test_a_weekly_slot_gives_one_moment_a_week(helper):
    f.weekly(helper, 1, 9)  # Tuesdays at 9:00
    start = f.next_weekday(0)  # a Monday
    moments = slots.free_slots(helper, start, start + datetime.timedelta(days=20))
    assert [m.astimezone(f.PARIS).time() for m in moments] == [NINE] * 3
    assert all(m.astimezone(f.PARIS).weekday() == 1 for m in moments)


def test_a_single_slot_is_offered_on_its_day_only(helper):
    day = f.next_weekday(3)
    services.add_single_slot(helper=helper, date=day, start_time=datetime.time(14, 30))
    moments = slots.free_slots(
        helper, day - datetime.timedelta(days=3), day + datetime.timedelta(days=10)
    )
    assert moments == [f.at(day, 14, 30)]


def test_an_absence_removes_the_slots_of_its_days(helper):
    f.weekly(helper, 1, 9)
    f.weekly(helper, 3, 9)
    tuesday = f.next_weekday(1)
    services.add_absence(
        helper=helper, starts_on=tuesday, ends_on=tuesday + datetime.timedelta(days=1)
    )
    moments = slots.free_slots(helper, tuesday, tuesday + datetime.timedelta(days=6))
    assert moments == [f.at(tuesday + datetime.timedelta(days=2), 9)]


def test_a_live_session_takes_its_slot_and_a_cancelled_one_gives_it_back():
    cast, request = f.taken()
    f.weekly(cast.helper, 2, 10)
    day = f.next_weekday(2)
    session = f.book(cast, request, f.at(day, 10))
    assert slots.free_slots(cast.helper, day, day) == []
    services.cancel_session(session=session, by=cast.member, reason="Empêchement")
    assert slots.free_slots(cast.helper, day, day) == [f.at(day, 10)]


def test_past_slots_are_not_offered(helper):
    f.weekly(helper, 0, 9)
    monday = f.next_weekday(0)
    with time_machine.travel(f.at(monday, 9, 1)):
        assert slots.free_slots(helper, monday, monday) == []
    with time_machine.travel(f.at(monday, 8, 59)):
        assert slots.free_slots(helper, monday, monday) == [f.at(monday, 9)]


@time_machine.travel(datetime.datetime(2027, 3, 20, 12, tzinfo=f.PARIS))
def test_slots_keep_their_paris_time_across_the_spring_change(helper):
    f.weekly(helper, 5, 9)  # Saturdays, 9:00
    f.weekly(helper, 6, 9)  # Sundays, 9:00: the last Sunday of March 2027 is the 28th
    f.weekly(helper, 6, 2, 15)  # 2:15 does not exist on 28 March 2027
    moments = slots.free_slots(helper, datetime.date(2027, 3, 27), datetime.date(2027, 3, 29))
    assert [m.isoformat() for m in moments] == [
        "2027-03-27T09:00:00+01:00",
        "2027-03-28T09:00:00+02:00",
    ]
    utc = [m.astimezone(datetime.UTC).hour for m in moments]
    assert utc == [8, 7]


@time_machine.travel(datetime.datetime(2027, 10, 20, 12, tzinfo=f.PARIS))
def test_slots_keep_their_paris_time_across_the_autumn_change(helper):
    f.weekly(helper, 6, 9)
    f.weekly(helper, 0, 9)
    f.weekly(helper, 6, 2, 30)  # 2:30 happens twice on 31 October 2027: offered once
    moments = slots.free_slots(helper, datetime.date(2027, 10, 31), datetime.date(2027, 11, 1))
    assert [m.isoformat() for m in moments] == [
        "2027-10-31T02:30:00+02:00",
        "2027-10-31T09:00:00+01:00",
        "2027-11-01T09:00:00+01:00",
    ]


def test_a_slot_in_the_past_is_refused(helper):
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    with pytest.raises(AppointmentError, match="déjà passé"):
        services.add_single_slot(helper=helper, date=yesterday, start_time=NINE)


def test_overlapping_slots_are_refused(helper):
    f.weekly(helper, 1, 9)
    with pytest.raises(AppointmentError, match="chevauche"):
        f.weekly(helper, 1, 9, 30)
    with pytest.raises(AppointmentError, match="chevauche"):
        services.add_single_slot(
            helper=helper, date=f.next_weekday(1), start_time=datetime.time(9, 44)
        )
    f.weekly(helper, 1, 9, 45)  # right after: fine


def test_only_helpers_publish_slots():
    cast = f.Cast.create()
    with pytest.raises(AppointmentError):
        f.weekly(cast.member, 1, 9)


def test_an_absence_that_ends_before_it_starts_is_refused(helper):
    day = f.next_weekday(1)
    with pytest.raises(AppointmentError, match="précède"):
        services.add_absence(helper=helper, starts_on=day, ends_on=day - datetime.timedelta(days=1))


def test_someone_else_cannot_remove_a_helpers_slot(helper):
    slot = f.weekly(helper, 1, 9)
    other = f.Cast.create().helper
    with pytest.raises(AppointmentError):
        services.remove_slot(availability=slot, by=other)
    services.remove_slot(availability=slot, by=helper)
    assert not Session.objects.exists()
    assert SessionStatus.BOOKED == "booked"
