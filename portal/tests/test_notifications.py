"""Notification e-mails (portal.notifications) and the worker (manage.py run_worker)."""

import socket
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from members.tests.factories import UserFactory
from portal import notifications, schedule
from portal.management.commands.run_worker import run_due_jobs
from portal.models import ScheduledRun

DATABASE_QUEUE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "relais": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]},
}


@pytest.fixture(autouse=True)
def _worker_keeps_the_test_connection(monkeypatch):
    """Between tasks the worker closes database connections that look stale, as a long-running
    process should; inside a test's transaction that would close the test's own connection."""
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )


def _closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
def test_a_notice_carries_the_sentence_and_the_link_and_nothing_else(
    mailbox, django_capture_on_commit_callbacks
):
    user = UserFactory(email="destinataire@relais.test", first_name="Amandine")
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify(
            [user], subject=_("Du nouveau"), message=_("Il y a du nouveau."), link="/demandes/"
        )
    assert len(mailbox) == 1
    message = mailbox[0]
    assert message["To"] == "destinataire@relais.test"
    assert message["Subject"] == "[Relais] Du nouveau"
    body = message.get_content()
    assert "Il y a du nouveau." in body
    assert "http://127.0.0.1:8000/demandes/" in body
    assert "Amandine" not in body


@pytest.mark.django_db
def test_an_enclosure_is_built_at_sending_time_for_its_one_reader(
    mailbox, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(notifications, "_ENCLOSURES", dict(notifications._ENCLOSURES))
    seen = []

    def builder(user, *, thing_id):
        seen.append((user.pk, thing_id))
        if thing_id == 0:
            return None  # nothing to send any more
        return notifications.Enclosure(
            lines=["Une ligne de plus."], files=[("chose.ics", b"BEGIN:VCALENDAR", "text/calendar")]
        )

    notifications.register_enclosure("tests.thing", builder)
    user = UserFactory(email="joint@relais.test")
    with django_capture_on_commit_callbacks(execute=True):
        for thing_id in (7, 0):
            notifications.notify(
                [user],
                subject="x",
                message="Il y a du nouveau.",
                link="/",
                enclosure={"name": "tests.thing", "params": {"thing_id": thing_id}},
            )
        notifications.notify(
            [user], subject="x", message="y", link="/", enclosure={"name": "tests.unknown"}
        )

    assert seen == [(user.pk, 7), (user.pk, 0)]
    (message,) = mailbox
    assert "Une ligne de plus." in message.get_body(preferencelist=("plain",)).get_content()
    (attachment,) = message.iter_attachments()
    assert attachment.get_filename() == "chose.ics"
    assert attachment.get_content_type() == "text/calendar"


@pytest.mark.django_db
def test_nothing_is_sent_when_the_transaction_is_rolled_back(
    mailbox, django_capture_on_commit_callbacks
):
    user = UserFactory()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notifications.notify([user], subject="x", message="y", link="/")
        raise RuntimeError("the action failed")
    assert mailbox == []


@pytest.mark.django_db
def test_an_inactive_or_deleted_recipient_is_not_written_to(
    mailbox, django_capture_on_commit_callbacks
):
    user = UserFactory(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify([user.pk, 999_999], subject="x", message="y", link="/")
    assert mailbox == []


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_QUEUE)
def test_the_worker_delivers_queued_notices(mailbox, django_capture_on_commit_callbacks):
    user = UserFactory(email="file@relais.test")
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify([user], subject="x", message="y", link="/")
    assert mailbox == []
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    call_command("run_worker", once=True)

    assert [m["To"] for m in mailbox] == ["file@relais.test"]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_QUEUE)
def test_a_refused_notice_is_tried_again_later_and_the_action_stands(
    mailbox, django_capture_on_commit_callbacks
):
    user = UserFactory(email="retry@relais.test")
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify([user], subject="x", message="y", link="/")

    with override_settings(EMAIL_PORT=_closed_port()):
        call_command("run_worker", once=True)

    failed = DBTaskResult.objects.get(status="FAILED")
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after > timezone.now()
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert failed.pk != retry.pk
    assert mailbox == []

    # Once the delay has passed and the server answers again, the message goes out.
    with time_machine.travel(timezone.now() + timedelta(minutes=2), tick=False):
        call_command("run_worker", once=True)
    assert [m["To"] for m in mailbox] == ["retry@relais.test"]


@pytest.mark.django_db
def test_a_periodic_job_runs_once_per_interval():
    calls = []

    @schedule.every(minutes=15)
    def count_calls():
        calls.append(timezone.now())

    name = f"{count_calls.__module__}.{count_calls.__qualname__}"
    try:
        start = timezone.now()
        with time_machine.travel(start, tick=False):
            assert name in run_due_jobs()
            assert name not in run_due_jobs()
        with time_machine.travel(start + timedelta(minutes=16), tick=False):
            assert name in run_due_jobs()
        assert len(calls) == 2
        assert ScheduledRun.objects.get(name=name).last_run is not None
    finally:
        schedule._jobs.pop(name, None)


@pytest.mark.django_db
def test_a_failing_job_does_not_stop_the_others():
    @schedule.every(minutes=1)
    def broken():
        raise ValueError("boom")

    names = [f"{broken.__module__}.{broken.__qualname__}"]
    try:
        ran = run_due_jobs()
        assert names[0] not in ran
    finally:
        for name in names:
            schedule._jobs.pop(name, None)
