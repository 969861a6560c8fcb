"""The private calendar feed (R-K9): a person's feed row and the sessions its secret URL lists."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from ..calendar_files import FeedSession, feed_token_matches, session_path
from ..models import (
    LIVE_STATUSES,
    CalendarFeed,
    Session,
)

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
