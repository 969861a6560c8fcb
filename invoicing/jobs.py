"""The worker's periodic job for invoicing: drafts at the threshold, and each half-year (R-A8)."""

from portal import schedule

from . import services


@schedule.every(hours=1)
def prepare_due_drafts():
    services.prepare_due_drafts()
