"""Print the median time and SQL query count of the main pages.

Speed is measured here, never by timed tests (README: `make bench`). Run it on a database with
the demo loaded; `--resources N` adds N generated resources first, and `--sessions N` N
generated appointments of the demo helper (both in a transaction that is rolled back), to see
that pages stay flat as the data grows. Public pages are read as a visitor; the helper's week
(their availability page) as that helper, the coordination's sessions list as a coordinator
who passed their second factor, as the login road leaves them (members.mfa).
"""

import statistics
import time
from datetime import timedelta

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.http import HttpRequest
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from appointments.models import Availability, Session
from helprequests.models import Routing, RoutingStatus
from home.models import ResourceIndexPage, ResourceKind, ResourcePage
from members import roles
from members.models import User


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Measure median response time and query count of the main pages."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=20)
        parser.add_argument("--resources", type=int, default=0)
        parser.add_argument("--sessions", type=int, default=0)

    def handle(self, *args, runs, resources, sessions, **options):
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
                self._measure(
                    runs,
                    [
                        ("", "/"),
                        ("", index.url),
                        ("", resource.url),
                        ("", "/recherche/?q=travail"),
                    ],
                    heading=f"{ResourcePage.objects.count()} resources",
                )
                self._measure_appointments(runs, sessions)
                raise _Rollback
        except _Rollback:
            pass

    def _measure_appointments(self, runs, count):
        """The helper's week and the coordination's list, with `count` more sessions of the
        demo helper (one an hour from tomorrow, at five past, away from the demo's own)."""
        routing = (
            Routing.objects.filter(status=RoutingStatus.ACCEPTED)
            .filter(helper__in=Availability.objects.values("helper"))
            .select_related("request", "helper")
            .order_by("pk")
            .first()
        )
        coordinator = (
            User.objects.filter(groups__name=roles.COORDINATORS, is_active=True)
            .order_by("pk")
            .first()
        )
        if routing is None or coordinator is None:
            self.stderr.write("The demo has no helper with sessions: manage.py load_demo")
            return
        start = timezone.now().replace(minute=5, second=0, microsecond=0) + timedelta(days=1)
        Session.objects.bulk_create(
            (
                Session(
                    request=routing.request,
                    helper=routing.helper,
                    member_id=routing.request.requester_id,
                    starts_at=start + timedelta(hours=number),
                    duration_minutes=settings.APPOINTMENT_MINUTES,
                    booked_by_id=routing.request.requester_id,
                    booked_at=timezone.now(),
                )
                for number in range(count)
            ),
            batch_size=1000,
        )
        self._measure(
            runs,
            [
                (_logged_in(routing.helper), "/entretiens/disponibilites/"),
                (_logged_in(coordinator), "/entretiens/coordination/"),
            ],
            heading=f"{Session.objects.count()} sessions",
        )

    def _measure(self, runs, pages, *, heading):
        visitor = Client(HTTP_HOST="localhost")
        self.stdout.write(f"{heading}, {runs} runs per page")
        self.stdout.write(f"{'page':<50} {'median ms':>10} {'queries':>8}")
        for client, url in pages:
            client = client or visitor
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


def _logged_in(user):
    """A client logged in as `user` the way the login road leaves it: the password passed and,
    for the roles that need one (members.mfa), a second factor (made here when the demo person
    has none; the whole run is rolled back)."""
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    request = HttpRequest()
    request.session = client.session
    request.user = user
    record_authentication(request, user, "password")
    if roles.has_role(user, roles.COORDINATORS):
        device = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        device = device or TOTP.activate(user, generate_totp_secret()).instance
        record_authentication(request, user, "mfa", id=device.pk, type=device.type)
    request.session.save()
    return client
