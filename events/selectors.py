"""Reads of events for one viewer (STYLE.md): what a page lists and what a viewer may do now.

Event pages are narrowed by home.visibility (who may read them); `event_view` is the one
presenter of a viewer's place and actions on an event page, so that templates never test a
status or a date themselves.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.http import Http404
from django.utils import timezone

from home import visibility
from members import privacy, roles

from . import permissions
from .models import EventKind, EventPage, Registration, RegistrationStatus

CONFIRMED = Q(registrations__status=RegistrationStatus.CONFIRMED)
WAITING = Q(registrations__status=RegistrationStatus.WAITING)


def with_counts(queryset):
    """Events annotated with `taken` (confirmed places) and `waiting` (waiting list)."""
    return queryset.annotate(
        taken=Count("registrations", filter=CONFIRMED),
        waiting=Count("registrations", filter=WAITING),
    )


def upcoming_events(request, index, now=None):
    """Events under the agenda that have not ended and that this request may read, soonest
    first, with their counts and the viewer's own status (`my_status`, None when none)."""
    now = now or timezone.now()
    queryset = with_counts(
        visibility.visible_pages(request, EventPage.objects.descendant_of(index))
    ).filter(ends_at__gte=now)
    if request.user.is_authenticated:
        mine = Registration.objects.filter(event=OuterRef("pk"), user=request.user).exclude(
            status=RegistrationStatus.CANCELLED
        )
        queryset = queryset.annotate(my_status=Subquery(mine.values("status")[:1]))
    events = list(queryset.order_by("starts_at", "pk"))
    for event in events:
        event.seats_left = max(event.seats - event.taken, 0)
    return events


def event_for(request, event_id):
    """A live event this request may read, or 404 (its existence is not given away)."""
    event = EventPage.objects.live().filter(pk=event_id).first()
    if event is None or not visibility.is_page_visible(request, event):
        raise Http404
    return event


@dataclass(frozen=True)
class EventView:
    """What a viewer sees of an event page and may do on it, decided once."""

    event: EventPage
    registration: Registration | None
    taken: int
    waiting: int
    started: bool
    registration_open: bool
    may_register: bool
    refusal: str  # "", "login", "audience", "closed"
    may_cancel: bool
    shows_video_link: bool

    @property
    def seats_left(self):
        return max(self.event.seats - self.taken, 0)

    @property
    def full(self):
        return self.seats_left == 0

    @property
    def confirmed(self):
        return self.registration is not None and self.registration.status == "confirmed"

    @property
    def waiting_position(self):
        """The viewer's rank among the people still waiting (1 = next to be promoted)."""
        if self.registration is None or self.registration.status != "waiting":
            return None
        return (
            Registration.objects.filter(
                event=self.event,
                status=RegistrationStatus.WAITING,
                position__lt=self.registration.position,
            ).count()
            + 1
        )


def event_view(event, user, now=None):
    now = now or timezone.now()
    counts = Registration.objects.filter(event=event).aggregate(
        taken=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
    )
    registration = None
    if user.is_authenticated:
        registration = (
            Registration.objects.filter(event=event, user=user)
            .exclude(status=RegistrationStatus.CANCELLED)
            .first()
        )
    started = now >= event.starts_at
    registration_open = not started and now < event.closes_at
    if not user.is_authenticated:
        refusal = "login"
    elif not permissions.may_register(user, event):
        refusal = "audience"
    elif not registration_open:
        refusal = "closed"
    else:
        refusal = ""
    return EventView(
        event=event,
        registration=registration,
        taken=counts["taken"],
        waiting=counts["waiting"],
        started=started,
        registration_open=registration_open,
        may_register=registration is None and refusal == "",
        refusal="" if registration is not None else refusal,
        may_cancel=registration is not None and not started,
        shows_video_link=bool(
            registration is not None
            and registration.status == RegistrationStatus.CONFIRMED
            and event.video_link
        ),
    )


def registration_of(registration_id):
    """Any registration by its public id (the cancel service checks whose it is), or 404."""
    registration = (
        Registration.objects.select_related("event").filter(public_id=registration_id).first()
    )
    if registration is None:
        raise Http404
    return registration


def confirmed_registration(request, event):
    """The viewer's confirmed place at the event (for the calendar file), or 404."""
    registration = Registration.objects.filter(
        event=event, user=request.user, status=RegistrationStatus.CONFIRMED
    ).first()
    if registration is None:
        raise Http404
    return registration


def registrations_of(user, now=None):
    """The member's places (R-C14, "Mes événements"): (upcoming, past), soonest first and most
    recent first; cancelled places are left out."""
    now = now or timezone.now()
    rows = list(
        Registration.objects.filter(user=user, event__live=True)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("event")
        .order_by("event__starts_at", "pk")
    )
    upcoming = [r for r in rows if r.event.ends_at >= now]
    past = [r for r in rows if r.event.ends_at < now][::-1]
    return upcoming, past


# --- Coordination ----------------------------------------------------------------------------


def events_for_coordination(now=None, past_days=400):
    """Every live event from about a year back on, with counts, for the attendance pages."""
    now = now or timezone.now()
    since = now - datetime.timedelta(days=past_days)
    return list(
        with_counts(EventPage.objects.live().filter(starts_at__gte=since)).order_by(
            "-starts_at", "-pk"
        )
    )


@dataclass(frozen=True)
class AttendanceRow:
    registration: Registration
    name: str


def attendance_sheet(event, viewer):
    """The confirmed people of an event, named as privacy.person_for names them to the viewer."""
    registrations = (
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
        .select_related("user__profile")
        .order_by("seat")
    )
    rows = [
        AttendanceRow(registration=r, name=privacy.person_for(viewer, r.user).name)
        for r in registrations
    ]
    return sorted(rows, key=lambda row: row.name.casefold())


@dataclass(frozen=True)
class ObligationRow:
    user: object
    name: str
    met_meeting: bool
    met_webinar: bool


def year_bounds(year):
    zone = timezone.get_current_timezone()
    start = datetime.datetime(year, 1, 1, tzinfo=zone)
    return start, datetime.datetime(year + 1, 1, 1, tzinfo=zone)


def helpers_missing_obligations(viewer, year=None):
    """Active helpers who have not yet attended, in `year` (Paris time), a helpers' meeting
    (R-A4) or a presentation webinar (R-A9), named for the viewer."""
    year = year or timezone.localdate().year
    start, end = year_bounds(year)

    def attended(kind):
        return Exists(
            Registration.objects.filter(
                user=OuterRef("pk"),
                attended=True,
                event__kind=kind,
                event__starts_at__gte=start,
                event__starts_at__lt=end,
            )
        )

    helpers = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.HELPERS)
        .annotate(
            met_meeting=attended(EventKind.HELPERS_MEETING),
            met_webinar=attended(EventKind.WEBINAR),
        )
        .filter(Q(met_meeting=False) | Q(met_webinar=False))
        .select_related("profile")
        .distinct()
    )
    rows = [
        ObligationRow(
            user=user,
            name=privacy.person_for(viewer, user).name,
            met_meeting=user.met_meeting,
            met_webinar=user.met_webinar,
        )
        for user in helpers
    ]
    return sorted(rows, key=lambda row: row.name.casefold())
