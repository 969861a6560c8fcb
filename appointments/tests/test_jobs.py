"""The day-before reminder (worker) and what account deletion does to sessions (R-C8)."""

import datetime

import pytest
import time_machine

from appointments import services
from appointments.deletion import forget_sessions
from appointments.models import Availability, Session, SessionStatus
from members import deletion

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def booked():
    cast, request = f.taken()
    f.weekly(cast.helper, 1, 9)
    tuesday = f.next_weekday(1)
    return cast, request, tuesday, f.book(cast, request, f.at(tuesday, 9))


def test_both_sides_are_reminded_once_the_day_before(
    booked, mailbox, django_capture_on_commit_callbacks
):
    cast, _request, tuesday, _session = booked
    with time_machine.travel(f.at(tuesday, 9) - datetime.timedelta(hours=25)):
        assert services.remind_sessions() == 0
    with (
        time_machine.travel(f.at(tuesday, 9) - datetime.timedelta(hours=23)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert services.remind_sessions() == 1
        assert services.remind_sessions() == 0
    assert sorted(m["To"] for m in mailbox) == sorted([cast.member.email, cast.helper.email])
    assert all("Rappel" in m["Subject"] for m in mailbox)


def test_deleting_the_members_account_cancels_their_upcoming_sessions(booked):
    cast, _request, _tuesday, session = booked
    assert forget_sessions in deletion.hooks()
    forget_sessions(cast.member, remove_forum_posts=False)
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED and session.member is None
    assert session.booked_by is None


def test_deleting_the_helpers_account_cancels_their_sessions_and_removes_their_slots(booked):
    cast, _request, tuesday, session = booked
    with time_machine.travel(f.at(tuesday, 9) - datetime.timedelta(hours=3)):
        forget_sessions(cast.helper, remove_forum_posts=False)
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED  # not the member's doing: nothing due
    assert not Availability.objects.filter(helper=cast.helper).exists()
    assert Session.objects.count() == 1


def test_an_account_deleted_through_the_members_service_leaves_no_live_session(booked):
    from members.services.data_rights import delete_account

    cast, _request, _tuesday, session = booked
    delete_account(user=cast.member, remove_forum_posts=False)
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED and session.member is None
