"""What each viewer may see of availability and sessions (STYLE.md: reads for a viewer).

sessions_of(user) -> (upcoming, past)           the sessions where the user is the member or
      the helper, each with `.role` ("member" | "helper")
session_for(user, public_id) -> Session         Http404 unless the user is its member, its
      helper or a coordinator
request_for_booking(user, public_id) -> HelpRequest   the member's own request (guardian), or
      any request for a coordinator; Http404 otherwise
booking_page(request, viewer, *, now=None) -> BookingPage   the helper who took it (as the
      request's presenter names them), the quota and the free slots of the booking window,
      or why the viewer (a coordinator, R-A1) may not book
helper_week(helper, start) -> list[Day]         seven days of the helper's slots and sessions
availability_page(helper, start, *, now=None) -> AvailabilityPage   "Mes disponibilités":
      slots (shared ones too), absences, the week, R-A5's warnings
partners_for(helper) -> QuerySet[User]           the helpers a slot may be shared with
sessions_for_coordination(*, status=None, helper=None, day=None) -> QuerySet[Session]
helpers_with_sessions() -> list[User]           for the coordination's filter
sessions_of_request(request) / extensions_of(request)
calendar_feed_of(user) -> CalendarFeed | None   the person's private feed, for "Mes entretiens"
feed_sessions(token, *, now=None) -> list[FeedSession] | None   what the feed at that secret
      address holds (None: no such feed), in two queries (R-K9)
"""

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helprequests import selectors as request_selectors
from helprequests.services.common import taking_routing
from members import roles

from . import permissions, slots, workdays
from .calendar_files import FeedSession, feed_token_matches, session_path
from .models import (
    LIVE_STATUSES,
    Absence,
    Availability,
    CalendarFeed,
    QuotaExtension,
    Session,
    TermsConfirmation,
)
from .quotas import quota_of

COORDINATION_BOOKS_NOT_HERE = _(
    "L’accord avec l’organisation de cette demande ne prévoit pas que la coordination réserve "
    "les entretiens : le membre choisit lui-même son créneau depuis sa demande. Un entretien "
    "urgent, hors des créneaux, reste possible."
)
COORDINATION_BOOKS_NOT = _(
    "Pour une demande sans organisation, le réseau ne prévoit pas que la coordination réserve "
    "les entretiens : le membre choisit lui-même son créneau depuis sa demande. Un entretien "
    "urgent, hors des créneaux, reste possible."
)


def _uuid_or_404(value):
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError):
        raise Http404 from None


def _with_people(queryset):
    return queryset.select_related("request", "helper__profile", "member__profile")


# --- Members and helpers -----------------------------------------------------------------------


def sessions_of(user, *, now=None):
    """The user's sessions as member or helper (or co-helper of a pair's session, R-P3):
    upcoming (soonest first) and past (latest first)."""
    now = now or timezone.now()
    rows = list(
        Session.objects.filter(Q(member=user) | Q(helper=user) | Q(co_helper=user))
        .select_related("request", "helper_feedback", "member_feedback")
        .order_by("starts_at", "pk")
    )
    for row in rows:
        row.role = permissions.MEMBER if row.member_id == user.pk else permissions.HELPER
        row.may_cancel = permissions.may_cancel(row.role, row, now)
        row.may_note = permissions.may_note(row.role, row, now)
        row.may_give_feedback = permissions.may_give_feedback(row.role, row, _given(row))
        row.may_propose = permissions.may_propose(row.role, row)
        row.may_set_remote = permissions.may_set_remote_details(row.role, row, now)
    upcoming = [row for row in rows if row.ends_at > now]
    past = [row for row in reversed(rows) if row.ends_at <= now]
    return upcoming, past


def _given(session):
    """Whether the viewer's side already gave its feedback (a reverse one-to-one, loaded)."""
    return hasattr(
        session, "helper_feedback" if session.role == permissions.HELPER else "member_feedback"
    )


