"""Who may do what with availability and sessions, in one place the services and pages ask.

helper of a slot       the helper themself publishes and removes their slots and absences; a
                       slot shared with a partner (R-P3) is removed by its publisher only
booking                the request's member (guardian view_helprequest), the helper who took
                       it (guardian take_part), who offers one of their own slots (R-P3, R-P4),
                       or a coordinator where the request's organisation allows it (R-A1,
                       coordinators_may_book; always for an urgent session, R-P5), once a
                       helper has taken the request
a session's helpers    its helper and, on a shared slot, its co-helper: both are HELPER below
                       (notes, call details, the next step, the one helper questionnaire)
cancelling             the session's member, one of its helpers or a coordinator
no-show, done          one of the session's helpers, once it has started
quota extension        coordinators (R-A10)
private calendar feed  a member or a helper, for their own sessions only (R-K9)
"""

from datetime import timedelta

from django.conf import settings

from accreditation.selectors import is_accredited
from helprequests import access
from helprequests import permissions as request_permissions
from members import roles

MEMBER = request_permissions.MEMBER
HELPER = request_permissions.HELPER
COORDINATOR = request_permissions.COORDINATOR

# A session is booked while a helper works on the request (taken or in progress).
BOOKABLE_REQUEST_STATES = request_permissions.WORKING


def is_coordinator(user):
    return user is not None and user.is_authenticated and roles.has_role(user, roles.COORDINATORS)


def is_helper(user):
    return user is not None and user.is_authenticated and roles.has_role(user, roles.HELPERS)


def coordinators_may_book(request):
    """R-A1: whether the coordination books a session for the request's member: as the
    organisation's agreement says (Organisation.coordinators_book_sessions), or for a request
    without organisation as APPOINTMENT_COORDINATORS_BOOK_WITHOUT_ORGANISATION says."""
    if request.organisation_id:
        return request.organisation.coordinators_book_sessions
    return settings.APPOINTMENT_COORDINATORS_BOOK_WITHOUT_ORGANISATION


def booking_role(user, request, *, urgent=False):
    """MEMBER when `user` is the request's member, HELPER when they took it (they offer a slot,
    R-P3), COORDINATOR for the coordination where it may book for this request
    (coordinators_may_book) or for an urgent session outside the slots (R-P5, `urgent`), else
    None."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    held = access.held(user, request)
    if access.VIEW_REQUEST in held:
        return MEMBER
    if access.TAKE_PART in held:
        return HELPER
    if is_coordinator(user) and (urgent or coordinators_may_book(request)):
        return COORDINATOR
    return None


def may_offer(user, request):
    """R-P3: the helper who took a request offers the member one of their slots while they work
    on it, while accredited (accreditation.selectors.is_accredited, issue #19)."""
    return (
        booking_role(user, request) == HELPER
        and request.status in BOOKABLE_REQUEST_STATES
        and is_accredited(user)
    )


def session_role(user, session):
    """How `user` stands to a session: its member, one of its helpers (the helper who took the
    request, or the partner of a shared slot, R-P3), a coordinator, or None."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if session.member_id == user.pk:
        return MEMBER
    if user.pk in (session.helper_id, session.co_helper_id):
        return HELPER
    if is_coordinator(user):
        return COORDINATOR
    return None


def may_cancel(role, session, now):
    """Anyone of the session (member, helper, coordinator) until it starts (R-A3)."""
    from .models import SessionStatus

    return role is not None and session.status == SessionStatus.BOOKED and now < session.starts_at


def cancelling_now_is_late(starts_at, now):
    """Whether a member's cancellation at `now` of a session starting at `starts_at` would leave
    it due (R-A3)."""
    return now > starts_at - timedelta(hours=settings.APPOINTMENT_LATE_CANCEL_HOURS)


def may_note(role, session, now):
    """One of the session's helpers notes it held or missed once it has started."""
    from .models import SessionStatus

    return role == HELPER and session.status == SessionStatus.BOOKED and now >= session.starts_at


def feedback_role(user, session):
    """The member or a helper of the session (R-A7, R-K13); coordinators read, not write. A
    pair's session gets one helper questionnaire, from whichever of the two fills it first."""
    role = session_role(user, session)
    return role if role in (MEMBER, HELPER) else None


def may_give_feedback(role, session, given):
    from .models import SessionStatus

    return role in (MEMBER, HELPER) and session.status == SessionStatus.DONE and not given


def may_propose(role, session):
    """R-A10: the helper, after a session held, once."""
    from .models import SessionStatus

    return role == HELPER and session.status == SessionStatus.DONE and not session.next_step


def may_set_remote_details(role, session, now):
    """R-K9: the helper (or a coordinator) gives the call or video details of a coming session."""
    return role in (HELPER, COORDINATOR) and may_cancel(role, session, now)


def may_have_feed(user):
    """R-K9: anyone who can have sessions (a member or a helper) may keep a private feed of
    their own sessions."""
    return (
        user is not None
        and user.is_authenticated
        and user.is_active
        and (roles.has_role(user, roles.MEMBERS) or roles.has_role(user, roles.HELPERS))
    )
