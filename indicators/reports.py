"""An organisation's report for a period (R-A2): sessions and main themes, every count through
indicators.suppression, and the helpers' remarks a coordinator approved. Nothing in it names or
singles out a person: counts only, and reviewed texts."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncMonth

from appointments.models import HelperFeedback, Session, SessionStatus
from helprequests.models import HelpRequest

from . import suppression
from .models import RemarkKind, RemarkReview
from .selectors import _key, month_starts, period_bounds


@dataclass
class Report:
    organisation: object
    start: object
    end: object
    months: list  # (month, Cell of sessions held)
    sessions_total: suppression.Cell
    themes: list  # (theme name, [Cell requests, Cell sessions held])
    theme_totals: list  # [Cell requests, Cell sessions held]
    remarks: list  # approved RemarkReview


def report(*, organisation, months=12, now=None):
    start, end = period_bounds(months, now=now)
    sessions = Session.objects.filter(
        request__organisation=organisation,
        starts_at__gte=start,
        starts_at__lt=end,
        status=SessionStatus.DONE,
    ).order_by()
    per_month = dict.fromkeys(month_starts(start, end), 0)
    for row in (
        sessions.annotate(month=TruncMonth("starts_at")).values("month").annotate(n=Count("pk"))
    ):
        day = _key(row["month"])
        if day in per_month:
            per_month[day] += row["n"]
    cells, total = suppression.protect_column(list(per_month.values()))

    # Main themes: requests sent in the period, and sessions held in it, by the request's theme.
    requests = dict(
        HelpRequest.objects.filter(
            organisation=organisation, submitted_at__gte=start, submitted_at__lt=end
        )
        .order_by()
        .values("theme__name")
        .annotate(n=Count("pk"))
        .values_list("theme__name", "n")
    )
    held = dict(
        sessions.values("request__theme__name")
        .annotate(n=Count("pk"))
        .values_list("request__theme__name", "n")
    )
    names = sorted(set(requests) | set(held), key=lambda n: (-(held.get(n, 0)), n or ""))
    table = suppression.protect_table([[requests.get(n, 0), held.get(n, 0)] for n in names])
    remarks = list(
        RemarkReview.objects.filter(
            organisation=organisation,
            approved=True,
            month__gte=start.date(),
            month__lt=end.date(),
        ).order_by("kind", "month", "pk")
    )
    return Report(
        organisation=organisation,
        start=start,
        end=end,
        months=list(zip(per_month, cells, strict=True)),
        sessions_total=total,
        themes=list(zip(names, table.cells, strict=True)),
        theme_totals=table.column_totals,
        remarks=remarks,
    )


def pending_remarks():
    """(feedback, kind, text) for each helper's remark on an organisation's session that no
    coordinator has reviewed yet, oldest first, with its session. One query."""

    def reviewed(kind):
        return Exists(RemarkReview.objects.filter(feedback=OuterRef("pk"), kind=kind))

    feedbacks = (
        HelperFeedback.objects.filter(session__request__organisation__isnull=False)
        .annotate(
            difficulties_reviewed=reviewed(RemarkKind.DIFFICULTIES),
            improvements_reviewed=reviewed(RemarkKind.IMPROVEMENTS),
        )
        .filter(
            (~Q(difficulties="") & Q(difficulties_reviewed=False))
            | (~Q(improvements="") & Q(improvements_reviewed=False))
        )
        .select_related("session")
        .order_by("written_at", "pk")
    )
    pending = []
    for feedback in feedbacks:
        for kind in RemarkKind.values:
            text = getattr(feedback, kind)
            if text and not getattr(feedback, f"{kind}_reviewed"):
                pending.append((feedback, kind, text))
    return pending


KIND_LABELS = dict(RemarkKind.choices)
