"""R-P9: a trial's figures against its goals. The dashboard shows the latest trial that has
started: in progress, or ended and then judged."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Trial
from .selectors import figures


@dataclass(frozen=True)
class Goal:
    label: str
    goal: object
    actual: object
    met: bool | None  # None: no figure yet


@dataclass(frozen=True)
class TrialResult:
    trial: Trial
    ended: bool
    goals: list


def latest_trial(*, now=None):
    today = timezone.localdate(now or timezone.now())
    return Trial.objects.filter(starts_on__lte=today).order_by("-starts_on", "-pk").first()


def _bounds(trial):
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(trial.starts_on, datetime.time(), tzinfo=tz)
    end = datetime.datetime.combine(
        trial.ends_on + datetime.timedelta(days=1), datetime.time(), tzinfo=tz
    )
    return start, end


def results(trial, *, now=None):
    """The trial's goals beside the period's figures (whole period, all organisations)."""
    today = timezone.localdate(now or timezone.now())
    start, end = _bounds(trial)
    board = figures(start=start, end=end)
    totals = board.totals()
    satisfaction = totals.satisfaction_mean
    rows = [
        (_("Demandes"), trial.goal_requests, totals.requests),
        (_("Prises en compte dans le délai (%)"), trial.goal_in_time_share, totals.in_time_share),
        (_("Entretiens tenus"), trial.goal_sessions_held, totals.sessions_held),
        (
            _("Satisfaction moyenne (1 à 5)"),
            None if trial.goal_satisfaction is None else float(trial.goal_satisfaction),
            satisfaction,
        ),
    ]
    goals = [
        Goal(label, goal, actual, None if actual is None else actual >= goal)
        for label, goal, actual in rows
        if goal is not None
    ]
    return TrialResult(trial=trial, ended=trial.ends_on < today, goals=goals)
