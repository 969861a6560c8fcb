"""The confirmation e-mails of a session (R-A6, R-P6, R-K9), read in the SMTP catcher as people
receive them: the member and the helper each get the session's `.ics` (parsed back with
icalendar) and the confidentiality charter in force; the coordination keeps its plain notice;
new call details and a cancellation send a new copy of the same entry. No name, nothing of the
request, in any body."""

import datetime
import socket

import icalendar
import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from appointments.calendar_files import session_path
from appointments.models import Session, SessionStatus
from members.models import Profile
from portal.calendars import entry_uid
from portal.notifications import absolute_url
from tests.smtp import body_text

from . import factories as f

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
VIDEO = "https://visio.example.org/relais-7f3a"
# Whatever could name the people or tell their story: none of it may be in a body.
PERSONAL = (
    "Apolline",
    "Vasseur",
    "Bérénice",
    "Béré",
    "Aidante",
    "Valbourg",
    "Conflit",
    "réorganisation",
    "06 12 34 56 78",
    "0611223344",
)
DATABASE_QUEUE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "relais": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]},
}


@pytest.fixture(autouse=True)
def _worker_keeps_the_test_connection(monkeypatch):
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )


def build_world():
    cast, request = f.taken()
    Profile.objects.create(user=cast.coordinator, status="active")
    f.weekly(cast.helper, 1, 9)
    return cast, request


@pytest.fixture
def world():
    return build_world()


def to(mailbox, user):
    return [m for m in mailbox if m["To"] == user.email]


def calendar_of(message):
    (part,) = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert part.get_filename() == "relais-entretien.ics"
    return icalendar.Calendar.from_ical(part.get_content())


def entry_of(message):
    (entry,) = calendar_of(message).walk("VEVENT")
    return entry


def assert_quiet(message):
    body = body_text(message)
    assert not [word for word in PERSONAL if word in body], body
    assert VIDEO not in body


def book_as_member(cast, request, moment, client_for, capture):
    with capture(execute=True):
        response = client_for(cast.member).post(
            reverse("appointments:book", args=[request.public_id]),
            {"starts_at": moment.isoformat()},
        )
    assert response.status_code == 302
    return Session.objects.get(starts_at=moment)


def test_the_member_and_the_helper_each_get_the_session_in_a_calendar_file_with_the_charter(
    world, site_tree, client_for, mailbox, django_capture_on_commit_callbacks
):
    cast, request = world
    moment = f.at(f.next_weekday(1), 9)

    session = book_as_member(cast, request, moment, client_for, django_capture_on_commit_callbacks)

    charter_url = absolute_url(site_tree.charter_versions[1].url)  # V2, the version in force
    for person in (cast.member, cast.helper):
        (message,) = to(mailbox, person)
        body = body_text(message)
        assert charter_url in body
        assert "Le fichier joint ajoute l’entretien à votre agenda." in body
        assert absolute_url(session_path(session.public_id)) in body
        assert_quiet(message)
        calendar = calendar_of(message)
        assert calendar["method"] == "PUBLISH"
        (entry,) = calendar.walk("VEVENT")
        assert str(entry["uid"]) == entry_uid("entretien", session.public_id)
        assert str(entry["summary"]) == "Relais — entretien"
        assert entry.decoded("dtstart") == moment
        assert str(entry.decoded("dtstart").tzinfo) == "Europe/Paris"
        assert entry.decoded("dtend") - entry.decoded("dtstart") == datetime.timedelta(minutes=45)
        assert (entry["status"], entry["sequence"]) == ("CONFIRMED", 0)
        assert "LOCATION" not in entry and "ORGANIZER" not in entry and "ATTENDEE" not in entry
        assert not [word for word in PERSONAL if word in calendar.to_ical().decode()]
    assert "votre entretien est réservé" in to(mailbox, cast.member)[0]["Subject"].lower()
    # The coordination keeps its plain notice (R-A6): no file, no charter.
    (notice,) = to(mailbox, cast.coordinator)
    assert list(notice.iter_attachments()) == []
    assert charter_url not in body_text(notice)


