"""Print the median time and SQL query count of the main public pages.

Speed is measured here, never by timed tests (README: `make bench`). Run it on a database with
the demo loaded; `--resources N` adds N generated resources first (in a transaction that is
rolled back), to see that pages stay flat as the data grows.
"""

import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from home.models import ResourceIndexPage, ResourceKind, ResourcePage


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Measure median response time and query count of the main pages."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=20)
        parser.add_argument("--resources", type=int, default=0)

    def handle(self, *args, runs, resources, **options):
        try:
            with transaction.atomic():
                index = ResourceIndexPage.objects.live().first()
                if index is None:
                    self.stderr.write("Load the demo first: manage.py load_demo")
                    return
                for number in range(resources):
                    index.add_child(
                        instance=ResourcePage(
                            title=f"Ressource de mesure {number}",
                            slug=f"ressource-de-mesure-{number}",
                            kind=ResourceKind.ADVICE_SHEET,
                            summary="Fiche générée pour la mesure des pages.",
                        )
                    )
                resource = ResourcePage.objects.live().public().first()
                self._measure(runs, ["/", index.url, resource.url, "/recherche/?q=travail"])
                raise _Rollback
        except _Rollback:
            pass

    def _measure(self, runs, urls):
        client = Client(HTTP_HOST="localhost")
        total = ResourcePage.objects.count()
        self.stdout.write(f"{total} resources, {runs} runs per page")
        self.stdout.write(f"{'page':<50} {'median ms':>10} {'queries':>8}")
        for url in urls:
            client.get(url)  # warm caches and templates
            timings = []
            for _ in range(runs):
                with CaptureQueriesContext(connection) as queries:
                    start = time.perf_counter()
                    response = client.get(url)
                    timings.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            median = statistics.median(timings)
            self.stdout.write(f"{url:<50} {median:>10.1f} {len(queries):>8}")
