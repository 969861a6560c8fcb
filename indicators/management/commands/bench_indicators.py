"""`manage.py bench_indicators [--requests N] [--sessions N]`: the dashboard's time and query
count for a year of N requests and N sessions (issue #15: 50,000 and 100,000 by default).

The rows are bulk-created in a transaction that is rolled back, so the command leaves the
database as it found it. Speed is measured here, never by timed tests (README: `make bench`).
"""

import datetime
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from appointments.models import Session, SessionStatus
from helprequests.models import Channel, HelpRequest, Transition
from members.models import Organisation

from ... import selectors


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time the indicators' dashboard for a year of generated requests and sessions."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=50_000)
        parser.add_argument("--sessions", type=int, default=100_000)
        parser.add_argument("--runs", type=int, default=5)

    def handle(self, *args, requests, sessions, runs, **options):
        try:
            with transaction.atomic():
                self._fill(requests, sessions)
                self._measure(runs)
                raise Rollback
        except Rollback:
            pass

    def _fill(self, count, session_count):
        now = timezone.now()
        organisation, _made = Organisation.objects.get_or_create(
            name="Banc d’essai des indicateurs", defaults={"kind": "company"}
        )
        channels = list(Channel.values)
        rows = []
        for index in range(count):
            submitted = now - datetime.timedelta(minutes=(index * 523) % (365 * 24 * 60))
            rows.append(
                HelpRequest(
                    reference=f"B-{index:09d}",
                    submitted_at=submitted,
                    acknowledge_by=submitted + datetime.timedelta(hours=48),
                    acknowledged_at=submitted + datetime.timedelta(hours=index % 60),
                    organisation=organisation if index % 3 else None,
                    channel=channels[index % len(channels)],
                    urgent=index % 9 == 0,
                )
            )
        made = HelpRequest.objects.bulk_create(rows, batch_size=2000)
        Transition.objects.bulk_create(
            (
                Transition(request=r, action="accept", to_status="accepted", at=r.submitted_at)
                for r in made[::2]
            ),
            batch_size=2000,
        )
        statuses = list(SessionStatus.values)
        Session.objects.bulk_create(
            (
                Session(
                    request=made[index % len(made)],
                    starts_at=made[index % len(made)].submitted_at + datetime.timedelta(days=7),
                    duration_minutes=45,
                    status=statuses[index % len(statuses)],
                    booked_at=now,
                )
                for index in range(session_count)
            ),
            batch_size=2000,
        )
        self.stdout.write(f"{count} requests, {session_count} sessions generated")

    def _measure(self, runs):
        timings = []
        for _run in range(runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                board = selectors.dashboard(months=12)
                timings.append(time.perf_counter() - started)
        self.stdout.write(
            f"dashboard, 12 months: median {statistics.median(timings) * 1000:.0f} ms, "
            f"{len(queries)} queries, {sum(m.requests for m in board.months)} requests counted"
        )
        for query in queries.captured_queries:
            self.stdout.write(f"  {float(query['time']) * 1000:6.0f} ms  {query['sql'][:90]}")
