"""Calendar files (`.ics`) handed out by the portal, built one way for every app.

Events (R-C14) and appointments (R-A6, R-K9) both give people calendar files. They share the
conventions kept here: the icalendar library, METHOD:PUBLISH (a copy to keep, not an invitation
to answer, so no organiser and no attendees), times in the site's zone (Europe/Paris) with its
VTIMEZONE definition included so any calendar shows the right hour, summer or winter, and UIDs
`<kind>-<key>@<site host>` that stay the same when a file is downloaded again, so a calendar
updates its entry instead of adding a second one.

A later copy of the same entry (new details, a cancellation) is published again with the same
UID and a higher SEQUENCE; a cancellation says STATUS:CANCELLED. METHOD:CANCEL is not used: it
belongs to invitations with an organiser and attendees (RFC 5546), which these files leave out
so that no address travels in them.
"""

from datetime import UTC

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event


def new_calendar(product):
    """An empty calendar; `product` names the app in PRODID (e.g. "Evenements")."""
    calendar = Calendar()
    calendar.add("prodid", f"-//Relais//{product}//FR")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    return calendar


def entry_uid(kind, key):
    """A UID stable across downloads: `kind` says what the entry is, `key` an opaque id."""
    host = settings.WAGTAILADMIN_BASE_URL.split("//")[-1].strip("/") or "relais"
    return f"{kind}-{key}@{host}"


def add_entry(
    calendar,
    *,
    uid,
    starts_at,
    ends_at,
    summary,
    now,
    description="",
    location="",
    url="",
    sequence=None,
    status="",
):
    """Add one VEVENT; aware datetimes are written in the site's zone. Empty fields are left out.

    `sequence` numbers the copies of one entry (0, then higher with each change); `status` is
    CONFIRMED or CANCELLED where the file says it."""
    entry = Event()
    entry.add("uid", uid)
    entry.add("dtstamp", now)
    if sequence is not None:
        entry.add("sequence", sequence)
    if status:
        entry.add("status", status)
    entry.add("dtstart", _local(starts_at))
    entry.add("dtend", _local(ends_at))
    entry.add("summary", summary)
    for name, value in (("description", description), ("location", location), ("url", url)):
        if value:
            entry.add(name, value)
    calendar.add_component(entry)
    return entry


def _local(moment):
    """The moment in the site's zone, or in UTC when its local time is ambiguous.

    In the hour repeated when clocks go back (02:00-03:00 on the last Sunday of October),
    `TZID=Europe/Paris:...T023000` names two instants and calendars read the first; UTC names
    one. A clock that goes forward leaves no such gap in an aware datetime's local time.
    """
    local = moment.astimezone(timezone.get_default_timezone())
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        return moment.astimezone(UTC)
    return local


def to_ics(calendar):
    """The file's bytes, with the time-zone definitions its entries need."""
    calendar.add_missing_timezones()
    return calendar.to_ical()
