"""Booking, quotas and extensions, cancellation and the 48-hour rule, no-shows (R-A1, R-A3,
R-A6, R-A10, R-K2): each refusal is a translated message and changes nothing."""

import datetime

import pytest
import time_machine

from appointments import services
from appointments.errors import AppointmentError
from appointments.models import QuotaExtension, Session, SessionStatus
from appointments.quotas import quota_of
from helprequests.models import Status
from tests.smtp import body_text

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def booked():
    """A taken request, its helper's Tuesday and Thursday slots, and the day of next Tuesday."""
    cast, request = f.taken()
    f.weekly(cast.helper, 1, 9)
    f.weekly(cast.helper, 1, 14)
    f.weekly(cast.helper, 3, 9)
    return cast, request, f.next_weekday(1)


def test_the_member_books_a_free_slot_of_the_helper_who_took_the_request(
    booked, mailbox, django_capture_on_commit_callbacks
):
    cast, request, tuesday = booked
    with django_capture_on_commit_callbacks(execute=True):
        session = f.book(cast, request, f.at(tuesday, 9))
    assert session.status == SessionStatus.BOOKED
    assert (session.helper, session.member, session.booked_by) == (
        cast.helper,
        cast.member,
        cast.member,
    )
    assert session.duration_minutes == 45
    recipients = {message["To"] for message in mailbox}
    assert cast.helper.email in recipients and cast.coordinator.email in recipients
    bodies = " ".join(body_text(message) for message in mailbox)
    assert "Apolline" not in bodies and "Vasseur" not in bodies


def test_a_coordinator_books_for_the_member_who_is_told(
    booked, mailbox, django_capture_on_commit_callbacks
):
    cast, request, tuesday = booked
    f.coordination_books(cast)
    request.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        session = f.book(cast, request, f.at(tuesday, 9), by=cast.coordinator)
    assert session.member == cast.member and session.booked_by == cast.coordinator
    assert cast.member.email in {message["To"] for message in mailbox}


def test_a_tampered_time_is_refused(booked):
    cast, request, tuesday = booked
    for moment in (f.at(tuesday, 10), f.at(tuesday, 9, 1), "pas une date", "2030-01-01T09:00"):
        with pytest.raises(AppointmentError, match="pas \\(ou plus\\) proposé"):
            f.book(cast, request, moment)
    assert not Session.objects.exists()


def test_the_same_slot_cannot_be_booked_twice(booked):
    cast, request, tuesday = booked
    f.book(cast, request, f.at(tuesday, 9))
    other_cast, other_request = f.taken()
    with pytest.raises(AppointmentError):
        f.book(cast, request, f.at(tuesday, 9))
    assert Session.objects.count() == 1
    assert other_request.pk != request.pk


def test_someone_else_cannot_book_on_a_members_request(booked):
    cast, request, tuesday = booked
    for stranger in (cast.other_member, cast.other_helper):
        with pytest.raises(AppointmentError, match="ne pouvez pas réserver"):
            f.book(cast, request, f.at(tuesday, 9), by=stranger)
    assert not Session.objects.exists()


def test_the_helper_who_took_the_request_books_only_with_a_way_to_reach_them(booked):
    """R-P3, R-P4: their offer carries how the member reaches them."""
    cast, request, tuesday = booked
    with pytest.raises(AppointmentError, match="comment le membre vous joint"):
        f.book(cast, request, f.at(tuesday, 9), by=cast.helper)
    assert not Session.objects.exists()
    session = services.book_session(
        request=request, starts_at=f.at(tuesday, 9), by=cast.helper, remote_details="01 23 45"
    )
    assert (session.booked_by, session.remote_details) == (cast.helper, "01 23 45")


def test_no_booking_before_a_helper_took_the_request():
    cast = f.Cast.create()
    request = cast.request_in(Status.ROUTED)
    f.weekly(cast.helper, 1, 9)
    with pytest.raises(AppointmentError, match="pris la demande"):
        f.book(cast, request, f.at(f.next_weekday(1), 9))


def test_the_organisations_maximum_is_enforced_with_a_clear_message(booked):
    cast, request, tuesday = booked
    cast.organisation.max_sessions_per_person = 2
    cast.organisation.save()
    request.refresh_from_db()
    f.book(cast, request, f.at(tuesday, 9))
    f.book(cast, request, f.at(tuesday, 14))
    with pytest.raises(AppointmentError, match="Les 2 entretiens prévus"):
        f.book(cast, request, f.at(tuesday + datetime.timedelta(days=2), 9))
    assert quota_of(request).remaining == 0


