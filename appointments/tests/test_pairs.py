"""Listeners in pairs (R-P3): a helper publishes a slot with a partner; it shows in both helpers'
availability and weeks; a session booked on it holds both, whichever of the two took the
request; the co-helper acts on it like the helper; neither is booked twice at that time; only
the publisher removes the slot."""

import datetime

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from appointments import services, slots
from appointments.errors import AppointmentError
from appointments.models import Availability, HelperFeedback, Session, SessionStatus
from members import privacy
from members.models import Profile
from members.tests import factories as people

from . import factories as f

pytestmark = pytest.mark.django_db

NINE = datetime.time(9)


@pytest.fixture
def pair():
    """(cast, request, partner_cast, partner_request, tuesday): two requests, each taken by one
    of a pair, and a Tuesday 9:00 weekly slot the first helper shares with the second."""
    cast, request = f.taken()
    partner_cast, partner_request = f.taken()
    services.add_weekly_slot(
        helper=cast.helper, weekday=1, start_time=NINE, partner=partner_cast.helper
    )
    return cast, request, partner_cast, partner_request, f.next_weekday(1)


def test_a_shared_slot_is_offered_by_both_helpers(pair):
    cast, _request, partner_cast, _partner_request, tuesday = pair
    for helper in (cast.helper, partner_cast.helper):
        offers = slots.offers(helper, tuesday, tuesday)
        assert [o.moment for o in offers] == [f.at(tuesday, 9)]
    assert slots.offers(cast.helper, tuesday, tuesday)[0].co_helper_id == partner_cast.helper.pk
    assert slots.offers(partner_cast.helper, tuesday, tuesday)[0].co_helper_id == cast.helper.pk


def test_a_session_on_a_shared_slot_holds_both_helpers(pair):
    cast, request, partner_cast, _partner_request, tuesday = pair
    session = f.book(cast, request, f.at(tuesday, 9))
    assert (session.helper, session.co_helper) == (cast.helper, partner_cast.helper)
    for helper in (cast.helper, partner_cast.helper):
        assert slots.free_slots(helper, tuesday, tuesday) == []


def test_the_request_taken_by_the_partner_books_the_same_slot_the_other_way(pair):
    cast, _request, partner_cast, partner_request, tuesday = pair
    session = f.book(partner_cast, partner_request, f.at(tuesday, 9))
    assert (session.helper, session.co_helper) == (partner_cast.helper, cast.helper)


def test_once_booked_from_one_request_the_shared_slot_is_refused_to_the_other(pair):
    cast, request, partner_cast, partner_request, tuesday = pair
    f.book(cast, request, f.at(tuesday, 9))
    with pytest.raises(AppointmentError) as refused:
        f.book(partner_cast, partner_request, f.at(tuesday, 9))
    assert refused.value.code == "not_offered"
    assert Session.objects.count() == 1


def test_a_shared_slot_is_not_offered_while_the_partner_is_away_or_busy(pair):
    cast, _request, partner_cast, partner_request, tuesday = pair
    services.add_absence(helper=partner_cast.helper, starts_on=tuesday, ends_on=tuesday)
    assert slots.free_slots(cast.helper, tuesday, tuesday) == []
    Availability.objects.filter(helper=partner_cast.helper).delete()
    partner_cast.helper.absences.all().delete()
    # The partner's urgent session at 9:30 takes the shared 9:00 too.
    f.coordination_books(partner_cast, allowed=False)
    services.book_session(
        request=partner_request,
        starts_at=f.at(tuesday, 9, 30),
        by=partner_cast.coordinator,
        outside_slots=True,
    )
    assert slots.free_slots(cast.helper, tuesday, tuesday) == []


def test_a_shared_slot_ends_with_the_partners_account(pair):
    cast, _request, partner_cast, _partner_request, tuesday = pair
    partner_cast.helper.is_active = False
    partner_cast.helper.save()
    assert slots.free_slots(cast.helper, tuesday, tuesday) == []


def test_a_shared_slot_may_not_overlap_a_slot_of_the_partner(pair):
    cast, _request, partner_cast, _partner_request, _tuesday = pair
    other = f.Cast.create().helper
    with pytest.raises(AppointmentError, match="binôme"):
        services.add_weekly_slot(
            helper=other, weekday=1, start_time=datetime.time(9, 30), partner=partner_cast.helper
        )
    with pytest.raises(AppointmentError, match="chevauche"):
        services.add_weekly_slot(helper=partner_cast.helper, weekday=1, start_time=NINE)


def test_the_partner_is_another_active_helper():
    cast = f.Cast.create()
    former = f.Cast.create().helper
    former.is_active = False
    former.save()
    for partner in (cast.helper, cast.member, former):
        with pytest.raises(AppointmentError, match="binôme") as refused:
            services.add_single_slot(
                helper=cast.helper,
                date=f.next_weekday(2),
                start_time=NINE,
                partner=partner,
            )
        assert refused.value.code == "partner"
    assert not Availability.objects.exists()


