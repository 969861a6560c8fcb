"""Periodic jobs run by `manage.py run_worker` (reminders, retention): a small registry.

An app registers a function with the interval at which it must run:

    from portal import schedule

    @schedule.every(minutes=15)
    def remind_coordinators():
        ...

The worker runs each job when its interval has passed since its last run, recorded in the
database (portal.models.ScheduledRun), so that a restarted worker does not run everything again
and two workers do not run the same job twice in one interval.
"""

from dataclasses import dataclass
from datetime import timedelta

_jobs = {}


@dataclass(frozen=True)
class Job:
    name: str
    interval: timedelta
    func: object


def every(**interval):
    def register(func):
        name = f"{func.__module__}.{func.__qualname__}"
        _jobs[name] = Job(name=name, interval=timedelta(**interval), func=func)
        return func

    return register


def jobs():
    return tuple(_jobs.values())
