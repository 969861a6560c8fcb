"""Only accredited helpers are suggested, routed, booked or publish slots (issue #19): one
decision (accreditation.selectors), asked by helprequests and appointments."""

import datetime

import pytest

from accreditation import selectors
from accreditation.models import Accreditation, Status
from appointments import permissions as appointment_permissions
from appointments import services as appointment_services
from appointments import slots
from appointments.errors import AppointmentError
from appointments.selectors import partners_for
from appointments.tests import factories as af
from helprequests import services as request_services
from helprequests.errors import RequestError
from helprequests.models import Status as RequestStatus
from helprequests.selectors import suggested_helpers
from members.models import Profile

from . import factories as f

pytestmark = pytest.mark.django_db

NOT_WORKING = [Status.PAUSED, Status.SUSPENDED, Status.WITHDRAWN]


def set_status(user, status):
    """The state alone, without the services' hand-back: what each door must refuse by itself."""
    Accreditation.objects.update_or_create(helper=user, defaults={"status": status})


def test_a_helper_without_any_accreditation_row_is_accredited():
    cast, _request = f.cast_with()
    assert selectors.is_accredited(cast.helper)
    assert cast.helper in selectors.accredited_helpers()
    assert not selectors.is_accredited(cast.member)


@pytest.mark.parametrize("status", NOT_WORKING)
def test_only_accredited_helpers_are_suggested_for_routing(status):
    cast, request = f.cast_with()
    set_status(cast.other_helper, status)

    suggested = suggested_helpers(request, cast.coordinator)

    assert cast.helper in suggested
    assert cast.other_helper not in suggested


@pytest.mark.parametrize("status", NOT_WORKING)
def test_a_request_cannot_be_routed_to_a_helper_who_may_not_work(status):
    cast, request = f.cast_with()
    set_status(cast.helper, status)

    with pytest.raises(RequestError):
        request_services.route_request(request=request, by=cast.coordinator, helpers=[cast.helper])

    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED


def test_a_reinstated_helper_can_be_routed_again():
    cast, request = f.cast_with()
    set_status(cast.helper, Status.ACCREDITED)
    request_services.route_request(request=request, by=cast.coordinator, helpers=[cast.helper])
    request.refresh_from_db()
    assert request.status == RequestStatus.ROUTED


@pytest.mark.parametrize("status", NOT_WORKING)
def test_a_helper_who_may_not_work_cannot_publish_a_slot(status):
    cast, _request = f.cast_with()
    set_status(cast.helper, status)

    with pytest.raises(AppointmentError):
        af.weekly(cast.helper, 1, 9)
    with pytest.raises(AppointmentError):
        appointment_services.add_single_slot(
            helper=cast.helper, date=af.next_weekday(2), start_time=datetime.time(10)
        )


@pytest.mark.parametrize("status", NOT_WORKING)
def test_the_slots_of_a_helper_who_may_not_work_are_not_offered_nor_booked(status):
    cast, request = f.taken()
    af.weekly(cast.helper, 1, 9)
    tuesday = af.next_weekday(1)
    assert slots.offers(cast.helper, tuesday, tuesday)
    set_status(cast.helper, status)

    assert slots.offers(cast.helper, tuesday, tuesday) == []
    with pytest.raises(AppointmentError):
        af.book(cast, request, af.at(tuesday, 9))
    assert not appointment_permissions.may_offer(cast.helper, request)


def test_an_urgent_session_outside_the_slots_is_refused_too():
    cast, request = f.taken()
    set_status(cast.helper, Status.SUSPENDED)
    with pytest.raises(AppointmentError):
        appointment_services.book_session(
            request=request,
            starts_at=af.at(af.next_weekday(3), 15),
            by=cast.coordinator,
            outside_slots=True,
        )


def test_a_shared_slot_is_not_offered_while_the_partner_is_paused_and_the_partner_is_not_offered():
    cast, request = f.taken()
    partner = cast.other_helper
    Profile.objects.create(user=partner, status="active")
    assert partner in partners_for(cast.helper)
    tuesday = af.next_weekday(1)
    appointment_services.add_weekly_slot(
        helper=cast.helper, weekday=1, start_time=datetime.time(9), partner=partner
    )
    assert slots.offers(cast.helper, tuesday, tuesday)

    set_status(partner, Status.PAUSED)

    assert partner not in partners_for(cast.helper)
    assert slots.offers(cast.helper, tuesday, tuesday) == []
