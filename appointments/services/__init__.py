"""Every state change of availability and sessions (STYLE.md: one function per action).

CONTRACT: each function takes keyword arguments, runs in a transaction, checks the actor's
right (appointments.permissions) and the current state, locks the rows it changes, and raises
appointments.errors.AppointmentError with a French message when it refuses; nothing is changed
then. Mail goes through portal.notifications.notify (a fixed sentence and a link, no name), by
way of helprequests' `send`, so that the demo's quiet_notifications block mutes it too.

  add_weekly_slot(*, helper, weekday, start_time, until=None, partner=None, now=None)
        -> Availability                        up to `until`; shared with `partner` (R-P3)
  add_single_slot(*, helper, date, start_time, partner=None, now=None) -> Availability
  remove_slot(*, availability, by) -> None     by the helper who published it only
  add_absence(*, helper, starts_on, ends_on, now=None) -> Absence
  remove_absence(*, absence, by) -> None
  book_session(*, request, starts_at, by, remote_details="", outside_slots=False, now=None)
        -> Session                                 outside_slots: urgent, coordinators (R-P5)
  confirm_terms(*, request, by, contribution="none", amount_eur=None, now=None)
        -> TermsConfirmation                   the member, once, before the first session
  grant_extra_sessions(*, request, by, extra, reason, now=None) -> QuotaExtension
  cancel_session(*, session, by, reason, now=None) -> Session
  mark_no_show(*, session, by, now=None) -> Session
  mark_done(*, session, by, now=None) -> Session
  give_feedback(*, session, by, data, now=None) -> HelperFeedback | MemberFeedback
                                               once per session and side, after it was held
  set_remote_details(*, session, by, details, now=None) -> Session   the helper or a
                                               coordinator, before the session (R-K9)
  propose_next_step(*, session, by, step, now=None) -> Session
                                               the helper, after a session held (R-A10)
  remind_sessions(*, now=None) -> int          the day before, both sides (worker)
  forget_person(user, *, now=None) -> None     account deletion: upcoming sessions cancelled,
                                               slots and absences erased, links cut
  cancel_sessions_of_request(*, request, helper, action, by=None, now=None) -> int
                                               the request's helper left it (withdrawn,
                                               stepped aside, referred, closed): its coming
                                               sessions with them cancelled (handover.py)
  open_feed(*, user, now=None) -> CalendarFeed   a member or helper's private calendar feed
  reset_feed(*, user, now=None) -> CalendarFeed  a new secret address, the old one dead (R-K9)
  close_feed(*, user) -> None                  the feed turned off

Booking, new call details and cancellations send the sessions' calendar files to both sides
(appointments.confirmations, R-A6, R-P6, R-K9); each raises Session.calendar_sequence.

A slot is never booked twice: bookings of one request are serialised by its row lock (quota),
and a unique constraint on (helper, start) among live sessions refuses a second booking of the
same slot from another request, even at the same instant (test_concurrency.py). A slot shared
by a pair (R-P3) is booked under both helpers' row locks, and constraints on (co-helper, start)
and on the pair either way round back them.
"""

from .availability import add_absence, add_single_slot, add_weekly_slot, remove_absence, remove_slot
from .booking import book_session, confirm_terms, grant_extra_sessions
from .feeds import close_feed, open_feed, reset_feed
from .sessions import (
    DELETED_ACCOUNT,
    REMINDER_HOURS,
    cancel_session,
    cancel_sessions_of_request,
    forget_person,
    give_feedback,
    mark_done,
    mark_no_show,
    propose_next_step,
    remind_sessions,
    set_remote_details,
)

__all__ = [
    "DELETED_ACCOUNT",
    "REMINDER_HOURS",
    "add_absence",
    "add_single_slot",
    "add_weekly_slot",
    "book_session",
    "cancel_session",
    "cancel_sessions_of_request",
    "close_feed",
    "confirm_terms",
    "forget_person",
    "give_feedback",
    "grant_extra_sessions",
    "mark_done",
    "mark_no_show",
    "open_feed",
    "propose_next_step",
    "remind_sessions",
    "remove_absence",
    "remove_slot",
    "reset_feed",
    "set_remote_details",
]
