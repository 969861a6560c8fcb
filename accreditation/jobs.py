"""The worker's periodic job for accreditation: the insurance reminder (R-K16), once a day."""

from portal import schedule

from . import services


@schedule.every(days=1)
def remind_insurance():
    services.remind_insurance()