def test_an_extension_granted_with_a_reason_allows_more_sessions(booked):
    cast, request, tuesday = booked
    cast.organisation.max_sessions_per_person = 1
    cast.organisation.save()
    request.refresh_from_db()
    f.book(cast, request, f.at(tuesday, 9))
    with pytest.raises(AppointmentError, match="motif"):
        services.grant_extra_sessions(request=request, by=cast.coordinator, extra=1, reason=" ")
    with pytest.raises(AppointmentError, match="Seule la coordination"):
        services.grant_extra_sessions(request=request, by=cast.helper, extra=1, reason="Pro")
    services.grant_extra_sessions(
        request=request, by=cast.coordinator, extra=1, reason="Sujet professionnel à poursuivre"
    )
    f.book(cast, request, f.at(tuesday, 14))
    extension = QuotaExtension.objects.get()
    assert (extension.granted_by, extension.extra) == (cast.coordinator, 1)
    assert quota_of(request).allowed == 2


def test_a_session_cancelled_in_time_gives_its_place_back(booked):
    cast, request, tuesday = booked
    cast.organisation.max_sessions_per_person = 1
    cast.organisation.save()
    request.refresh_from_db()
    session = f.book(cast, request, f.at(tuesday, 9))
    services.cancel_session(session=session, by=cast.member, reason="Empêchement")
    assert quota_of(request).remaining == 1
    f.book(cast, request, f.at(tuesday, 14))


def test_a_member_cancelling_less_than_48_hours_before_leaves_it_billable(booked):
    cast, request, tuesday = booked
    session = f.book(cast, request, f.at(tuesday, 9))
    with time_machine.travel(f.at(tuesday, 9) - datetime.timedelta(hours=47, minutes=59)):
        session = services.cancel_session(session=session, by=cast.member, reason="Malade")
    assert session.status == SessionStatus.CANCELLED_LATE and session.billable
    assert quota_of(request).used == 1
    assert (session.cancelled_by, session.cancel_reason) == (cast.member, "Malade")


def test_a_member_cancelling_48_hours_before_or_earlier_owes_nothing(booked):
    cast, request, tuesday = booked
    session = f.book(cast, request, f.at(tuesday, 9))
    with time_machine.travel(f.at(tuesday, 9) - datetime.timedelta(hours=48)):
        session = services.cancel_session(session=session, by=cast.member, reason="Malade")
    assert session.status == SessionStatus.CANCELLED and not session.billable


def test_a_helper_cancelling_late_leaves_nothing_billable(booked):
    cast, request, tuesday = booked
    session = f.book(cast, request, f.at(tuesday, 9))
    with time_machine.travel(f.at(tuesday, 8)):
        session = services.cancel_session(session=session, by=cast.helper, reason="Imprévu")
    assert session.status == SessionStatus.CANCELLED


def test_a_cancellation_needs_a_reason_and_one_of_the_sessions_people(booked):
    cast, request, tuesday = booked
    session = f.book(cast, request, f.at(tuesday, 9))
    with pytest.raises(AppointmentError, match="motif"):
        services.cancel_session(session=session, by=cast.member, reason="")
    for stranger in (cast.other_member, cast.other_helper):
        with pytest.raises(AppointmentError, match="pas le vôtre"):
            services.cancel_session(session=session, by=stranger, reason="Non")
    services.cancel_session(session=session, by=cast.coordinator, reason="Aidant·e malade")
    with pytest.raises(AppointmentError, match="plus réservé"):
        services.cancel_session(session=session, by=cast.member, reason="Encore")


def test_a_started_session_cannot_be_cancelled(booked):
    cast, request, tuesday = booked
    session = f.book(cast, request, f.at(tuesday, 9))
    with (
        time_machine.travel(f.at(tuesday, 9, 1)),
        pytest.raises(AppointmentError, match="commencé"),
    ):
        services.cancel_session(session=session, by=cast.member, reason="Trop tard")


