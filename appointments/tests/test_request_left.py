"""A request its helper no longer works on keeps no session booked (issue #12): when the member
withdraws it, the helper steps aside, the coordination refers it or it is closed, its coming
sessions are cancelled in the same transaction, and the side that did not end the work is told
through the usual cancellation notice. A withdrawal is the member's doing, so the 48-hour rule
applies to it; the others leave nothing due. Everything through the URLs."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from appointments.models import Session, SessionStatus
from helprequests import services as request_services
from helprequests.models import HelpRequest, Status
from members.models import Profile

from . import factories as f

pytestmark = pytest.mark.django_db

CANCELLED_NOTICE = "Un entretien est annulé"


@pytest.fixture
def world():
    cast, request = f.taken()
    Profile.objects.create(user=cast.coordinator, status="active")
    f.weekly(cast.helper, 1, 9)
    f.weekly(cast.helper, 3, 9)
    tuesday = f.next_weekday(1)
    sessions = [
        f.book(cast, request, f.at(tuesday, 9)),
        f.book(cast, request, f.at(tuesday + datetime.timedelta(days=2), 9)),
    ]
    return cast, request, tuesday, sessions


def _fresh(request):
    return HelpRequest.objects.get(pk=request.pk)


def _statuses(sessions):
    return [Session.objects.get(pk=session.pk).status for session in sessions]


def _told(mailbox):
    return sorted(m["To"] for m in mailbox if CANCELLED_NOTICE in m["Subject"])


def test_withdrawing_cancels_the_coming_sessions_the_late_one_stays_due_the_helper_is_told(
    world, client_for, mailbox, django_capture_on_commit_callbacks
):
    cast, request, tuesday, sessions = world
    with time_machine.travel(f.at(tuesday, 9) - datetime.timedelta(hours=20)):
        client = client_for(cast.member)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("helprequests:withdraw", args=[request.public_id]),
                {"version": _fresh(request).version, "note": ""},
            )

    assert response.status_code == 302
    assert _fresh(request).status == Status.WITHDRAWN
    assert _statuses(sessions) == [SessionStatus.CANCELLED_LATE, SessionStatus.CANCELLED]
    assert Session.objects.get(pk=sessions[1].pk).cancel_reason == "La demande a été retirée."
    assert _told(mailbox) == [cast.helper.email, cast.helper.email]


def test_a_helper_stepping_aside_cancels_the_sessions_nothing_due_and_the_member_is_told(
    world, client_for, mailbox, django_capture_on_commit_callbacks
):
    cast, request, tuesday, sessions = world
    with time_machine.travel(f.at(tuesday, 9) - datetime.timedelta(hours=20)):
        client = client_for(cast.helper)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("helprequests:helper_step_aside", args=[request.public_id]),
                {"version": _fresh(request).version, "note": ""},
            )
        mine = client_for(cast.member).get(reverse("appointments:mine")).content.decode()

    assert response.status_code == 302
    assert _statuses(sessions) == [SessionStatus.CANCELLED, SessionStatus.CANCELLED]
    assert _told(mailbox) == [cast.member.email, cast.member.email]
    assert "L’aidant·e ne suit plus cette demande." in mine


def test_referring_to_the_national_level_cancels_them_and_tells_both_sides(
    world, client_for, mailbox, django_capture_on_commit_callbacks
):
    cast, request, _tuesday, sessions = world
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(cast.coordinator).post(
            reverse("helprequests:coord_refer", args=[request.public_id]),
            {"version": _fresh(request).version, "note": "Sujet national"},
        )

    assert response.status_code == 302
    assert _fresh(request).status == Status.REFERRED
    assert _statuses(sessions) == [SessionStatus.CANCELLED, SessionStatus.CANCELLED]
    assert _told(mailbox) == sorted([cast.member.email, cast.helper.email] * 2)


def test_closing_a_resolved_request_by_its_questionnaire_cancels_what_is_still_booked(
    world, client_for
):
    cast, request, _tuesday, sessions = world
    request_services.resolve_request(request=_fresh(request), by=cast.helper)
    assert _statuses(sessions) == [SessionStatus.BOOKED, SessionStatus.BOOKED]

    response = client_for(cast.member).post(
        reverse("helprequests:questionnaire", args=[request.public_id]),
        {
            "version": _fresh(request).version,
            "overall": "4",
            "timely": "yes",
            "would_recommend": "yes",
            "comment": "",
        },
    )

    assert response.status_code == 302
    assert _fresh(request).status == Status.CLOSED
    assert _statuses(sessions) == [SessionStatus.CANCELLED, SessionStatus.CANCELLED]


def test_a_refused_withdrawal_leaves_the_sessions_booked(world, client_for):
    cast, request, _tuesday, sessions = world
    stale = _fresh(request).version - 1

    response = client_for(cast.member).post(
        reverse("helprequests:withdraw", args=[request.public_id]),
        {"version": stale, "note": ""},
    )

    assert response.status_code == 409
    assert _statuses(sessions) == [SessionStatus.BOOKED, SessionStatus.BOOKED]


def test_a_session_already_started_stays_for_the_helper_to_note(world, client_for):
    cast, request, tuesday, sessions = world
    with time_machine.travel(f.at(tuesday, 9, 10)):
        client = client_for(cast.member)
        client.post(
            reverse("helprequests:withdraw", args=[request.public_id]),
            {"version": _fresh(request).version, "note": ""},
        )

    # Thursday's starts within the 48 hours: the member's withdrawal leaves it due.
    assert _statuses(sessions) == [SessionStatus.BOOKED, SessionStatus.CANCELLED_LATE]
