"""Concrete slot times from a helper's published availability (R-A5, R-P3).

A weekly slot is a weekday and a wall-clock time in the network's time zone: "Tuesday 9:00"
stays 9:00 in Paris in winter and in summer. Each date is combined with the time into a local
naive datetime, then made aware with zoneinfo; a time that does not exist on that day (the hour
skipped on the last Sunday of March) gives no slot, and a time that exists twice (the last
Sunday of October) gives its first occurrence.

  local_moment(day, time) -> datetime | None   the aware moment, None when it does not exist
  free_slots(helper, start, end, *, now=None) -> list[datetime]   published slots from `start`
        to `end` (dates, both included), minus absences, minus times taken by a live session,
        minus the past; two queries for availability and absences, one for sessions
"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from .models import LIVE_STATUSES, Absence, Availability, Session


def zone():
    return ZoneInfo(settings.TIME_ZONE)


def duration():
    return timedelta(minutes=settings.APPOINTMENT_MINUTES)


def local_moment(day, time):
    """The aware moment of `time` on `day` in the network's zone, None when the clocks skip it."""
    naive = datetime.combine(day, time)
    aware = naive.replace(tzinfo=zone())
    if aware.astimezone(UTC).astimezone(zone()).replace(tzinfo=None) != naive:
        return None
    return aware


def days(start, end):
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


def published_slots(availabilities, absences, start, end):
    """Every moment the availabilities offer from `start` to `end`, outside the absences."""
    weekly = {}
    once = {}
    for availability in availabilities:
        if availability.weekly:
            weekly.setdefault(availability.weekday, set()).add(availability.start_time)
        else:
            once.setdefault(availability.date, set()).add(availability.start_time)
    moments = []
    for day in days(start, end):
        if any(a.starts_on <= day <= a.ends_on for a in absences):
            continue
        for time in sorted(weekly.get(day.weekday(), set()) | once.get(day, set())):
            moment = local_moment(day, time)
            if moment is not None:
                moments.append(moment)
    return moments


def overlaps(moment, taken, length):
    return any(other - length < moment < other + length for other in taken)


def free_slots(helper, start, end, *, now=None):
    """The helper's bookable moments from `start` to `end` (dates, in the network's zone)."""
    now = now or timezone.now()
    availabilities = Availability.objects.filter(helper=helper).filter(
        weekday__isnull=False
    ) | Availability.objects.filter(helper=helper, date__gte=start, date__lte=end)
    absences = list(Absence.objects.filter(helper=helper, ends_on__gte=start, starts_on__lte=end))
    length = duration()
    window_start = local_moment(start, datetime.min.time()) or datetime.combine(
        start, datetime.min.time(), tzinfo=zone()
    )
    taken = list(
        Session.objects.filter(
            helper=helper,
            status__in=LIVE_STATUSES,
            starts_at__gte=window_start - length,
            starts_at__lt=window_start + timedelta(days=(end - start).days + 1) + length,
        ).values_list("starts_at", flat=True)
    )
    return [
        moment
        for moment in published_slots(list(availabilities), absences, start, end)
        if moment > now and not overlaps(moment, taken, length)
    ]
