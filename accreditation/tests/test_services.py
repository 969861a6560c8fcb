"""Pauses, sanctions, complaints and obligations (issue #19): each change logged, the open
requests handed back to the coordination without telling the member why."""

import pytest

from accreditation import services
from accreditation.errors import AccreditationError
from accreditation.models import Accreditation, Change, Complaint, Outcome, PauseReason, Status
from appointments.models import SessionStatus
from appointments.tests import factories as af
from helprequests import access
from helprequests.models import Routing, RoutingStatus, Transition
from helprequests.models import Status as RequestStatus
from helprequests.selectors import history_of, suggested_helpers

from . import factories as f

pytestmark = pytest.mark.django_db


def test_pausing_hands_the_taken_request_back_to_the_coordination(
    mailbox, django_capture_on_commit_callbacks
):
    cast, request = f.taken()
    with django_capture_on_commit_callbacks(execute=True):
        services.pause(
            helper=cast.helper,
            by=cast.helper,
            pause_reason=PauseReason.HEALTH,
            return_on=f.in_days(30),
        )

    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED
    assert Routing.objects.get(request=request).status == RoutingStatus.WITHDRAWN
    assert access.held(cast.helper, request) == set()
    # The coordination is told; the member is not told why (no mail to them about it).
    assert cast.coordinator.email in [m["To"] for m in mailbox]
    assert cast.member.email not in [m["To"] for m in mailbox]
    # The member's history says a helper left, without the note kept for the coordination.
    step = [t for t in history_of(request, cast.member) if t.action == "step_aside"]
    assert len(step) == 1 and step[0].shown_note == ""
    assert Transition.objects.filter(request=request, action="step_aside").get().note


def test_pausing_hands_back_an_offer_too_and_cancels_coming_sessions():
    cast, request = f.taken()
    af.weekly(cast.helper, 1, 9)
    session = af.book(cast, request, af.at(af.next_weekday(1), 9))
    offered_cast, offered = f.cast_with(RequestStatus.ROUTED)

    services.pause(helper=cast.helper, by=cast.helper)

    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    # The offer made to another cast's helper is untouched; this helper's requests are back.
    assert Routing.objects.get(request=offered).status == RoutingStatus.OFFERED
    assert offered_cast.helper != cast.helper


def test_a_resolved_request_stays_with_its_helper_when_they_pause():
    cast, request = f.cast_with(RequestStatus.RESOLVED)
    services.pause(helper=cast.helper, by=cast.helper)
    request.refresh_from_db()
    assert request.status == RequestStatus.RESOLVED
    assert Routing.objects.get(request=request).status == RoutingStatus.ACCEPTED


def test_a_helper_back_from_a_pause_can_be_offered_the_same_request_again():
    cast, request = f.taken()
    services.pause(helper=cast.helper, by=cast.helper)
    request.refresh_from_db()
    assert cast.helper not in suggested_helpers(request, cast.coordinator)

    services.resume(helper=cast.helper, by=cast.helper)

    assert cast.helper in suggested_helpers(request, cast.coordinator)


def test_every_change_is_logged_with_who_when_and_why():
    cast, _request = f.cast_with()
    services.pause(helper=cast.helper, by=cast.helper, pause_reason=PauseReason.HOLIDAYS)
    services.suspend(helper=cast.helper, by=cast.coordinator, reason="Plaintes répétées.")
    services.reinstate(helper=cast.helper, by=cast.coordinator, reason="Supervision reprise.")

    log = list(Change.objects.filter(helper=cast.helper).order_by("at", "pk"))
    assert [(c.status, c.by) for c in log] == [
        (Status.PAUSED, cast.helper),
        (Status.SUSPENDED, cast.coordinator),
        (Status.ACCREDITED, cast.coordinator),
    ]
    assert [c.why for c in log][1:] == ["Plaintes répétées.", "Supervision reprise."]
    assert all(c.at is not None for c in log)


def test_only_the_helper_pauses_and_only_coordinators_suspend():
    cast, _request = f.cast_with()
    with pytest.raises(AccreditationError):
        services.pause(helper=cast.helper, by=cast.coordinator)
    with pytest.raises(AccreditationError):
        services.suspend(helper=cast.helper, by=cast.helper, reason="Moi-même.")
    with pytest.raises(AccreditationError):
        services.suspend(helper=cast.helper, by=cast.other_helper, reason="Jalousie.")
    assert not Accreditation.objects.filter(status=Status.SUSPENDED).exists()