def test_a_older_charter_version_is_not_the_one_linked(
    world, site_tree, client_for, mailbox, django_capture_on_commit_callbacks
):
    cast, request = world
    book_as_member(
        cast, request, f.at(f.next_weekday(1), 9), client_for, django_capture_on_commit_callbacks
    )
    body = body_text(to(mailbox, cast.member)[0])
    assert absolute_url(site_tree.charter_versions[0].url) not in body


def test_without_a_published_charter_the_confirmation_says_so_plainly(
    world, client_for, mailbox, django_capture_on_commit_callbacks
):
    cast, request = world
    book_as_member(
        cast, request, f.at(f.next_weekday(1), 9), client_for, django_capture_on_commit_callbacks
    )
    for person in (cast.member, cast.helper):
        (message,) = to(mailbox, person)
        assert "charte de confidentialité n’est pas encore publiée" in body_text(message)
        assert entry_of(message)["status"] == "CONFIRMED"


def test_times_are_right_in_paris_on_both_sides_of_the_spring_change(
    client_for, mailbox, django_capture_on_commit_callbacks
):
    # 28 March 2027: clocks go from 02:00 to 03:00 in Paris.
    with time_machine.travel(datetime.datetime(2027, 3, 22, 8, tzinfo=UTC), tick=False):
        cast, request = build_world()
        before, after = f.at(datetime.date(2027, 3, 23), 9), f.at(datetime.date(2027, 3, 30), 9)
        book_as_member(cast, request, before, client_for, django_capture_on_commit_callbacks)
        book_as_member(cast, request, after, client_for, django_capture_on_commit_callbacks)

    entries = [entry_of(m) for m in to(mailbox, cast.member)]
    starts = [entry.decoded("dtstart") for entry in entries]
    assert [(s.hour, str(s.tzinfo)) for s in starts] == [(9, "Europe/Paris")] * 2
    assert [s.astimezone(UTC).hour for s in starts] == [8, 7]
    assert "DTSTART;TZID=Europe/Paris:20270330T090000" in calendar_of(
        to(mailbox, cast.member)[1]
    ).to_ical().decode().replace("\r\n ", "")


def test_an_urgent_session_set_by_the_coordination_reaches_both_with_its_call_details(
    world, client_for, mailbox, django_capture_on_commit_callbacks
):
    cast, request = world
    day = f.next_weekday(2)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(cast.coordinator).post(
            reverse("appointments:coord_request", args=[request.public_id]),
            {
                "action": "urgent",
                "urgent-starts_at": f"{day.isoformat()}T18:05",
                "urgent-remote_details": VIDEO,
            },
        )

    session = Session.objects.get()
    member_mail, helper_mail = to(mailbox, cast.member)[0], to(mailbox, cast.helper)[0]
    assert "pour vous" in member_mail["Subject"]
    for message in (member_mail, helper_mail):
        assert_quiet(message)
        entry = entry_of(message)
        assert entry.decoded("dtstart") == f.at(day, 18, 5)
        assert str(entry["location"]) == VIDEO
        assert VIDEO in str(entry["description"])
        assert str(entry["uid"]) == entry_uid("entretien", session.public_id)
    assert to(mailbox, cast.coordinator) == []  # who booked is not told; other coordinators are


def test_call_details_given_later_send_a_new_copy_of_the_same_entry(
    world, client_for, mailbox, django_capture_on_commit_callbacks
):
    cast, request = world
    session = book_as_member(
        cast, request, f.at(f.next_weekday(1), 9), client_for, django_capture_on_commit_callbacks
    )
    first_uid = entry_of(to(mailbox, cast.member)[0])["uid"]
    mailbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client_for(cast.helper).post(
            reverse("appointments:remote_details", args=[session.public_id]),
            {"remote_details": VIDEO},
        )

    for person in (cast.member, cast.helper):
        (message,) = to(mailbox, person)
        assert_quiet(message)
        entry = entry_of(message)
        assert entry["uid"] == first_uid
        assert (entry["sequence"], entry["status"]) == (1, "CONFIRMED")
        assert str(entry["location"]) == VIDEO


