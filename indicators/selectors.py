"""The coordination's indicators (R-P8, R-P7, R-K13, R-A2), read from the facts that retention
keeps after erasing personal content (helprequests.services.retention): each request's theme,
organisation, urgency, channel, dates and history actions; sessions' dates and statuses;
satisfaction scores and session ratings (MemberFeedback, read through the session). No figure
reads a text a person wrote, nor a requester, so the figures are the same before and after
erasure.

Every figure is aggregated in the database, grouped by month (TruncMonth, in the network's time
zone): the dashboard costs the same few queries for ten requests or fifty thousand. The median
acknowledgement time is PostgreSQL's PERCENTILE_CONT; SQLite has none, so there one query
returns the month and the delay of each acknowledged request and Python takes the median.
"""

import datetime
import statistics
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    Aggregate,
    Avg,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Sum,
)
from django.db.models.functions import TruncMonth
from django.utils import timezone

from appointments.models import Session, SessionStatus
from helprequests.models import Channel, HelpRequest, SatisfactionAnswer, Transition
from helprequests.network_settings import acknowledgement_hours
from members.models import Organisation

PERIODS = (3, 6, 12, 24)


class Median(Aggregate):
    """PostgreSQL's median (the continuous 50th percentile), intervals included."""

    function = "PERCENTILE_CONT"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = DurationField()


DEFAULT_PERIOD = 12

# Outcomes counted from the history (the transition's action), which erasure keeps: a request
# accepted then routed and resolved still counts as accepted in the month it was submitted.
OUTCOME_ACTIONS = {
    "accepted": "accept",
    "declined": "decline",
    "referred": "refer",
    "withdrawn": "withdraw",
}


def organisations():
    """The organisations a coordinator may filter on."""
    return Organisation.objects.order_by("name").only("pk", "public_id", "name")


def period_bounds(months, *, now=None):
    """The first instant of the first month and the first instant after the current month, in
    the network's time zone, for the last `months` months (the current one included)."""
    now = timezone.localtime(now or timezone.now())
    first_of_this_month = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    year, month = first_of_this_month.year, first_of_this_month.month - (months - 1)
    while month < 1:
        month += 12
        year -= 1
    tz = timezone.get_current_timezone()
    start = datetime.datetime(year, month, 1, tzinfo=tz)
    nxt = first_of_this_month.month + 1
    end_year = first_of_this_month.year + (nxt > 12)
    end = datetime.datetime(end_year, (nxt - 1) % 12 + 1, 1, tzinfo=tz)
    return start, end


def month_starts(start, end):
    months = []
    year, month = start.year, start.month
    while (year, month) < (end.year, end.month):
        months.append(datetime.date(year, month, 1))
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return months


def _key(value):
    """TruncMonth gives a datetime (aware or not, by database) or a date: the month's first day."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    return value.replace(day=1)


@dataclass
class Month:
    month: datetime.date
    requests: int = 0
    urgent: int = 0
    acknowledged: int = 0
    acknowledged_in_time: int = 0
    median_acknowledgement_hours: float | None = None
    accepted: int = 0
    declined: int = 0
    referred: int = 0
    withdrawn: int = 0
    by_theme: dict = field(default_factory=dict)
    by_channel: dict = field(default_factory=dict)
    sessions_held: int = 0
    sessions_cancelled: int = 0
    sessions_cancelled_late: int = 0
    sessions_no_show: int = 0
    satisfaction_answers: int = 0
    satisfaction_sum: int = 0
    satisfaction_mean: float | None = None
    session_ratings: int = 0
    session_rating_mean: float | None = None

    @property
    def urgent_share(self):
        return _share(self.urgent, self.requests)

    @property
    def in_time_share(self):
        return _share(self.acknowledged_in_time, self.acknowledged)


def _share(part, whole):
    """A percentage rounded to one decimal, or None when there is nothing to divide."""
    return round(100 * part / whole, 1) if whole else None


@dataclass
class Dashboard:
    start: datetime.datetime
    end: datetime.datetime
    organisation: object
    limit_hours: int
    months: list
    themes: list
    channels: list

    def theme_rows(self):
        """(month, counts in the order of `themes`), for the table by theme."""
        return [(m.month, [m.by_theme.get(name, 0) for name in self.themes]) for m in self.months]

    def channel_rows(self):
        return [
            (m.month, [m.by_channel.get(value, 0) for value, _label in self.channels])
            for m in self.months
        ]

    def totals(self):
        """The period's totals, for the summary line."""
        total = Month(month=self.months[0].month if self.months else None)
        for month in self.months:
            for name in (
                "requests",
                "urgent",
                "acknowledged",
                "acknowledged_in_time",
                "accepted",
                "declined",
                "referred",
                "withdrawn",
                "sessions_held",
                "sessions_cancelled",
                "sessions_cancelled_late",
                "sessions_no_show",
                "satisfaction_answers",
                "satisfaction_sum",
            ):
                setattr(total, name, getattr(total, name) + getattr(month, name))
        if total.satisfaction_answers:
            total.satisfaction_mean = _round(total.satisfaction_sum / total.satisfaction_answers)
        return total


