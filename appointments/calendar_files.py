"""Calendar files of sessions: the invitation sent with a confirmation, and a person's feed.

R-A6 / R-K9: both sides of a booked session get an `.ics` file with the confirmation, remote
sessions carrying their call or video details; each person may subscribe to a private feed of
their own sessions at a secret URL they can reset.

The two differ on purpose. The invitation travels in a confirmation to its one reader and says
what the caller gives it. The feed is read by a phone's calendar, seen on a lock screen and kept
on a device that can be lost, so it holds only times, the words "Relais — entretien" and a link
to the session's page on the site (which asks to log in): no names, nothing of the request, no
call details. Both follow the portal's conventions (`portal.calendars`).
"""

import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import calendars
from portal.notifications import absolute_url

FEED_SUMMARY = _("Relais — entretien")
FEED_NAME = "Relais"
UID_KIND = "entretien"


def session_invitation(
    *,
    key,
    starts_at,
    ends_at,
    summary,
    description="",
    location="",
    url="",
    now=None,
    sequence=0,
    cancelled=False,
):
    """The `.ics` bytes of one session, attached to its confirmation.

    `key` is the session's opaque id (the same UID as in the feed, so a calendar that has both
    sees one session); `location` and `url` carry a remote session's call or video details.
    A later copy (new call details, a cancellation) keeps the UID with a higher `sequence`, and
    a cancelled session is sent as STATUS:CANCELLED (portal.calendars says why not METHOD:CANCEL).
    """
    calendar = calendars.new_calendar("Entretiens")
    calendars.add_entry(
        calendar,
        uid=calendars.entry_uid(UID_KIND, key),
        starts_at=starts_at,
        ends_at=ends_at,
        summary=summary,
        now=now or timezone.now(),
        description=description,
        location=location,
        url=url,
        sequence=sequence,
        status="CANCELLED" if cancelled else "CONFIRMED",
    )
    return calendars.to_ics(calendar)


@dataclass(frozen=True)
class FeedSession:
    """All the feed may know of a session: its opaque id, its times and its page's path."""

    key: str
    starts_at: datetime
    ends_at: datetime
    path: str


def private_feed(sessions, *, now=None):
    """The `.ics` bytes of a person's feed: one entry per session, nothing a stranger may read."""
    now = now or timezone.now()
    calendar = calendars.new_calendar("Entretiens")
    calendar.add("x-wr-calname", FEED_NAME)
    for session in sessions:
        calendars.add_entry(
            calendar,
            uid=calendars.entry_uid(UID_KIND, session.key),
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            summary=str(FEED_SUMMARY),
            now=now,
            url=absolute_url(session.path),
        )
    return calendars.to_ics(calendar)


def session_path(public_id):
    """The page a calendar entry links to: the session on "Mes entretiens" (which asks to log
    in), by its opaque id."""
    return f"{reverse('appointments:mine')}#entretien-{public_id}"


def new_feed_token():
    """A fresh secret for a feed URL (256 bits); a reset replaces it, so old URLs stop working."""
    return secrets.token_urlsafe(32)


def feed_token_matches(given, stored):
    """Whether a URL's token is the stored one, in constant time; an empty token never matches."""
    if not given or not stored:
        return False
    return hmac.compare_digest(given.encode(), stored.encode())
