"""The worker's periodic job for appointments: the day-before reminder of each session."""

from portal import schedule

from . import services


@schedule.every(minutes=15)
def remind_sessions():
    services.remind_sessions()
