"""The `.ics` file a registered person adds to their own calendar (R-C14).

Built the portal's way (`portal.calendars`: Europe/Paris with its time-zone definition). The video
link is in it because only a confirmed person gets the file (events.views.calendar_file checks
that).
"""

from django.utils import timezone

from portal import calendars
from portal.notifications import absolute_url


def ics_for(event, *, now=None):
    """The calendar file of one event, as bytes."""
    calendar = calendars.new_calendar("Evenements")
    calendars.add_entry(
        calendar,
        uid=calendars.entry_uid("evenement", event.pk),
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        summary=event.title,
        now=now or timezone.now(),
        description=event.intro,
        location=event.place or event.video_link,
        url=event.video_link or absolute_url(event.get_url() or "/"),
    )
    return calendars.to_ics(calendar)