def test_a_suspension_needs_a_reason_and_a_suspended_helper_cannot_lift_it_by_resuming():
    cast, _request = f.cast_with()
    with pytest.raises(AccreditationError):
        services.suspend(helper=cast.helper, by=cast.coordinator, reason="  ")
    services.suspend(helper=cast.helper, by=cast.coordinator, reason="Manquement à l’article 3.")
    with pytest.raises(AccreditationError):
        services.resume(helper=cast.helper, by=cast.helper)
    with pytest.raises(AccreditationError):
        services.pause(helper=cast.helper, by=cast.helper)
    assert Accreditation.objects.get(helper=cast.helper).status == Status.SUSPENDED


def test_a_return_date_in_the_past_is_refused():
    cast, _request = f.cast_with()
    with pytest.raises(AccreditationError):
        services.pause(helper=cast.helper, by=cast.helper, return_on=f.in_days(-1))


def test_a_member_complains_only_about_the_helper_they_had_on_their_request():
    cast, request = f.taken()
    with pytest.raises(AccreditationError):
        services.file_complaint(
            by=cast.member,
            helper=cast.other_helper,
            charter_article="Article 2",
            account="Propos déplacés.",
            request=request,
        )
    with pytest.raises(AccreditationError):
        services.file_complaint(
            by=cast.other_member,
            helper=cast.helper,
            charter_article="Article 2",
            account="Propos déplacés.",
            request=request,
        )
    complaint = f.complaint(cast, request)
    assert complaint.helper == cast.helper and complaint.filed_by == cast.member
    assert Change.objects.filter(helper=cast.helper, kind=Change.Kind.COMPLAINT).exists()


def test_a_member_complains_from_a_session_they_had():
    cast, request = f.taken()
    af.weekly(cast.helper, 1, 9)
    session = af.book(cast, request, af.at(af.next_weekday(1), 9))
    complaint = services.file_complaint(
        by=cast.member,
        helper=cast.helper,
        charter_article="Article 5",
        account="Entretien écourté sans explication.",
        session=session,
    )
    assert complaint.session == session


def test_an_outcome_is_recorded_once_and_a_withdrawal_withdraws_the_accreditation():
    cast, request = f.taken()
    complaint = f.complaint(cast, request)
    f.decided(complaint, cast, Outcome.WITHDRAWAL, "Manquements répétés à la charte.")

    row = Accreditation.objects.get(helper=cast.helper)
    assert row.status == Status.WITHDRAWN and row.reason == "Manquements répétés à la charte."
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED  # handed back
    with pytest.raises(AccreditationError):
        f.decided(Complaint.objects.get(), cast)


def test_the_helper_cannot_judge_a_complaint_about_themselves():
    cast, request = f.taken()
    complaint = f.complaint(cast, request)
    with pytest.raises(AccreditationError):
        services.record_outcome(
            complaint=complaint, by=cast.helper, outcome=Outcome.DISMISSED, note="Non."
        )


def test_obligations_are_saved_by_the_helper_and_logged():
    cast, _request = f.cast_with()
    services.save_insurance(
        helper=cast.helper,
        by=cast.helper,
        insurer="Mutuelle des Accompagnants",
        policy_number="RC-2026-118",
        expires_on=f.in_days(200),
    )
    services.add_training(
        helper=cast.helper,
        by=cast.helper,
        title="Écoute active",
        completed_on=f.in_days(-10),
        hours=14,
    )
    services.save_supervision(
        helper=cast.helper, by=cast.helper, kind="peer_group", name="Groupe de pairs de Lyon"
    )
    with pytest.raises(AccreditationError):
        services.add_training(
            helper=cast.helper, by=cast.helper, title="Futur", completed_on=f.in_days(3)
        )
    with pytest.raises(AccreditationError):
        services.save_supervision(
            helper=cast.helper, by=cast.coordinator, kind="peer_group", name="X"
        )
    kinds = set(Change.objects.filter(helper=cast.helper).values_list("kind", flat=True))
    assert kinds == {"insurance", "training", "supervision"}


def test_deleting_a_members_account_keeps_their_complaint_without_their_name():
    cast, request = f.taken()
    f.complaint(cast, request, anonymous=False)
    services.forget_person(cast.member, remove_forum_posts=False)
    complaint = Complaint.objects.get()
    assert complaint.filed_by is None and complaint.anonymous
