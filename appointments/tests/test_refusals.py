"""A refused action on an appointments page (portal.refusals.act, the one road): the page comes
back with 409 when the rules said no, 400 when the form could not be read, the refusal in
French on it, what was typed kept, and nothing changed in the database. A session, slot or
request that is not one's own stays a 404."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from appointments import services
from appointments.models import Availability, HelperFeedback, Session, SessionStatus
from appointments.quotas import quota_of
from members.models import Profile

from . import factories as f

pytestmark = pytest.mark.django_db

ALERT = 'role="alert"'


@pytest.fixture
def world():
    cast, request = f.taken()
    Profile.objects.create(user=cast.coordinator, status="active")
    f.weekly(cast.helper, 1, 9)
    f.weekly(cast.helper, 3, 9)
    return cast, request, f.next_weekday(1)


def _text(response):
    return response.content.decode()


def test_booking_beyond_the_quota_answers_409_with_the_reason_and_books_nothing(world, client_for):
    cast, request, tuesday = world
    thursday = tuesday + datetime.timedelta(days=2)
    allowed = quota_of(request).allowed
    for week in range(allowed):
        f.book(cast, request, f.at(tuesday + datetime.timedelta(days=7 * week), 9))

    response = client_for(cast.member).post(
        reverse("appointments:book", args=[request.public_id]),
        {"starts_at": f.at(thursday, 9).isoformat()},
    )

    assert response.status_code == 409
    assert ALERT in _text(response)
    assert "sont tous réservés ou tenus" in _text(response)
    assert Session.objects.count() == allowed


def test_a_slot_in_the_past_is_refused_on_the_booking_page(world, client_for):
    cast, request, _tuesday = world
    last_tuesday = f.next_weekday(1, after=datetime.date.today() - datetime.timedelta(days=8))

    response = client_for(cast.member).post(
        reverse("appointments:book", args=[request.public_id]),
        {"starts_at": f.at(last_tuesday, 9).isoformat()},
    )

    assert response.status_code == 409
    assert "pas (ou plus) proposé" in _text(response)
    assert not Session.objects.exists()


def test_a_slot_button_without_its_slot_answers_400_and_asks_for_one(world, client_for):
    cast, request, _tuesday = world
    for person, name in ((cast.member, "book"), (cast.coordinator, "coord_request")):
        response = client_for(person).post(
            reverse(f"appointments:{name}", args=[request.public_id]), {"action": "book"}
        )
        assert response.status_code == 400
        assert "Choisissez un créneau." in _text(response)
    assert not Session.objects.exists()


def test_the_coordination_booking_a_taken_slot_is_told_on_its_page(world, client_for):
    cast, request, tuesday = world
    f.coordination_books(cast)
    f.book(cast, request, f.at(tuesday, 9))

    response = client_for(cast.coordinator).post(
        reverse("appointments:coord_request", args=[request.public_id]),
        {"action": "book", "starts_at": f.at(tuesday, 9).isoformat()},
    )

    assert response.status_code == 409
    assert "pas (ou plus) proposé" in _text(response)
    assert Session.objects.count() == 1


def test_an_urgent_session_in_the_past_is_refused_with_the_moment_typed_kept(world, client_for):
    cast, request, _tuesday = world
    yesterday = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()

    response = client_for(cast.coordinator).post(
        reverse("appointments:coord_request", args=[request.public_id]),
        {"action": "urgent", "urgent-starts_at": f"{yesterday}T10:15"},
    )

    assert response.status_code == 409
    assert "Ce moment est déjà passé." in _text(response)
    assert f'value="{yesterday}T10:15"' in _text(response)
    assert not Session.objects.exists()


def test_cancelling_someone_elses_session_stays_not_found(world, client_for):
    cast, request, tuesday = world
    session = f.book(cast, request, f.at(tuesday, 9))
    for person in (cast.other_member, cast.other_helper):
        response = client_for(person).post(
            reverse("appointments:cancel", args=[session.public_id]), {"reason": "Piège"}
        )
        assert response.status_code == 404
    session.refresh_from_db()
    assert session.status == SessionStatus.BOOKED


def test_a_cancellation_refused_shows_the_page_again_with_the_reason_typed_kept(world, client_for):
    cast, request, tuesday = world
    session = f.book(cast, request, f.at(tuesday, 9))
    with time_machine.travel(f.at(tuesday, 9, 10)):
        response = client_for(cast.member).post(
            reverse("appointments:cancel", args=[session.public_id]),
            {"reason": "Oubli de ma part"},
        )

    assert response.status_code == 409
    assert "il ne peut plus être annulé" in _text(response)
    assert "Oubli de ma part" in _text(response)
    session.refresh_from_db()
    assert session.status == SessionStatus.BOOKED


def test_a_cancellation_without_reason_answers_400(world, client_for):
    cast, request, tuesday = world
    session = f.book(cast, request, f.at(tuesday, 9))
    response = client_for(cast.member).post(
        reverse("appointments:cancel", args=[session.public_id]), {"reason": ""}
    )
    assert response.status_code == 400
    session.refresh_from_db()
    assert session.status == SessionStatus.BOOKED


@pytest.mark.parametrize(
    ("name", "words"), [("no_show", "une absence se note après"), ("done", "sa tenue se note")]
)
def test_a_helpers_note_before_the_session_is_refused_above_the_list(
    world, client_for, name, words
):
    cast, request, tuesday = world
    session = f.book(cast, request, f.at(tuesday, 9))

    response = client_for(cast.helper).post(
        reverse(f"appointments:{name}", args=[session.public_id])
    )

    assert response.status_code == 409
    page = _text(response)
    assert ALERT in page and words in page
    assert request.reference in page  # the list is shown again, as it is
    session.refresh_from_db()
    assert session.status == SessionStatus.BOOKED


def test_reloading_a_refused_buttons_address_leads_back_to_the_list(world, client_for):
    cast, request, tuesday = world
    session = f.book(cast, request, f.at(tuesday, 9))
    response = client_for(cast.helper).get(
        reverse("appointments:no_show", args=[session.public_id])
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("appointments:mine")


def test_call_details_refused_after_the_start_change_nothing(world, client_for):
    cast, request, tuesday = world
    session = f.book(cast, request, f.at(tuesday, 9))
    with time_machine.travel(f.at(tuesday, 9, 5)):
        response = client_for(cast.helper).post(
            reverse("appointments:remote_details", args=[session.public_id]),
            {"remote_details": "https://visio.example.org/tard"},
        )

    assert response.status_code == 409
    assert ALERT in _text(response) and "avant l’entretien" in _text(response)
    session.refresh_from_db()
    assert session.remote_details == ""


def test_call_details_too_long_answer_400_with_what_was_typed_kept(world, client_for):
    cast, request, tuesday = world
    session = f.book(cast, request, f.at(tuesday, 9))
    typed = "https://visio.example.org/" + "a" * 480
    response = client_for(cast.helper).post(
        reverse("appointments:remote_details", args=[session.public_id]),
        {"remote_details": typed},
    )

    assert response.status_code == 400
    assert ALERT in _text(response) and "500 caractères" in _text(response)
    assert f'value="{typed}"' in _text(response)
    session.refresh_from_db()
    assert session.remote_details == ""


def test_a_next_step_before_the_session_was_held_is_refused(world, client_for):
    cast, request, tuesday = world
    session = f.book(cast, request, f.at(tuesday, 9))
    response = client_for(cast.helper).post(
        reverse("appointments:propose", args=[session.public_id]), {"step": "follow_up"}
    )
    assert response.status_code == 409
    assert "une fois, après un entretien tenu" in _text(response)
    session.refresh_from_db()
    assert session.next_step == ""


def test_a_second_questionnaire_is_refused_with_what_was_typed_kept(world, client_for):
    cast, request, tuesday = world
    session = f.book(cast, request, f.at(tuesday, 9))
    with time_machine.travel(f.at(tuesday, 10)):
        session = services.mark_done(session=session, by=cast.helper)
    services.give_feedback(session=session, by=cast.helper, data={"difficulties": "Premier"})

    response = client_for(cast.helper).post(
        reverse("appointments:feedback", args=[session.public_id]),
        {"difficulties": "Second essai", "improvements": ""},
    )

    assert response.status_code == 409
    assert "Ce retour est déjà donné." in _text(response)
    assert "Second essai" in _text(response)
    assert HelperFeedback.objects.get().difficulties == "Premier"


def test_removing_a_slot_that_is_not_ones_own_stays_not_found(world, client_for):
    cast, _request, _tuesday = world
    slot = Availability.objects.filter(helper=cast.helper).first()
    response = client_for(cast.other_helper).post(
        reverse("appointments:remove_slot", args=[slot.pk])
    )
    assert response.status_code == 404
    assert Availability.objects.filter(pk=slot.pk).exists()


def test_an_absence_ending_before_it_starts_is_refused_with_the_dates_kept(world, client_for):
    cast, _request, tuesday = world
    later = (tuesday + datetime.timedelta(days=3)).isoformat()
    response = client_for(cast.helper).post(
        reverse("appointments:availability"),
        {"kind": "absence", "absence-starts_on": later, "absence-ends_on": tuesday.isoformat()},
    )
    assert response.status_code == 409
    assert "La fin de l’absence précède son début." in _text(response)
    assert f'value="{later}"' in _text(response)


def test_an_empty_questionnaire_is_refused_and_nothing_is_kept(world, client_for):
    cast, request, tuesday = world
    session = f.book(cast, request, f.at(tuesday, 9))
    with time_machine.travel(f.at(tuesday, 10)):
        session = services.mark_done(session=session, by=cast.helper)

    response = client_for(cast.helper).post(
        reverse("appointments:feedback", args=[session.public_id]),
        {"difficulties": "  ", "improvements": ""},
    )

    assert response.status_code == 409
    assert "au moins une des deux questions" in _text(response)
    assert not HelperFeedback.objects.exists()


def test_the_questionnaire_page_says_it_was_given_instead_of_offering_a_form(world, client_for):
    cast, request, tuesday = world
    session = f.book(cast, request, f.at(tuesday, 9))
    with time_machine.travel(f.at(tuesday, 10)):
        session = services.mark_done(session=session, by=cast.helper)
    services.give_feedback(session=session, by=cast.helper, data={"difficulties": "Premier"})

    page = _text(
        client_for(cast.helper).get(reverse("appointments:feedback", args=[session.public_id]))
    )

    assert "déjà enregistré" in page
    assert 'name="difficulties"' not in page


def test_the_cancel_page_of_a_held_session_offers_no_form(world, client_for):
    cast, request, tuesday = world
    session = f.book(cast, request, f.at(tuesday, 9))
    with time_machine.travel(f.at(tuesday, 10)):
        services.mark_done(session=session, by=cast.helper)
        page = _text(
            client_for(cast.member).get(reverse("appointments:cancel", args=[session.public_id]))
        )

    assert "ne peut plus être annulé" in page
    assert 'name="reason"' not in page


def test_the_cancel_page_warns_the_member_before_a_late_cancellation(world, client_for):
    cast, request, tuesday = world
    session = f.book(cast, request, f.at(tuesday, 9))
    url = reverse("appointments:cancel", args=[session.public_id])
    with time_machine.travel(f.at(tuesday, 9) - datetime.timedelta(hours=20)):
        soon = _text(client_for(cast.member).get(url))
    with time_machine.travel(f.at(tuesday, 9) - datetime.timedelta(days=4)):
        early = _text(client_for(cast.member).get(url))

    assert "annulé maintenant, il reste dû" in soon
    assert "annulé maintenant, il reste dû" not in early