def feedback_given(session):
    """Whether the viewer's side of `session` (its `role`) already gave its feedback."""
    return _given(session)


def feedbacks_of(request):
    """The helpers' questionnaires and the members' word on the request's sessions, for the
    coordination (R-A7, R-K13)."""
    return list(
        Session.objects.filter(request=request)
        .filter(Q(helper_feedback__isnull=False) | Q(member_feedback__isnull=False))
        .select_related("helper_feedback", "member_feedback")
        .order_by("starts_at", "pk")
    )


def session_for(user, public_id):
    session = (
        Session.objects.select_related("request").filter(public_id=_uuid_or_404(public_id)).first()
    )
    if session is None or permissions.session_role(user, session) is None:
        raise Http404
    session.role = permissions.session_role(user, session)
    return session


def request_for_booking(user, public_id):
    """The request behind the booking link: the member's own, or any for a coordinator."""
    if permissions.is_coordinator(user):
        return request_selectors.request_for_coordinator(user, public_id)
    return request_selectors.request_for_member(user, public_id)


@dataclass
class BookingPage:
    request: object
    role: str
    helper: object = None
    quota: object = None
    days: list = field(default_factory=list)
    sessions: list = field(default_factory=list)
    terms: object = None  # the TermsConfirmation, or None
    # Why the viewer may not book here (a coordinator where the organisation does not allow
    # it, R-A1), else "".
    closed_reason: str = ""

    @property
    def needs_terms(self):
        """R-K3: the member confirms the terms before booking (a coordinator books anyway)."""
        return self.role == permissions.MEMBER and self.terms is None

    @property
    def bookable(self):
        return (
            self.role is not None
            and not self.needs_terms
            and self.helper is not None
            and self.request.status in permissions.BOOKABLE_REQUEST_STATES
            and self.quota.remaining > 0
        )


def booking_page(request, viewer, *, now=None):
    """What the booking page shows: the request's sessions, its quota and, once a helper took
    it, their free slots (shared ones included, R-P3) over the booking window
    (workdays.booking_window: APPOINTMENT_BOOKING_WORKING_DAYS working days), grouped by day.
    A coordinator whom the request's organisation does not let book (R-A1) is told why."""
    now = now or timezone.now()
    page = BookingPage(
        request=request,
        role=permissions.booking_role(viewer, request),
        quota=quota_of(request),
        sessions=sessions_of_request(request),
        terms=TermsConfirmation.objects.filter(request=request).first(),
    )
    if page.role is None and permissions.is_coordinator(viewer):
        page.closed_reason = (
            COORDINATION_BOOKS_NOT_HERE if request.organisation_id else COORDINATION_BOOKS_NOT
        )
    routing = taking_routing(request)
    if routing is not None:
        page.helper = routing.helper
        if page.bookable:
            today, end = workdays.booking_window(timezone.localdate(now))
            by_day = {}
            for moment in slots.free_slots(routing.helper, today, end, now=now):
                by_day.setdefault(timezone.localtime(moment).date(), []).append(moment)
            page.days = sorted(by_day.items())
    return page


def sessions_of_request(request):
    return list(Session.objects.filter(request=request).order_by("starts_at", "pk"))


def extensions_of(request):
    return list(QuotaExtension.objects.filter(request=request).select_related("granted_by"))


# R-A5's check reads the slots the helper offers (free or already booked: a booked slot was
# offered, and a helper whose slots are taken is not told they offer too few) one week past the
# booking window: a weekly slot without end date goes on after it, so a helper whose slots fall
# early in the week is not told that their horizon is short only because the window ends on a
# later weekday.
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
    )


