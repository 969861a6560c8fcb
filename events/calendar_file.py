"""The `.ics` file a registered person adds to their own calendar (R-C14).

Built with the icalendar library: times in Europe/Paris with the time-zone definition included,
so that any calendar shows the right hour, summer or winter. The video link is in it because
only a confirmed person gets the file (events.views.calendar_file checks that).
"""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from portal.notifications import absolute_url


def ics_for(event, *, now=None):
    """The calendar file of one event, as bytes."""
    zone = timezone.get_current_timezone()
    calendar = Calendar()
    calendar.add("prodid", "-//Relais//Evenements//FR")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    entry = Event()
    host = settings.WAGTAILADMIN_BASE_URL.split("//")[-1].strip("/") or "relais"
    entry.add("uid", f"evenement-{event.pk}@{host}")
    entry.add("dtstamp", now or timezone.now())
    entry.add("dtstart", event.starts_at.astimezone(zone))
    entry.add("dtend", event.ends_at.astimezone(zone))
    entry.add("summary", event.title)
    if event.intro:
        entry.add("description", event.intro)
    entry.add("location", event.place or event.video_link)
    entry.add("url", event.video_link or absolute_url(event.get_url() or "/"))
    calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()
