"""R-A5 on "Mes disponibilités": the warnings of workdays.check_availability, computed from the
helper's free slots over the booking window, counted in working days with French public
holidays; weekly slots with an end date, absences. The clock is frozen on Friday 30 April 2027,
before a May of four public holidays (Saturdays 1 and 8 May, Ascension on Thursday 6 May, Whit
Monday on 17 May)."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from appointments import services, slots
from appointments.errors import AppointmentError
from appointments.models import Availability
from members.models import Profile

from . import factories as f

pytestmark = pytest.mark.django_db

FRIDAY = datetime.datetime(2027, 4, 30, 8, 0, tzinfo=f.PARIS)
END_OF_MAY = datetime.date(2027, 5, 31)


@pytest.fixture
def helper():
    cast, _request = f.taken()
    return cast.helper


def _weekdays_until(helper, until):
    for weekday in range(5):
        services.add_weekly_slot(
            helper=helper, weekday=weekday, start_time=datetime.time(10), until=until
        )


def _page(client_for, helper):
    response = client_for(helper).get(reverse("appointments:availability"))
    assert response.status_code == 200
    return response.content.decode()


def test_weekly_slots_without_end_date_reach_the_recommended_horizon_without_warning(
    helper, client_for
):
    with time_machine.travel(FRIDAY):
        _weekdays_until(helper, None)
        page = _page(client_for, helper)

    assert "availability-warning" not in page


def test_booked_slots_still_count_as_offered(client_for):
    with time_machine.travel(FRIDAY):
        cast, request = f.taken()
        _weekdays_until(cast.helper, None)
        for day in (3, 4, 5):
            f.book(cast, request, f.at(datetime.date(2027, 5, day), 10))
        page = _page(client_for, cast.helper)

    assert "availability-warning" not in page


def test_slots_ending_with_may_cover_nineteen_working_days_not_twenty_one(helper, client_for):
    # 21 weekdays from 3 to 31 May, minus Ascension and Whit Monday.
    with time_machine.travel(FRIDAY):
        _weekdays_until(helper, END_OF_MAY)
        page = _page(client_for, helper)

    assert page.count("availability-warning") == 1
    assert "ne couvrent que 19 jours ouvrés" in page
    assert "au moins 30 jours ouvrés (60 recommandés)" in page
    assert "moins de 5 créneaux" not in page


def test_an_absence_at_the_end_shortens_the_horizon(helper, client_for):
    with time_machine.travel(FRIDAY):
        _weekdays_until(helper, END_OF_MAY)
        services.add_absence(
            helper=helper, starts_on=datetime.date(2027, 5, 24), ends_on=END_OF_MAY
        )
        page = _page(client_for, helper)

    # 3-7 May without Ascension (4), 10-14 May (5), 18-21 May without Whit Monday (4).
    assert "ne couvrent que 13 jours ouvrés" in page


def test_a_horizon_beyond_the_minimum_gets_the_softer_note(helper, client_for):
    with time_machine.travel(FRIDAY):
        _weekdays_until(helper, datetime.date(2027, 6, 30))
        page = _page(client_for, helper)

    # May's 19 working days, and June's 22 weekdays.
    assert "Vos créneaux couvrent 41 jours ouvrés : 60 sont recommandés." in page
    assert "ne couvrent que" not in page


def test_a_week_with_too_few_slots_is_named(helper, client_for):
    with time_machine.travel(FRIDAY):
        f.weekly(helper, 1, 9)
        f.weekly(helper, 3, 9)
        page = _page(client_for, helper)

    assert "moins de 5 créneaux par semaine" in page
    assert "03/05/2027" in page


def test_a_weekly_slot_with_an_end_date_stops_after_it(helper):
    with time_machine.travel(FRIDAY):
        f.weekly(helper, 1, 9)
        services.add_weekly_slot(
            helper=helper,
            weekday=3,
            start_time=datetime.time(9),
            until=datetime.date(2027, 5, 13),
        )
        moments = slots.free_slots(helper, datetime.date(2027, 5, 1), datetime.date(2027, 5, 31))

    thursdays = [m.date() for m in moments if m.weekday() == 3]
    assert thursdays == [datetime.date(2027, 5, 6), datetime.date(2027, 5, 13)]
    assert len([m for m in moments if m.weekday() == 1]) == 4


def test_an_end_date_in_the_past_is_refused(helper):
    with time_machine.travel(FRIDAY), pytest.raises(AppointmentError, match="déjà passé"):
        services.add_weekly_slot(
            helper=helper,
            weekday=1,
            start_time=datetime.time(9),
            until=datetime.date(2027, 4, 29),
        )
    assert not Availability.objects.exists()


def test_the_helper_sets_an_end_date_in_the_form(helper, client_for):
    with time_machine.travel(FRIDAY):
        response = client_for(helper).post(
            reverse("appointments:availability"),
            {
                "kind": "weekly",
                "weekly-weekday": "2",
                "weekly-start_time": "15:00",
                "weekly-until": "2027-06-02",
            },
        )
        page = _page(client_for, helper)

    assert response.status_code == 302
    assert Availability.objects.get().until == datetime.date(2027, 6, 2)
    assert "jusqu’au 2 juin 2027" in page


def test_members_book_up_to_the_working_days_of_the_window(helper, client_for, settings):
    """Ten working days after Friday 30 April 2027 is Tuesday 18 May (6 and 17 May are public
    holidays): the Tuesday after is out of the window."""
    settings.APPOINTMENT_BOOKING_WORKING_DAYS = 10
    with time_machine.travel(FRIDAY):
        cast, request = f.taken()
        Profile.objects.filter(user=cast.helper).update(status="active")
        f.weekly(cast.helper, 1, 9)
        page = client_for(cast.member).get(reverse("appointments:book", args=[request.public_id]))

    content = page.content.decode()
    for day in (4, 11, 18):
        assert f.at(datetime.date(2027, 5, day), 9).isoformat() in content
    assert f.at(datetime.date(2027, 5, 25), 9).isoformat() not in content