def partners_for(helper):
    """The helpers `helper` may share a slot with (R-P3): every other helper whose account and
    membership are active. The one answer, asked by the form and by the service."""
    from members.models import MembershipStatus

    return (
        get_user_model()
        .objects.filter(
            groups__name=roles.HELPERS, is_active=True, profile__status=MembershipStatus.ACTIVE
        )
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


# --- Coordination ------------------------------------------------------------------------------


def sessions_for_coordination(*, status=None, helper=None, day=None):
    """Every session, soonest first, narrowed by the filters (one query, whatever the size)."""
    queryset = Session.objects.select_related("request").order_by("starts_at", "pk")
    if status:
        queryset = queryset.filter(status=status)
    if helper:
        queryset = queryset.filter(Q(helper_id=helper) | Q(co_helper_id=helper))
    if day:
        first = slots.local_moment(day, slots.datetime.min.time())
        queryset = queryset.filter(starts_at__gte=first, starts_at__lt=first + timedelta(days=1))
    return queryset


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


COORDINATION_PAGE_SIZE = 50


def coordination_page(viewer, *, status=None, helper=None, day=None, page=1):
    """One page of the coordination's list, each session with `.helper_name` (and
    `.co_helper_name` for a pair's session, R-P3) as members.privacy names them to this viewer
    (a fixed number of queries)."""
    from django.core.paginator import Paginator

    from members import privacy

    queryset = sessions_for_coordination(status=status, helper=helper, day=day).select_related(
        "helper__profile", "co_helper__profile"
    )
    paginated = Paginator(queryset, COORDINATION_PAGE_SIZE).get_page(page)
    for session in paginated.object_list:
        session.helper_name, session.co_helper_name = (
            privacy.person_for(viewer, person, context=privacy.LISTING).name if person else ""
            for person in (session.helper, session.co_helper)
        )
    return paginated


def request_for_member_booking(member, public_id):
    """The member's own request behind the booking link (guardian view_helprequest), else 404."""
    return request_selectors.request_for_member(member, public_id)


def request_for_helper_offer(helper, public_id):
    """The request the helper took (guardian take_part), to offer a slot on; else 404."""
    routing = request_selectors.routing_for_helper(helper, public_id)
    if not routing.takes_part:
        raise Http404
    return routing.request


def helper_choices(viewer):
    """(id, name) of every helper, named as members.privacy names them to the viewer."""
    from members import privacy

    return [
        (user.pk, privacy.person_for(viewer, user, context=privacy.LISTING).name)
        for user in get_user_model()
        .objects.filter(groups__name=roles.HELPERS, is_active=True)
        .select_related("profile")
        .distinct()
        .order_by("pk")
    ]


# --- The private calendar feed (R-K9) -----------------------------------------------------------

# Held sessions stay in the feed this many days after they started, so that the week just gone
# still reads right in a calendar; older ones leave it (a phone keeps no more than it needs).
FEED_PAST_DAYS = 30
TOKEN_MAX_LENGTH = 64


def calendar_feed_of(user):
    """The person's feed, or None when they have not turned it on."""
    return CalendarFeed.objects.filter(user=user).first()


def feed_sessions(token, *, now=None):
    """The entries of the feed at `/entretiens/agenda/<token>.ics`, or None when no feed has
    that token (unknown, reset, turned off) or its owner's account is no longer active.

    The person's live sessions (booked, held, missed) as member, helper or co-helper, from
    FEED_PAST_DAYS ago onwards; cancelled ones are left out, so a subscribed calendar drops them.
    Each entry is a FeedSession: an opaque id, times and a path, nothing else to leak."""
    if not token or len(token) > TOKEN_MAX_LENGTH:
        return None
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active or not feed_token_matches(token, feed.token):
        return None
    now = now or timezone.now()
    user_id = feed.user_id
    rows = (
        Session.objects.filter(
            Q(member_id=user_id) | Q(helper_id=user_id) | Q(co_helper_id=user_id)
        )
        .filter(status__in=LIVE_STATUSES, starts_at__gte=now - timedelta(days=FEED_PAST_DAYS))
        .order_by("starts_at", "pk")
        .only("public_id", "starts_at", "duration_minutes")
    )
    return [
        FeedSession(
            key=str(row.public_id),
            starts_at=row.starts_at,
            ends_at=row.ends_at,
            path=session_path(row.public_id),
        )
        for row in rows
    ]
