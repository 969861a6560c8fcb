"""The helper who took a request offers the member one of their slots with how to reach them
(R-P3), and the member's answer carries both (R-P4): through the pages, as each person would."""

import pytest
from django.urls import reverse

from appointments.models import Session
from tests.smtp import body_text

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    cast, request = f.taken()
    f.weekly(cast.helper, 1, 9)
    f.weekly(cast.other_helper, 1, 10)
    return cast, request, f.next_weekday(1)


def offer_url(request):
    return reverse("appointments:offer", args=[request.public_id])


def test_the_brief_page_leads_the_helper_who_took_the_request_to_the_offer(world, client_for):
    cast, request, _tuesday = world
    page = client_for(cast.helper).get(
        reverse("helprequests:helper_brief", args=[request.public_id])
    )
    assert offer_url(request) in page.content.decode()


def test_the_helper_offers_a_slot_and_the_member_reads_it_with_the_contact(
    world, client_for, mailbox, django_capture_on_commit_callbacks
):
    cast, request, tuesday = world
    helper = client_for(cast.helper)
    moment = f.at(tuesday, 9)
    page = helper.get(offer_url(request)).content.decode()
    assert moment.isoformat() in page
    assert f.at(tuesday, 10).isoformat() not in page  # the other helper's slot

    with django_capture_on_commit_callbacks(execute=True):
        response = helper.post(
            offer_url(request),
            {"starts_at": moment.isoformat(), "remote_details": "Ligne de l’écoute : 01 23 45"},
        )

    assert response.status_code == 302
    session = Session.objects.get()
    assert (session.starts_at, session.helper, session.member, session.booked_by) == (
        moment,
        cast.helper,
        cast.member,
        cast.helper,
    )
    told = [m for m in mailbox if m["To"] == cast.member.email]
    assert told and "proposé" in told[0]["Subject"]
    body = body_text(told[0])
    assert "01 23 45" not in body and cast.helper.last_name not in body
    # Both sides get the session for their calendar (R-K9), the helper who booked it too; the
    # call details travel only in the attached file.
    for message in (told[0], *[m for m in mailbox if m["To"] == cast.helper.email]):
        (attached,) = message.iter_attachments()
        assert attached.get_content_type() == "text/calendar"
        assert "01 23 45" in attached.get_content()
    assert cast.helper.email in {m["To"] for m in mailbox}
    assert cast.coordinator.email in {m["To"] for m in mailbox}  # R-A6

    member_page = client_for(cast.member).get(
        reverse("helprequests:detail", args=[request.public_id])
    )
    text = member_page.content.decode()
    assert "Ligne de l’écoute : 01 23 45" in text
    assert str(tuesday.day) in text


def test_an_offer_without_a_way_to_reach_the_helper_is_refused_and_keeps_the_choice(
    world, client_for
):
    cast, request, tuesday = world
    moment = f.at(tuesday, 9).isoformat()
    response = client_for(cast.helper).post(
        offer_url(request), {"starts_at": moment, "remote_details": "  "}
    )
    assert response.status_code == 400
    assert not Session.objects.exists()
    page = response.content.decode()
    assert f'value="{moment}" ' in page and "checked" in page


def test_a_slot_that_is_not_the_helpers_is_refused_on_the_page(world, client_for):
    cast, request, tuesday = world
    response = client_for(cast.helper).post(
        offer_url(request),
        {"starts_at": f.at(tuesday, 10).isoformat(), "remote_details": "Visio : lien envoyé"},
    )
    assert response.status_code == 409
    assert "pas (ou plus) proposé" in response.content.decode()
    assert "Visio : lien envoyé" in response.content.decode()
    assert not Session.objects.exists()


@pytest.mark.parametrize("who", ["other_helper", "member", "coordinator"])
def test_only_the_helper_who_took_the_request_offers(world, client_for, who):
    cast, request, tuesday = world
    client = client_for(getattr(cast, who))
    assert client.get(offer_url(request)).status_code in (403, 404)
    client.post(
        offer_url(request),
        {"starts_at": f.at(tuesday, 9).isoformat(), "remote_details": "01 23 45"},
    )
    assert not Session.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(world, client):
    _cast, request, _tuesday = world
    response = client.get(offer_url(request))
    assert response.status_code == 302 and "login" in response["Location"]
