"""Terms before the first session (R-K3) and the member's contribution (R-K4)."""

import pytest
from django.test import override_settings
from django.urls import reverse

from appointments import services
from appointments.errors import AppointmentError
from appointments.models import Session, TermsConfirmation
from helprequests.models import Status

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def unconfirmed():
    cast = f.Cast.create()
    request = cast.request_in(Status.TAKEN)
    f.weekly(cast.helper, 1, 9)
    return cast, request, f.at(f.next_weekday(1), 9)


def test_the_member_confirms_the_terms_before_the_first_booking(unconfirmed):
    cast, request, moment = unconfirmed
    with pytest.raises(AppointmentError, match="confirmez d’abord les conditions"):
        f.book(cast, request, moment)
    services.confirm_terms(request=request, by=cast.member)
    assert f.book(cast, request, moment).status == "booked"
    with pytest.raises(AppointmentError, match="déjà confirmées"):
        services.confirm_terms(request=request, by=cast.member)


def test_a_coordinator_may_book_before_the_terms_are_confirmed(unconfirmed):
    cast, request, moment = unconfirmed
    f.coordination_books(cast)
    request.refresh_from_db()
    f.book(cast, request, moment, by=cast.coordinator)
    assert Session.objects.count() == 1


def test_only_the_member_confirms_the_terms(unconfirmed):
    cast, request, _moment = unconfirmed
    for other in (cast.coordinator, cast.helper, cast.other_member):
        with pytest.raises(AppointmentError, match="Seul·e le membre"):
            services.confirm_terms(request=request, by=other)


@override_settings(APPOINTMENT_CONTRIBUTIONS=True, APPOINTMENT_USUAL_PRICE_EUR=60)
def test_a_financial_contribution_goes_from_one_euro_to_the_usual_price(unconfirmed):
    cast, request, _moment = unconfirmed
    for amount in (0, 61, None):
        with pytest.raises(AppointmentError, match="de 1 € à 60 €"):
            services.confirm_terms(
                request=request, by=cast.member, contribution="financial", amount_eur=amount
            )
    confirmation = services.confirm_terms(
        request=request, by=cast.member, contribution="financial", amount_eur=1
    )
    assert (confirmation.amount_eur, confirmation.usual_price_eur) == (1, 60)


def test_without_contributions_nothing_is_recorded_but_the_confirmation(unconfirmed):
    cast, request, _moment = unconfirmed
    confirmation = services.confirm_terms(
        request=request, by=cast.member, contribution="financial", amount_eur=30
    )
    assert (confirmation.contribution, confirmation.amount_eur) == ("none", None)


@override_settings(APPOINTMENT_CONTRIBUTIONS=True)
def test_the_booking_page_shows_the_terms_then_the_slots(unconfirmed, client_for):
    cast, request, moment = unconfirmed
    client = client_for(cast.member)
    url = reverse("appointments:book", args=[request.public_id])
    page = client.get(url).content.decode()
    assert "les conditions" in page and "Le prix habituel" in page
    assert moment.isoformat() not in page

    response = client.post(
        url,
        {
            "action": "terms",
            "terms-understood": "on",
            "terms-contribution": "financial",
            "terms-amount_eur": "5",
        },
    )
    assert response.status_code == 302
    assert TermsConfirmation.objects.get().amount_eur == 5
    page = client.get(url).content.decode()
    assert moment.isoformat() in page and "(5 €)" in page
