"""The background worker: periodic jobs (portal.schedule) and the queue of the "relais" tasks.

`make run` starts it beside the web server; in production it runs as its own service
(docs/operator-guide.md).
"""

import logging
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from portal import schedule
from portal.models import ScheduledRun

logger = logging.getLogger(__name__)


def run_due_jobs(now=None):
    """Run every job whose interval has passed; return the names of those that ran."""
    autodiscover_modules("jobs")
    now = now or timezone.now()
    ran = []
    for job in schedule.jobs():
        with transaction.atomic():
            row, _created = ScheduledRun.objects.select_for_update().get_or_create(name=job.name)
            if row.last_run is not None and now - row.last_run < job.interval:
                continue
            row.last_run = now
            row.save(update_fields=["last_run"])
        try:
            job.func()
        except Exception:
            logger.exception("periodic job %s failed", job.name)
            continue
        ran.append(job.name)
    return ran


def queue_is_in_database():
    return settings.TASKS["relais"]["BACKEND"].startswith("django_tasks_db")


class Command(BaseCommand):
    help = "Deliver queued e-mails and run periodic jobs (reminders, retention)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="One round, then exit.")
        parser.add_argument("--interval", type=float, default=5.0, help="Seconds between rounds.")

    def handle(self, *args, once=False, interval=5.0, **options):
        while True:
            for name in run_due_jobs():
                logger.info("periodic job %s ran", name)
            if queue_is_in_database():
                call_command(
                    "db_worker",
                    "--backend=relais",
                    "--queue-name=*",
                    "--batch",
                    "--no-reload",
                    "--no-startup-delay",
                    verbosity=0,
                )
            if once:
                return
            time.sleep(interval)