def test_a_cancellation_sends_the_same_entry_cancelled_with_a_higher_sequence(
    world, client_for, mailbox, django_capture_on_commit_callbacks
):
    cast, request = world
    session = book_as_member(
        cast,
        request,
        f.at(f.next_weekday(1, weeks=3), 9),
        client_for,
        django_capture_on_commit_callbacks,
    )
    first_uid = entry_of(to(mailbox, cast.helper)[0])["uid"]
    mailbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client_for(cast.member).post(
            reverse("appointments:cancel", args=[session.public_id]),
            {"reason": "Un empêchement de Apolline"},
        )

    assert Session.objects.get().status == SessionStatus.CANCELLED
    for person in (cast.member, cast.helper):
        (message,) = to(mailbox, person)
        assert_quiet(message)
        assert "empêchement" not in body_text(message)
        calendar = calendar_of(message)
        assert calendar["method"] == "PUBLISH"
        (entry,) = calendar.walk("VEVENT")
        assert entry["uid"] == first_uid
        assert (entry["status"], entry["sequence"]) == ("CANCELLED", 1)
        assert "empêchement" not in calendar.to_ical().decode()


def test_a_deleted_account_cancels_its_sessions_in_the_other_sides_calendar(
    world, mailbox, django_capture_on_commit_callbacks
):
    from appointments.deletion import forget_sessions

    cast, request = world
    session = f.book(cast, request, f.at(f.next_weekday(1, weeks=3), 9))

    with django_capture_on_commit_callbacks(execute=True):
        forget_sessions(cast.member, remove_forum_posts=False)

    (message,) = to(mailbox, cast.helper)
    assert_quiet(message)
    entry = entry_of(message)
    assert str(entry["uid"]) == entry_uid("entretien", session.public_id)
    assert (entry["status"], entry["sequence"]) == ("CANCELLED", 1)


def test_sessions_cancelled_because_the_helper_left_leave_the_members_calendar(
    world, mailbox, django_capture_on_commit_callbacks
):
    from appointments import services

    cast, request = world
    session = f.book(cast, request, f.at(f.next_weekday(1, weeks=3), 9))

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_sessions_of_request(
            request=request, helper=cast.helper, action="step_aside", by=cast.helper
        )

    (message,) = to(mailbox, cast.member)
    assert_quiet(message)
    entry = entry_of(message)
    assert str(entry["uid"]) == entry_uid("entretien", session.public_id)
    assert (entry["status"], entry["sequence"]) == ("CANCELLED", 1)
    assert "retire l’entretien de votre agenda" in body_text(message)
    assert to(mailbox, cast.helper) == []  # who acted is not told


@override_settings(TASKS=DATABASE_QUEUE)
def test_a_confirmation_still_queued_when_the_session_is_cancelled_is_not_sent(
    world, mailbox, django_capture_on_commit_callbacks
):
    from appointments import services

    cast, request = world
    with django_capture_on_commit_callbacks(execute=True):
        session = f.book(cast, request, f.at(f.next_weekday(1, weeks=3), 9))
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_session(session=session, by=cast.coordinator, reason="Doublon")

    call_command("run_worker", once=True)

    for person in (cast.member, cast.helper):
        (message,) = to(mailbox, person)
        assert "annulé" in message["Subject"]
        assert entry_of(message)["status"] == "CANCELLED"
    returned = [result.return_value for result in DBTaskResult.objects.all()]
    assert returned.count("nothing-to-send") == 2  # the two confirmations


@override_settings(TASKS=DATABASE_QUEUE)
def test_a_refused_confirmation_is_tried_again_with_its_calendar_file(
    world, mailbox, django_capture_on_commit_callbacks
):
    cast, request = world
    with django_capture_on_commit_callbacks(execute=True):
        session = f.book(cast, request, f.at(f.next_weekday(1), 9))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]

    with override_settings(EMAIL_PORT=closed_port):
        call_command("run_worker", once=True)

    retried = [
        result.args_kwargs["kwargs"]
        for result in DBTaskResult.objects.filter(status="READY")
        if result.args_kwargs["kwargs"]["attempt"] == 2
    ]
    confirmation = {
        "name": "appointments.session",
        "params": {"session_id": session.pk, "expect": "booked", "charter": True},
    }
    assert [kwargs["enclosure"] for kwargs in retried].count(confirmation) == 2
    assert mailbox == []
