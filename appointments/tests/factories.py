"""Appointments for tests: a help request taken by its helper (built through the helprequests
services, so guardian's rows are real), the helper's slots, and moments in Paris time."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from appointments import services
from helprequests.models import Status
from helprequests.tests.factories import Cast

PARIS = ZoneInfo("Europe/Paris")


def taken(**kwargs):
    """(cast, request): a request in state "taken" by `cast.helper`."""
    cast = Cast.create(**kwargs)
    request = cast.request_in(Status.TAKEN)
    services.confirm_terms(request=request, by=cast.member)
    return cast, request


def coordination_books(cast, allowed=True):
    """The request's organisation lets the coordination book for its members (R-A1)."""
    cast.organisation.coordinators_book_sessions = allowed
    cast.organisation.save(update_fields=["coordinators_book_sessions"])


def next_weekday(weekday, *, after=None, weeks=1):
    """The date of the `weekday` at least `weeks` weeks after `after` (today by default)."""
    day = (after or timezone.localdate()) + datetime.timedelta(days=7 * (weeks - 1) + 1)
    while day.weekday() != weekday:
        day += datetime.timedelta(days=1)
    return day


def at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=PARIS)


def weekly(helper, weekday, hour, minute=0):
    return services.add_weekly_slot(
        helper=helper, weekday=weekday, start_time=datetime.time(hour, minute)
    )


def book(cast, request, moment, by=None):
    return services.book_session(request=request, starts_at=moment, by=by or cast.member)
