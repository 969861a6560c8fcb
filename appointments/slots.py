"""Concrete slot times from a helper's published availability (R-A5, R-P3).

A weekly slot is a weekday and a wall-clock time in the network's time zone: "Tuesday 9:00"
stays 9:00 in Paris in winter and in summer. Each date is combined with the time into a local
naive datetime, then made aware with zoneinfo; a time that does not exist on that day (the hour
skipped on the last Sunday of March) gives no slot, and a time that exists twice (the last
Sunday of October) gives its first occurrence.

  local_moment(day, time) -> datetime | None   the aware moment, None when it does not exist
  offers(helper, start, end, *, now=None) -> list[Offer]   published slots from `start` to
        `end` (dates, both included; a weekly slot up to its `until`), the helper's own and
        those shared with a partner (R-P3), minus absences, minus times taken by a live session
        (of either helper of a shared slot), minus the past; each with the partner's id when
        shared. Three queries: availability, absences, sessions
  free_slots(helper, start, end, *, now=None) -> list[datetime]   the offers' moments
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from accreditation.selectors import not_working_q

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


def overlaps(moment, taken, length):
    return any(other - length < moment < other + length for other in taken)


@dataclass(frozen=True)
class Offer:
    """A bookable moment and, for a slot shared by a pair (R-P3), the other helper's id."""

    moment: datetime
    co_helper_id: int | None = None


def offers(helper, start, end, *, now=None, booked_too=False):
    """The helper's bookable moments from `start` to `end` (dates, in the network's zone): their
    own slots and the slots they share with a partner, in either direction. A shared slot is
    offered while both helpers are free: outside both one's absences and both one's sessions
    (as helper or co-helper). Three queries whatever the number of slots and partners.

    `booked_too`: the moments the helper offers, booked or not (R-A5 counts what a helper
    offers); two queries, the sessions are not read."""
    now = now or timezone.now()
    availabilities = list(
        Availability.objects.filter(Q(helper=helper) | Q(partner=helper))
        .filter(
            Q(weekday__isnull=False, until__isnull=True)
            | Q(weekday__isnull=False, until__gte=start)
            | Q(date__gte=start, date__lte=end)
        )
        # A pair whose other helper's account was closed offers nothing more together.
        .exclude(helper__is_active=False)
        .exclude(partner__is_active=False)
        # Nor a slot whose helper or partner is paused, suspended or withdrawn (issue #19).
        .exclude(not_working_q("helper_id"))
        .exclude(not_working_q("partner_id"))
    )
    holders = {helper.pk}.union(*(a.holders() for a in availabilities))
    absences = {}
    for absence in Absence.objects.filter(
        helper_id__in=holders, ends_on__gte=start, starts_on__lte=end
    ):
        absences.setdefault(absence.helper_id, []).append(absence)
    length = duration()
    window_start = local_moment(start, datetime.min.time()) or datetime.combine(
        start, datetime.min.time(), tzinfo=zone()
    )
    taken = {}
    sessions = Session.objects.none() if booked_too else Session.objects.all()
    for starts_at, *people in sessions.filter(
        Q(helper_id__in=holders) | Q(co_helper_id__in=holders),
        status__in=LIVE_STATUSES,
        starts_at__gte=window_start - length,
        starts_at__lt=window_start + timedelta(days=(end - start).days + 1) + length,
    ).values_list("starts_at", "helper_id", "co_helper_id"):
        for person in people:
            taken.setdefault(person, []).append(starts_at)
    found = {}
    for day in days(start, end):
        for availability in availabilities:
            if not availability.offered_on(day):
                continue
            pair = availability.holders()
            if any(
                a.starts_on <= day <= a.ends_on for person in pair for a in absences.get(person, ())
            ):
                continue
            moment = local_moment(day, availability.start_time)
            if moment is None or moment <= now or moment in found:
                continue
            if any(overlaps(moment, taken.get(person, ()), length) for person in pair):
                continue
            others = pair - {helper.pk}
            found[moment] = Offer(moment, others.pop() if others else None)
    return [found[moment] for moment in sorted(found)]


def free_slots(helper, start, end, *, now=None, booked_too=False):
    """The helper's bookable moments from `start` to `end` (dates, in the network's zone)."""
    return [offer.moment for offer in offers(helper, start, end, now=now, booked_too=booked_too)]
