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

from .availability import (
    CHECK_LOOKAHEAD,
    AvailabilityPage,
    Day,
    absence_for,
    availability_for,
    availability_page,
    helper_week,
    partners_for,
)
from .common import COORDINATION_BOOKS_NOT, COORDINATION_BOOKS_NOT_HERE, _uuid_or_404, _with_people
from .coordination import (
    COORDINATION_PAGE_SIZE,
    coordination_page,
    helper_choices,
    sessions_for_coordination,
)
from .feed import FEED_PAST_DAYS, TOKEN_MAX_LENGTH, calendar_feed_of, feed_sessions
from .sessions import (
    BookingPage,
    _given,
    booking_page,
    extensions_of,
    feedback_given,
    feedbacks_of,
    request_for_booking,
    request_for_helper_offer,
    request_for_member_booking,
    session_for,
    sessions_of,
    sessions_of_request,
)

__all__ = [
    "AvailabilityPage",
    "BookingPage",
    "CHECK_LOOKAHEAD",
    "COORDINATION_BOOKS_NOT",
    "COORDINATION_BOOKS_NOT_HERE",
    "COORDINATION_PAGE_SIZE",
    "Day",
    "FEED_PAST_DAYS",
    "TOKEN_MAX_LENGTH",
    "_given",
    "_uuid_or_404",
    "_with_people",
    "absence_for",
    "availability_for",
    "availability_page",
    "booking_page",
    "calendar_feed_of",
    "coordination_page",
    "extensions_of",
    "feed_sessions",
    "feedback_given",
    "feedbacks_of",
    "helper_choices",
    "helper_week",
    "partners_for",
    "request_for_booking",
    "request_for_helper_offer",
    "request_for_member_booking",
    "session_for",
    "sessions_for_coordination",
    "sessions_of",
    "sessions_of_request",
]
