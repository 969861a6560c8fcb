"""Two bookings of the same slot at the same instant (PostgreSQL, real transactions).

The two requests are different, so their row locks do not serialise the bookings: the unique
constraint on (helper, start) among live sessions does, and the second booking is refused with
"Ce créneau vient d’être pris". SQLite serialises whole writes, so this module runs on
PostgreSQL, as CI does.
"""

import pytest
from django.db import connection

from appointments import services
from appointments.errors import AppointmentError
from appointments.models import Session
from helprequests.models import HelpRequest
from tests.routes import race

from . import factories as f

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent transactions need PostgreSQL; CI runs this suite on it",
    ),
    pytest.mark.django_db(transaction=True),
]


def test_two_requests_booking_the_same_slot_at_once_make_one_session():
    cast, first = f.taken()
    second = cast.submit()
    for step in ("acknowledge", "accept", "route", "accept_routing"):
        cast.step(second, step)
    second = HelpRequest.objects.get(pk=second.pk)
    services.confirm_terms(request=second, by=cast.member)
    f.weekly(cast.helper, 1, 9)
    moment = f.at(f.next_weekday(1), 9)

    results = race(
        lambda: f.book(cast, first, moment),
        lambda: f.book(cast, second, moment),
        refused=AppointmentError,
    )

    refusals = [r for r in results if isinstance(r, AppointmentError)]
    assert len(refusals) == 1
    assert refusals[0].code in {"taken", "not_offered"}
    assert Session.objects.filter(helper=cast.helper, starts_at=moment).count() == 1


def test_the_same_request_booked_twice_at_once_keeps_its_quota():
    cast, request = f.taken()
    cast.organisation.max_sessions_per_person = 1
    cast.organisation.save()
    request = HelpRequest.objects.get(pk=request.pk)
    f.weekly(cast.helper, 1, 9)
    f.weekly(cast.helper, 3, 9)

    results = race(
        lambda: f.book(cast, request, f.at(f.next_weekday(1), 9)),
        lambda: f.book(cast, request, f.at(f.next_weekday(3), 9)),
        refused=AppointmentError,
    )

    assert sum(isinstance(r, AppointmentError) for r in results) == 1
    assert Session.objects.filter(request=request).count() == 1


def test_a_pairs_shared_slot_booked_from_each_of_their_requests_at_once_makes_one_session():
    """R-P3: the slot is the helper's and their partner's; a request taken by each of them books
    it at the same instant. Neither of the two is booked twice at that time."""
    cast, request = f.taken()
    partner_cast, partner_request = f.taken()
    services.add_weekly_slot(
        helper=cast.helper,
        weekday=1,
        start_time=f.at(f.next_weekday(1), 9).time(),
        partner=partner_cast.helper,
    )
    moment = f.at(f.next_weekday(1), 9)

    results = race(
        lambda: f.book(cast, request, moment),
        lambda: f.book(partner_cast, partner_request, moment),
        refused=AppointmentError,
    )

    refusals = [r for r in results if isinstance(r, AppointmentError)]
    assert len(refusals) == 1
    assert refusals[0].code in {"taken", "not_offered"}
    session = Session.objects.get(starts_at=moment)
    assert {session.helper, session.co_helper} == {cast.helper, partner_cast.helper}
