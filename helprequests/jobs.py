"""The worker's periodic jobs for help requests (run by `manage.py run_worker`).

- every 15 minutes: remind the coordinators of requests nearing the 48-hour limit and of promised
  dates drawing near (R-P4, R-C3), once per request; close the requests finished for longer than
  the wait without a questionnaire (R-P7);
- every day: erase the personal content of requests closed for longer than the retention period
  (R-K7), through the management command an operator can also run by hand.
"""

import logging

from django.core.management import call_command

from portal import schedule

from . import services

logger = logging.getLogger("helprequests")


@schedule.every(minutes=15)
def remind_coordinators():
    sent = services.remind_coordinators()
    if sent:
        logger.info("help requests: %s reminders sent", sent)


@schedule.every(minutes=15)
def close_finished_requests():
    closed = services.close_finished_requests()
    if closed:
        logger.info("help requests: %s finished requests closed", closed)


@schedule.every(days=1)
def erase_expired_requests():
    call_command("erase_expired_requests", verbosity=0)
