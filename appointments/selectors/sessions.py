"""A person's sessions, one session, and the booking page of a request (R-A1, R-K2, R-K3)."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from helprequests import selectors as request_selectors
from helprequests.services.common import taking_routing

from .. import permissions, slots, workdays
from ..models import (
    CANCELLED_STATUSES,
    QuotaExtension,
    Session,
    TermsConfirmation,
)
from ..quotas import quota_of
from .common import COORDINATION_BOOKS_NOT, COORDINATION_BOOKS_NOT_HERE, _uuid_or_404

# --- Members and helpers -----------------------------------------------------------------------


def sessions_of(user, *, now=None):
    """The user's sessions as member or helper (or co-helper of a pair's session, R-P3):
    upcoming (soonest first) and past or cancelled (latest first)."""
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
    # A cancelled session is no longer to come: it goes with the past ones, latest first.
    upcoming = [r for r in rows if r.ends_at > now and r.status not in CANCELLED_STATUSES]
    past = [r for r in reversed(rows) if r.ends_at <= now or r.status in CANCELLED_STATUSES]
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


@dataclass(frozen=True)
class FreeSlot:
    """A free moment to book, and whether a session booked there would start within the late-
    cancellation delay (R-A3): the member could no longer cancel it without it being due."""

    starts_at: object
    late: bool


@dataclass
class BookingPage:
    request: object
    role: str
    helper: object = None
    quota: object = None
    days: list = field(default_factory=list)  # [(date, [FreeSlot])]
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
    def has_late_slots(self):
        return any(slot.late for _day, day_slots in self.days for slot in day_slots)

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
                slot = FreeSlot(moment, permissions.cancelling_now_is_late(moment, now))
                by_day.setdefault(timezone.localtime(moment).date(), []).append(slot)
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


def request_for_member_booking(member, public_id):
    """The member's own request behind the booking link (guardian view_helprequest), else 404."""
    return request_selectors.request_for_member(member, public_id)


def request_for_helper_offer(helper, public_id):
    """The request the helper took (guardian take_part), to offer a slot on; else 404."""
    routing = request_selectors.routing_for_helper(helper, public_id)
    if not routing.takes_part:
        raise Http404
    return routing.request
