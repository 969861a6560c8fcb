"""The pages: a member books from their request, cancels late; a helper publishes slots; the
coordination grants extra sessions and filters the list. Every action is a POST with CSRF."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from appointments import services
from appointments.models import Availability, QuotaExtension, Session, SessionStatus
from members.models import Profile

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    cast, request = f.taken()
    Profile.objects.create(user=cast.coordinator, status="active")
    f.weekly(cast.helper, 1, 9)
    return cast, request, f.next_weekday(1)


def test_the_request_page_shows_its_sessions_and_leads_to_the_booking_page(world, client_for):
    cast, request, tuesday = world
    f.book(cast, request, f.at(tuesday, 9))
    response = client_for(cast.member).get(reverse("helprequests:detail", args=[request.public_id]))
    page = response.content.decode()
    assert reverse("appointments:book", args=[request.public_id]) in page
    assert "Réservé" in page


def test_the_member_books_a_slot_in_one_click(world, client_for):
    cast, request, tuesday = world
    client = client_for(cast.member)
    url = reverse("appointments:book", args=[request.public_id])
    page = client.get(url).content.decode()
    moment = f.at(tuesday, 9)
    assert moment.isoformat() in page

    response = client.post(url, {"starts_at": moment.isoformat()}, follow=True)

    session = Session.objects.get()
    assert (session.starts_at, session.member) == (moment, cast.member)
    assert "est réservé" in response.content.decode()


def test_a_tampered_slot_is_refused_on_the_page(world, client_for):
    cast, request, tuesday = world
    url = reverse("appointments:book", args=[request.public_id])
    response = client_for(cast.member).post(url, {"starts_at": f.at(tuesday, 3).isoformat()})
    assert response.status_code == 409
    assert "pas (ou plus) proposé" in response.content.decode()
    assert not Session.objects.exists()


@pytest.mark.parametrize(("hours_before", "late"), [(20, True), (60, False)])
def test_a_slot_within_the_late_cancellation_delay_says_so_before_it_is_booked(
    world, client_for, hours_before, late
):
    """R-A3: booked less than the delay ahead, a session could no longer be cancelled freely;
    the member reads it on the slot and under the slots, before choosing."""
    cast, request, tuesday = world
    with time_machine.travel(f.at(tuesday, 9) - datetime.timedelta(hours=hours_before)):
        client = client_for(cast.member)
        page = client.get(reverse("appointments:book", args=[request.public_id])).content.decode()

    assert f.at(tuesday, 9).isoformat() in page
    assert ("dans moins de 48 heures : annulé, il compterait quand même" in page) is late
    assert ("Créneaux marqués d’un astérisque" in page) is late


def test_booking_on_someone_elses_request_is_not_found(world, client_for):
    cast, request, tuesday = world
    for person in (cast.other_member, cast.helper, cast.coordinator):
        response = client_for(person).post(
            reverse("appointments:book", args=[request.public_id]),
            {"starts_at": f.at(tuesday, 9).isoformat()},
        )
        assert response.status_code == 404
    assert not Session.objects.exists()


def test_a_member_cancelling_late_is_told_the_session_stays_due(world, client_for):
    cast, request, tuesday = world
    session = f.book(cast, request, f.at(tuesday, 9))
    with time_machine.travel(f.at(tuesday, 9) - datetime.timedelta(hours=20)):
        client = client_for(cast.member)  # logged in then: sessions time out when idle
        response = client.post(
            reverse("appointments:cancel", args=[session.public_id]),
            {"reason": "Réunion imprévue"},
            follow=True,
        )
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED_LATE
    assert "reste dû" in response.content.decode()


@pytest.mark.parametrize("hours", [48, 24])
def test_the_cancel_page_states_the_late_cancellation_delay_the_network_set(
    world, client_for, settings, hours
):
    settings.APPOINTMENT_LATE_CANCEL_HOURS = hours
    cast, request, tuesday = world
    session = f.book(cast, request, f.at(tuesday, 9))

    page = client_for(cast.member).get(reverse("appointments:cancel", args=[session.public_id]))

    assert f"moins de {hours} heures avant son début" in page.content.decode()


def test_my_sessions_lists_them_for_the_member_and_the_helper(world, client_for):
    cast, request, tuesday = world
    f.book(cast, request, f.at(tuesday, 9))
    for person in (cast.member, cast.helper):
        page = client_for(person).get(reverse("appointments:mine")).content.decode()
        assert request.reference in page
        assert "Annuler" in page
    assert (
        "Apolline" not in client_for(cast.helper).get(reverse("appointments:mine")).content.decode()
    )


def test_a_helper_publishes_and_removes_slots_and_sees_overlaps_refused(world, client_for):
    cast, _request, _tuesday = world
    client = client_for(cast.helper)
    url = reverse("appointments:availability")
    response = client.post(
        url, {"kind": "weekly", "weekly-weekday": "1", "weekly-start_time": "9:30"}
    )
    assert response.status_code == 409  # a valid form the rules refused
    assert "chevauche" in response.content.decode()

    response = client.post(
        url, {"kind": "weekly", "weekly-weekday": "4", "weekly-start_time": "17:00"}
    )
    assert response.status_code == 302
    slot = Availability.objects.get(weekday=4)
    client.post(reverse("appointments:remove_slot", args=[slot.pk]))
    assert not Availability.objects.filter(pk=slot.pk).exists()

    day = f.next_weekday(2).isoformat()
    response = client.post(
        url, {"kind": "absence", "absence-starts_on": day, "absence-ends_on": day}
    )
    assert response.status_code == 302
    assert "Absences" in client.get(url).content.decode()


def test_the_coordination_grants_extra_sessions_with_a_reason(world, client_for):
    cast, request, _tuesday = world
    client = client_for(cast.coordinator)
    url = reverse("appointments:coord_request", args=[request.public_id])
    response = client.post(
        url, {"action": "extend", "extension-extra": "2", "extension-reason": " "}
    )
    assert response.status_code == 400
    response = client.post(
        url, {"action": "extend", "extension-extra": "2", "extension-reason": "Sujet professionnel"}
    )
    assert response.status_code == 302
    assert QuotaExtension.objects.get().granted_by == cast.coordinator
    assert "Sujet professionnel" in client.get(url).content.decode()


def test_the_coordinations_request_page_has_a_plain_title(world, client_for):
    """The page's <title> is its name only: no form ever lands in the document's head."""
    cast, request, _tuesday = world
    page = client_for(cast.coordinator).get(
        reverse("appointments:coord_request", args=[request.public_id])
    )
    head = page.content.decode().split("</head>")[0]
    title = head.split("<title>")[1].split("</title>")[0]
    assert request.reference in title
    assert "<" not in title
    assert "<form" not in head


def test_the_coordination_books_for_the_member_from_the_request(world, client_for):
    cast, request, tuesday = world
    f.coordination_books(cast)
    client = client_for(cast.coordinator)
    url = reverse("appointments:coord_request", args=[request.public_id])
    assert f.at(tuesday, 9).isoformat() in client.get(url).content.decode()
    response = client.post(
        url, {"action": "book", "starts_at": f.at(tuesday, 9).isoformat()}, follow=True
    )
    assert Session.objects.get().booked_by == cast.coordinator
    # Said to the coordination as it is for them: the member and the helper are told.
    assert "Le membre et l’aidant·e reçoivent sa confirmation." in response.content.decode()


def test_where_the_organisation_does_not_allow_it_the_coordination_is_told_why(world, client_for):
    cast, request, tuesday = world
    client = client_for(cast.coordinator)
    url = reverse("appointments:coord_request", args=[request.public_id])

    page = client.get(url).content.decode()
    response = client.post(
        url, {"action": "book", "starts_at": f.at(tuesday, 9).isoformat()}, follow=True
    )

    assert "ne prévoit pas que la coordination réserve" in page
    assert f.at(tuesday, 9).isoformat() not in page
    assert 'name="starts_at"' not in page.split("slots-title")[1].split("</section>")[0]
    assert "Vous ne pouvez pas réserver pour cette demande" in response.content.decode()
    assert not Session.objects.exists()


def test_a_request_without_organisation_follows_the_networks_setting(world, client_for, settings):
    cast, _request, tuesday = world
    request = cast.submit(organisation=None)
    for step in ("acknowledge", "accept", "route", "accept_routing"):
        cast.step(request, step)
    client = client_for(cast.coordinator)
    url = reverse("appointments:coord_request", args=[request.public_id])

    settings.APPOINTMENT_COORDINATORS_BOOK_WITHOUT_ORGANISATION = False
    assert "Pour une demande sans organisation" in client.get(url).content.decode()
    settings.APPOINTMENT_COORDINATORS_BOOK_WITHOUT_ORGANISATION = True
    client.post(url, {"action": "book", "starts_at": f.at(tuesday, 9).isoformat()})
    assert Session.objects.get(request=request).booked_by == cast.coordinator


def test_urgent_sessions_stay_open_to_the_coordination_the_organisation_aside(world, client_for):
    cast, request, tuesday = world
    f.coordination_books(cast, allowed=False)
    client = client_for(cast.coordinator)
    url = reverse("appointments:coord_request", args=[request.public_id])

    assert "urgent-title" in client.get(url).content.decode()
    response = client.post(
        url, {"action": "urgent", "urgent-starts_at": f"{tuesday.isoformat()}T18:05"}
    )

    assert response.status_code == 302
    assert Session.objects.get().starts_at == f.at(tuesday, 18, 5)


def test_the_coordinations_list_filters_by_state(world, client_for):
    cast, request, tuesday = world
    kept = f.book(cast, request, f.at(tuesday, 9))
    f.weekly(cast.helper, 3, 9)
    from appointments import services

    gone = f.book(cast, request, f.at(tuesday + datetime.timedelta(days=2), 9))
    services.cancel_session(session=gone, by=cast.helper, reason="Imprévu")
    client = client_for(cast.coordinator)
    url = reverse("appointments:coordination")
    page = client.get(url, {"etat": "cancelled"}).content.decode()
    assert page.count('class="session-row"') == 1 and "Imprévu" in page
    page = client.get(url, {"aidant": cast.helper.pk, "date": str(tuesday)}).content.decode()
    assert page.count('class="session-row"') == 1
    assert kept.status == SessionStatus.BOOKED


def test_the_coordination_sets_an_urgent_session_at_a_paris_time(world, client_for):
    cast, request, tuesday = world
    client = client_for(cast.coordinator)
    url = reverse("appointments:coord_request", args=[request.public_id])
    response = client.post(
        url, {"action": "urgent", "urgent-starts_at": f"{tuesday.isoformat()}T18:05"}
    )
    assert response.status_code == 302
    assert Session.objects.get().starts_at == f.at(tuesday, 18, 5)


def test_a_helper_offering_fewer_than_five_weekly_slots_is_warned(world, client_for):
    cast, _request, _tuesday = world
    client = client_for(cast.helper)
    page = client.get(reverse("appointments:availability")).content.decode()
    assert "moins de 5 créneaux par semaine" in page
    for weekday in (0, 2, 3, 4):
        f.weekly(cast.helper, weekday, 11)
    page = client.get(reverse("appointments:availability")).content.decode()
    assert "availability-warning" not in page


def test_the_helper_fills_the_questionnaire_the_coordination_reads(world, client_for):
    cast, request, tuesday = world
    session = f.book(cast, request, f.at(tuesday, 9))
    from appointments import services

    with time_machine.travel(f.at(tuesday, 10)):
        services.mark_done(session=session, by=cast.helper)
    client = client_for(cast.helper)
    assert (
        reverse("appointments:feedback", args=[session.public_id])
        in client.get(reverse("appointments:mine")).content.decode()
    )
    client.post(
        reverse("appointments:feedback", args=[session.public_id]),
        {"difficulties": "Sujet lourd", "improvements": "Plus de temps"},
    )
    page = client_for(cast.coordinator).get(
        reverse("appointments:coord_request", args=[request.public_id])
    )
    assert "Sujet lourd" in page.content.decode()


def test_the_helper_gives_the_video_details_the_member_then_reads(world, client_for):
    cast, request, tuesday = world
    session = f.book(cast, request, f.at(tuesday, 9))
    url = reverse("appointments:remote_details", args=[session.public_id])
    client_for(cast.member).post(url, {"remote_details": "https://example.org/piege"})
    session.refresh_from_db()
    assert session.remote_details == ""
    client_for(cast.helper).post(url, {"remote_details": "https://visio.example.org/abc"})
    page = client_for(cast.member).get(reverse("appointments:mine")).content.decode()
    assert "https://visio.example.org/abc" in page


def test_a_cancelled_session_leaves_the_sessions_to_come(world, client_for):
    cast, request, tuesday = world
    kept = f.book(cast, request, f.at(tuesday, 9))
    gone = f.book(cast, request, f.at(tuesday + datetime.timedelta(days=7), 9))
    services.cancel_session(session=gone, by=cast.member, reason="Un empêchement.")

    page = client_for(cast.member).get(reverse("appointments:mine")).content.decode()
    to_come, rest = page.split("Passés ou annulés")

    assert f'id="entretien-{kept.public_id}"' in to_come
    assert f'id="entretien-{gone.public_id}"' in rest
