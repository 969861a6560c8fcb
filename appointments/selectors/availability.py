"""The helper's availability page, their week and the partners they may share a slot with
(R-A5, R-P3)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from accreditation.selectors import accredited_helpers, stopped_accreditation

from .. import slots, workdays
from ..models import (
    Absence,
    Availability,
    Session,
)

CHECK_LOOKAHEAD = timedelta(days=6)


@dataclass
class AvailabilityPage:
    """ "Mes disponibilités": the helper's weekly and single slots still to come (their own and
    those a partner shares with them, each with `.mine` and `.partner_name`), absences to
    come, their week, and R-A5's warnings (workdays.check_availability)."""

    weekly: list
    single: list
    absences: list
    week: list
    warnings: list
    # The helper's accreditation when it stops them working (paused, suspended, withdrawn):
    # members see none of their slots and they publish none (R-K14, R-K15); else None.
    stopped: object = None


def availability_page(helper, start, *, now=None):
    """Fixed queries: slots, absences, then the slots offered over the booking window (two) and
    the week (four), whatever the number of slots, partners and sessions."""
    from members import privacy

    now = now or timezone.now()
    today = timezone.localdate(now)
    rows = list(
        Availability.objects.filter(Q(helper=helper) | Q(partner=helper))
        .exclude(until__lt=today)
        .exclude(date__lt=today)
        .select_related("helper__profile", "partner__profile")
    )
    for row in rows:
        row.mine = row.helper_id == helper.pk
        other = row.partner if row.mine else row.helper
        row.partner_name = (
            privacy.person_for(helper, other, context=privacy.LISTING).name if other else ""
        )
    absences = list(Absence.objects.filter(helper=helper, ends_on__gte=today))
    _first, last = workdays.booking_window(today)
    check = workdays.check_availability(
        free_slots=slots.free_slots(
            helper, today, last + CHECK_LOOKAHEAD, now=now, booked_too=True
        ),
        absences=[(a.starts_on, a.ends_on) for a in absences],
        today=today,
    )
    return AvailabilityPage(
        weekly=[a for a in rows if a.weekly],
        single=[a for a in rows if not a.weekly],
        absences=absences,
        week=helper_week(helper, start, now=now),
        warnings=check.warnings,
        stopped=stopped_accreditation(helper),
    )


def partners_for(helper):
    """The helpers `helper` may share a slot with (R-P3): every other accredited helper
    (accreditation.selectors) whose membership is active. The one answer, asked by the form and
    by the service."""
    from members.models import MembershipStatus

    return (
        accredited_helpers()
        .filter(profile__status=MembershipStatus.ACTIVE)
        .exclude(pk=helper.pk)
        .select_related("profile")
        .distinct()
        .order_by("pk")
    )


@dataclass
class Day:
    day: date
    free: list
    sessions: list


def helper_week(helper, start, *, now=None):
    """Seven days from `start`: the free slots and the sessions of each day (as helper or
    co-helper). Three queries for the slots (availability, absences, sessions) and one for the
    sessions shown."""
    end = start + timedelta(days=6)
    free = slots.free_slots(helper, start, end, now=now)
    first = slots.local_moment(start, slots.datetime.min.time())
    sessions = list(
        Session.objects.filter(
            Q(helper=helper) | Q(co_helper=helper),
            starts_at__gte=first,
            starts_at__lt=first + timedelta(days=7, hours=1),
        )
        .select_related("request")
        .order_by("starts_at", "pk")
    )
    days = []
    for day in slots.days(start, end):
        days.append(
            Day(
                day=day,
                free=[m for m in free if timezone.localtime(m).date() == day],
                sessions=[s for s in sessions if timezone.localtime(s.starts_at).date() == day],
            )
        )
    return days


def availability_for(helper, pk):
    """One of the slots the helper published; Http404 for anyone else's (a partner's too)."""
    availability = Availability.objects.filter(pk=pk, helper=helper).first()
    if availability is None:
        raise Http404
    return availability


def absence_for(helper, pk):
    absence = Absence.objects.filter(pk=pk, helper=helper).first()
    if absence is None:
        raise Http404
    return absence
