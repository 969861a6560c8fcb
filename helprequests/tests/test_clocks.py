"""The 48-hour acknowledgement clock (R-P4) and the worker's reminders and closures."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from helprequests import jobs, selectors, services
from helprequests.models import HelpRequestSettings, Status
from members.tests import factories as people
from portal.management.commands.run_worker import run_due_jobs

from .factories import Cast, in_days

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def cast(db):
    return Cast.create()


@pytest.fixture
def submitted(cast):
    with time_machine.travel(T0, tick=False):
        return cast.submit()


@pytest.mark.parametrize(
    "elapsed, colour",
    [
        (timedelta(0), "green"),
        (timedelta(hours=36) - timedelta(seconds=1), "green"),
        (timedelta(hours=36), "amber"),
        (timedelta(hours=48) - timedelta(seconds=1), "amber"),
        (timedelta(hours=48), "red"),
        (timedelta(days=5), "red"),
    ],
)
def test_the_clock_turns_amber_in_the_last_12_hours_and_red_when_overdue(
    submitted, elapsed, colour
):
    assert selectors.acknowledgement_state(submitted, T0 + elapsed) == colour
    with time_machine.travel(T0 + elapsed, tick=False):
        (queued,) = selectors.coordination_queue()
    assert queued.clock == colour
    assert queued.due_at == T0 + timedelta(hours=48)


def test_the_clock_stops_once_acknowledged(cast, submitted):
    services.acknowledge_request(request=submitted, by=cast.coordinator)
    submitted.refresh_from_db()
    assert selectors.acknowledgement_state(submitted, T0 + timedelta(days=3)) is None
    (queued,) = selectors.coordination_queue(now=T0 + timedelta(days=3))
    assert queued.clock is None and queued.due_at is None


def test_the_amber_window_is_a_setting(submitted):
    settings = HelpRequestSettings.load()
    settings.amber_hours = 24
    settings.save()
    assert selectors.acknowledgement_state(submitted, T0 + timedelta(hours=24)) == "amber"
    assert (
        selectors.acknowledgement_state(submitted, T0 + timedelta(hours=24) - timedelta(seconds=1))
        == "green"
    )


def test_the_queue_puts_urgent_requests_first_then_the_oldest(cast):
    with time_machine.travel(T0, tick=False):
        old = cast.submit()
    with time_machine.travel(T0 + timedelta(hours=1), tick=False):
        urgent = cast.submit(urgent=True)
    with time_machine.travel(T0 + timedelta(hours=2), tick=False):
        recent = cast.submit()
    closed = cast.request_in(Status.DECLINED)
    queue = selectors.coordination_queue(now=T0 + timedelta(hours=3))
    assert [r.pk for r in queue] == [urgent.pk, old.pk, recent.pk]
    assert closed.pk not in [r.pk for r in queue]


# --- Reminders -------------------------------------------------------------------------------


def test_coordinators_are_reminded_once_when_a_request_turns_amber(
    cast, submitted, mailbox, django_capture_on_commit_callbacks
):
    second = people.coordinator()
    mailbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_coordinators(now=T0 + timedelta(hours=35)) == 0
        assert services.remind_coordinators(now=T0 + timedelta(hours=36)) == 1
        assert services.remind_coordinators(now=T0 + timedelta(hours=40)) == 0
        assert services.remind_coordinators(now=T0 + timedelta(hours=50)) == 0
    assert sorted(m["To"] for m in mailbox) == sorted([cast.coordinator.email, second.email])
    for message in mailbox:
        assert f"/demandes/coordination/{submitted.public_id}/" in message.get_content()
        assert "Conflit" not in message.get_content()


def test_an_acknowledged_request_is_not_reminded(cast, submitted):
    services.acknowledge_request(request=submitted, by=cast.coordinator)
    assert services.remind_coordinators(now=T0 + timedelta(hours=47)) == 0


def test_a_promise_drawing_near_is_reminded_once_to_coordinators_and_the_helper(
    cast, mailbox, django_capture_on_commit_callbacks
):
    request = cast.request_in(Status.TAKEN)  # promised in 10 days
    mailbox.clear()
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_coordinators(now=now + timedelta(days=7)) == 0
        assert services.remind_coordinators(now=now + timedelta(days=8)) == 1
        assert services.remind_coordinators(now=now + timedelta(days=9)) == 0
    assert sorted(m["To"] for m in mailbox) == sorted([cast.coordinator.email, cast.helper.email])
    # A delay sets a new date, which will be reminded in its turn.
    services.announce_delay(request=request, by=cast.helper, new_date=in_days(20), reason="Congé.")
    assert services.remind_coordinators(now=now + timedelta(days=18)) == 1


def test_the_worker_runs_the_request_jobs(db):
    names = run_due_jobs()
    for job in (
        jobs.remind_coordinators,
        jobs.close_finished_requests,
        jobs.erase_expired_requests,
    ):
        assert f"{job.__module__}.{job.__qualname__}" in names


def test_the_closure_wait_is_a_setting(cast):
    settings = HelpRequestSettings.load()
    settings.closure_wait_days = 3
    settings.save()
    request = cast.request_in(Status.RESOLVED)
    assert services.close_finished_requests(now=timezone.now() + timedelta(days=2)) == 0
    assert services.close_finished_requests(now=timezone.now() + timedelta(days=3, minutes=1)) == 1
    request.refresh_from_db()
    assert request.status == Status.CLOSED
    assert not cast.helper.__class__.objects.get(pk=cast.helper.pk).has_perm(
        "helprequests.view_brief", request
    )