def test_the_pair_shares_the_sessions_work(pair, client_for):
    """Both see the session, either marks it held, one questionnaire for the two."""
    cast, request, partner_cast, _partner_request, tuesday = pair
    session = f.book(cast, request, f.at(tuesday, 9))
    page = client_for(partner_cast.helper).get(reverse("appointments:mine")).content.decode()
    assert request.reference in page
    assert "Vous l’assurez en binôme." in page

    with time_machine.travel(f.at(tuesday, 10)):
        client = client_for(partner_cast.helper)
        client.post(reverse("appointments:done", args=[session.public_id]))
        session.refresh_from_db()
        assert session.status == SessionStatus.DONE
        client.post(
            reverse("appointments:feedback", args=[session.public_id]),
            {"difficulties": "À deux, c’était plus simple.", "improvements": ""},
        )
        with pytest.raises(AppointmentError, match="déjà donné"):
            services.give_feedback(session=session, by=cast.helper, data={"difficulties": "Encore"})
    assert HelperFeedback.objects.get(session=session).difficulties.startswith("À deux")


def test_cancelling_a_pairs_session_tells_both_helpers(
    pair, mailbox, django_capture_on_commit_callbacks
):
    cast, request, partner_cast, _partner_request, tuesday = pair
    session = f.book(cast, request, f.at(tuesday, 9))
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_session(session=session, by=cast.member, reason="Empêchement")
    recipients = {message["To"] for message in mailbox}
    assert {cast.helper.email, partner_cast.helper.email} <= recipients


def test_the_shared_slot_shows_in_both_pages_and_only_its_publisher_removes_it(pair, client_for):
    cast, _request, partner_cast, _partner_request, tuesday = pair
    slot = Availability.objects.get()
    partner_name = privacy.person_for(
        cast.helper, partner_cast.helper, context=privacy.LISTING
    ).name
    url = reverse("appointments:availability")
    remove = reverse("appointments:remove_slot", args=[slot.pk])

    own_page = client_for(cast.helper).get(url).content.decode()
    partner_client = client_for(partner_cast.helper)
    partner_page = partner_client.get(url).content.decode()

    assert f"en binôme avec {partner_name}" in own_page and remove in own_page
    assert "en binôme avec vous" in partner_page and remove not in partner_page
    week_page = partner_client.get(url, {"semaine": tuesday.isoformat()}).content.decode()
    week = week_page.split('id="week-title"')[1].split("</section>")[0]
    assert "Libres : 09:00" in week
    assert partner_client.post(remove).status_code == 404
    assert Availability.objects.filter(pk=slot.pk).exists()
    client_for(cast.helper).post(remove)
    assert not Availability.objects.exists()


def test_the_partner_is_chosen_by_the_name_privacy_gives(client_for):
    cast = f.Cast.create()
    partner = f.Cast.create().helper
    Profile.objects.filter(user=partner).update(display_name="Binôme Béa")
    partner = type(partner).objects.get(pk=partner.pk)
    page = client_for(cast.helper).get(reverse("appointments:availability")).content.decode()
    name = privacy.person_for(cast.helper, partner, context=privacy.LISTING).name

    assert f'value="{partner.pk}">{name}</option>' in page
    assert partner.email not in page

    response = client_for(cast.helper).post(
        reverse("appointments:availability"),
        {
            "kind": "single",
            "single-date": f.next_weekday(2).isoformat(),
            "single-start_time": "14:00",
            "single-partner": str(partner.pk),
        },
    )
    assert response.status_code == 302
    assert Availability.objects.get().partner == partner


def test_only_other_active_helpers_are_offered_as_partners(client_for):
    cast = f.Cast.create()
    page = client_for(cast.helper).get(reverse("appointments:availability")).content.decode()
    options = page.split('name="single-partner"')[1].split("</select>")[0]
    # The member, the helper themself, a helper without an active membership.
    for person in (cast.member, cast.helper, cast.other_helper):
        assert f'value="{person.pk}"' not in options


# --- The database's word, whatever the code path ------------------------------------------------


def _session(request, helper, co_helper, moment):
    return Session(
        request=request,
        helper=helper,
        co_helper=co_helper,
        member=request.requester,
        starts_at=moment,
        duration_minutes=45,
        booked_at=timezone.now(),
    )


def test_the_database_refuses_the_pair_twice_at_one_time(pair):
    cast, request, partner_cast, partner_request, tuesday = pair
    moment = f.at(tuesday, 9)
    _session(request, cast.helper, partner_cast.helper, moment).save()
    with pytest.raises(IntegrityError), transaction.atomic():
        _session(partner_request, partner_cast.helper, cast.helper, moment).save()


def test_the_database_refuses_a_co_helper_twice_at_one_time(pair):
    cast, request, partner_cast, partner_request, tuesday = pair
    moment = f.at(tuesday, 9)
    third = people.UserFactory()
    _session(request, cast.helper, partner_cast.helper, moment).save()
    with pytest.raises(IntegrityError), transaction.atomic():
        _session(partner_request, third, partner_cast.helper, moment).save()


def test_the_coordinations_list_names_both_helpers_of_a_pairs_session(pair, client_for):
    cast, request, partner_cast, _partner_request, tuesday = pair
    Profile.objects.create(user=cast.coordinator, status="active")
    f.book(cast, request, f.at(tuesday, 9))
    name = privacy.person_for(cast.coordinator, partner_cast.helper, context=privacy.LISTING).name
    client = client_for(cast.coordinator)
    url = reverse("appointments:coordination")

    assert f"en binôme avec {name}" in client.get(url).content.decode()
    # Filtered by the partner, the session is theirs too.
    page = client.get(url, {"aidant": partner_cast.helper.pk}).content.decode()
    assert page.count('class="session-row"') == 1