def test_the_helper_marks_a_no_show_only_after_the_start(booked):
    cast, request, tuesday = booked
    session = f.book(cast, request, f.at(tuesday, 9))
    with (
        time_machine.travel(f.at(tuesday, 8, 59)),
        pytest.raises(AppointmentError, match="pas encore commencé"),
    ):
        services.mark_no_show(session=session, by=cast.helper)
    with time_machine.travel(f.at(tuesday, 9, 20)):
        with pytest.raises(AppointmentError, match="aidant·e de l’entretien"):
            services.mark_no_show(session=session, by=cast.member)
        session = services.mark_no_show(session=session, by=cast.helper)
    assert session.status == SessionStatus.NO_SHOW and session.billable
    assert quota_of(request).used == 1


def test_the_helper_marks_a_session_done(booked):
    cast, request, tuesday = booked
    session = f.book(cast, request, f.at(tuesday, 9))
    with time_machine.travel(f.at(tuesday, 10)):
        session = services.mark_done(session=session, by=cast.helper)
    assert session.status == SessionStatus.DONE


def test_a_coordinator_sets_an_urgent_session_outside_the_slots(booked):
    cast, request, tuesday = booked
    moment = f.at(tuesday, 18, 10)
    with pytest.raises(AppointmentError, match="Seule la coordination"):
        services.book_session(request=request, starts_at=moment, by=cast.member, outside_slots=True)
    session = services.book_session(
        request=request, starts_at=moment, by=cast.coordinator, outside_slots=True
    )
    assert session.booked_by == cast.coordinator and session.starts_at == moment


def test_an_urgent_session_cannot_overlap_another_session_of_the_helper(booked):
    cast, request, tuesday = booked
    f.book(cast, request, f.at(tuesday, 9))
    with pytest.raises(AppointmentError, match="vient d’être pris"):
        services.book_session(
            request=request, starts_at=f.at(tuesday, 9, 30), by=cast.coordinator, outside_slots=True
        )
    with pytest.raises(AppointmentError, match="déjà passé"):
        services.book_session(
            request=request,
            starts_at=f.at(tuesday - datetime.timedelta(days=14), 9),
            by=cast.coordinator,
            outside_slots=True,
        )


def test_after_a_session_held_each_side_gives_its_feedback_once(booked):
    cast, request, tuesday = booked
    session = f.book(cast, request, f.at(tuesday, 9))
    with pytest.raises(AppointmentError, match="entretien tenu"):
        services.give_feedback(session=session, by=cast.helper, data={"difficulties": "Aucune"})
    with time_machine.travel(f.at(tuesday, 10)):
        session = services.mark_done(session=session, by=cast.helper)
    helper_side = services.give_feedback(
        session=session, by=cast.helper, data={"difficulties": "Peu de temps", "improvements": ""}
    )
    assert session.helper_feedback == helper_side
    with pytest.raises(AppointmentError, match="déjà donné"):
        services.give_feedback(session=session, by=cast.helper, data={"difficulties": "Encore"})
    with pytest.raises(AppointmentError, match="de 1 à 5"):
        services.give_feedback(session=session, by=cast.member, data={"rating": 9})
    services.give_feedback(session=session, by=cast.member, data={"rating": 4, "comment": "Utile"})
    for other in (cast.coordinator, cast.other_member):
        with pytest.raises(AppointmentError, match="ne vous revient pas"):
            services.give_feedback(session=session, by=other, data={"rating": 3})


def test_after_a_session_held_the_helper_proposes_a_next_step_once(
    booked, mailbox, django_capture_on_commit_callbacks
):
    cast, request, tuesday = booked
    cast.organisation.max_sessions_per_person = 1
    cast.organisation.save()
    request.refresh_from_db()
    session = f.book(cast, request, f.at(tuesday, 9))
    with pytest.raises(AppointmentError, match="après un entretien tenu"):
        services.propose_next_step(session=session, by=cast.helper, step="follow_up")
    with time_machine.travel(f.at(tuesday, 10)):
        session = services.mark_done(session=session, by=cast.helper)
    with pytest.raises(AppointmentError, match="Seul·e l’aidant·e"):
        services.propose_next_step(session=session, by=cast.member, step="follow_up")
    with django_capture_on_commit_callbacks(execute=True):
        session = services.propose_next_step(session=session, by=cast.helper, step="follow_up")
    assert session.next_step == "follow_up"
    recipients = {message["To"] for message in mailbox}
    assert {cast.member.email, cast.coordinator.email} <= recipients  # quota used up: both told
    with pytest.raises(AppointmentError):
        services.propose_next_step(session=session, by=cast.helper, step="other_helper")