def _requests(start, end, organisation):
    rows = HelpRequest.objects.filter(submitted_at__gte=start, submitted_at__lt=end)
    if organisation is not None:
        rows = rows.filter(organisation=organisation)
    return rows.annotate(month=TruncMonth("submitted_at")).order_by()


def _did(action):
    return Exists(Transition.objects.filter(request=OuterRef("pk"), action=action))


def dashboard(*, months=DEFAULT_PERIOD, organisation=None, now=None):
    """The figures of the last `months` months, for one organisation or all (None)."""
    start, end = period_bounds(months, now=now)
    return figures(start=start, end=end, organisation=organisation)


def figures(*, start, end, organisation=None):
    """The figures from `start` (included) to `end` (excluded), month by month."""
    limit_hours = acknowledgement_hours()
    by_month = {day: Month(month=day) for day in month_starts(start, end)}
    requests = _requests(start, end, organisation)

    flags = {name: _did(action) for name, action in OUTCOME_ACTIONS.items()}
    main = (
        requests.annotate(**{f"was_{name}": flag for name, flag in flags.items()})
        .values("month")
        .annotate(
            requests=Count("pk"),
            urgent=Count("pk", filter=Q(urgent=True)),
            acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False)),
            acknowledged_in_time=Count(
                "pk",
                filter=Q(
                    acknowledged_at__lte=F("submitted_at") + datetime.timedelta(hours=limit_hours)
                ),
            ),
            **{name: Count("pk", filter=Q(**{f"was_{name}": True})) for name in flags},
        )
    )
    for row in main:
        month = by_month.get(_key(row.pop("month")))
        if month is not None:
            for name, value in row.items():
                setattr(month, name, value)

    themes = set()
    for row in requests.values("month", "theme__name").annotate(n=Count("pk")):
        month = by_month.get(_key(row["month"]))
        name = row["theme__name"] or ""
        themes.add(name)
        if month is not None:
            month.by_theme[name] = row["n"]
    for row in requests.values("month", "channel").annotate(n=Count("pk")):
        month = by_month.get(_key(row["month"]))
        if month is not None:
            month.by_channel[row["channel"]] = row["n"]

    acknowledged = requests.filter(acknowledged_at__isnull=False).annotate(
        delay=ExpressionWrapper(
            F("acknowledged_at") - F("submitted_at"), output_field=DurationField()
        )
    )
    if connection.vendor == "postgresql":
        delays = {
            _key(row["month"]): [row["median"].total_seconds() / 3600]
            for row in acknowledged.values("month").annotate(median=Median("delay"))
        }
    else:
        # SQLite has no percentile: the delays come back, two values a row, and Python sorts
        # each month's (the month values repeat: each distinct one becomes a key once).
        delays, keys = {}, {}
        for day, delay in acknowledged.values_list("month", "delay"):
            key = keys.get(day)
            if key is None:
                key = keys[day] = _key(day)
            delays.setdefault(key, []).append(delay.total_seconds() / 3600)
    for day, hours in delays.items():
        if day in by_month:
            by_month[day].median_acknowledgement_hours = round(statistics.median(hours), 1)

    sessions = Session.objects.filter(starts_at__gte=start, starts_at__lt=end)
    if organisation is not None:
        sessions = sessions.filter(request__organisation=organisation)
    for row in (
        sessions.annotate(month=TruncMonth("starts_at"))
        .order_by()
        .values("month")
        .annotate(
            held=Count("pk", filter=Q(status=SessionStatus.DONE)),
            cancelled=Count("pk", filter=Q(status=SessionStatus.CANCELLED)),
            late=Count("pk", filter=Q(status=SessionStatus.CANCELLED_LATE)),
            no_show=Count("pk", filter=Q(status=SessionStatus.NO_SHOW)),
            ratings=Count("member_feedback"),
            rating=Avg("member_feedback__rating"),
        )
    ):
        month = by_month.get(_key(row["month"]))
        if month is not None:
            month.sessions_held = row["held"]
            month.sessions_cancelled = row["cancelled"]
            month.sessions_cancelled_late = row["late"]
            month.sessions_no_show = row["no_show"]
            month.session_ratings = row["ratings"]
            month.session_rating_mean = _round(row["rating"])

    answers = SatisfactionAnswer.objects.filter(answered_at__gte=start, answered_at__lt=end)
    if organisation is not None:
        answers = answers.filter(request__organisation=organisation)
    for row in (
        answers.annotate(month=TruncMonth("answered_at"))
        .order_by()
        .values("month")
        .annotate(n=Count("pk"), total=Sum("overall"), mean=Avg("overall"))
    ):
        month = by_month.get(_key(row["month"]))
        if month is not None:
            month.satisfaction_answers = row["n"]
            month.satisfaction_sum = row["total"]
            month.satisfaction_mean = _round(row["mean"])

    return Dashboard(
        start=start,
        end=end,
        organisation=organisation,
        limit_hours=limit_hours,
        months=list(by_month.values()),
        themes=sorted(themes),
        channels=[(value, label) for value, label in Channel.choices],
    )


def _round(value):
    return None if value is None else round(float(value), 2)
