"""Two people acting on the same request at the same moment (PostgreSQL, real row locks).

Each service reads the request again under SELECT … FOR UPDATE: the second waits for the first
to commit, then sees the new state and is refused with a clear message. Exactly one succeeds;
the history and the version count one step. SQLite has no row locks (it serialises whole
writes), so this module runs on PostgreSQL, as CI does.
"""

import pytest
from django.db import connection

from helprequests import services
from helprequests.errors import RequestError
from helprequests.models import HelpRequest, Routing, RoutingStatus, Status, Transition
from members.tests import factories as people
from tests.routes import race as shared_race

from .factories import Cast, helper

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks (select_for_update) need PostgreSQL; CI runs this suite on it",
    ),
    pytest.mark.django_db(transaction=True),
]


def race(*actions):
    """The shared race (tests/routes.py): "ok" for an action that went through, else its refusal."""
    results = shared_race(*actions, refused=RequestError)
    return [result if isinstance(result, RequestError) else "ok" for result in results]


def test_two_coordinators_acknowledging_at_once_make_one_step():
    cast = Cast.create()
    request = cast.request_in(Status.SUBMITTED)
    second = people.coordinator()
    version = request.version

    results = race(
        lambda: services.acknowledge_request(request=request, by=cast.coordinator, version=version),
        lambda: services.acknowledge_request(request=request, by=second, version=version),
    )

    assert sorted(r == "ok" for r in results) == [False, True]
    assert isinstance([r for r in results if r != "ok"][0], RequestError)
    request.refresh_from_db()
    assert request.status == Status.ACKNOWLEDGED
    assert request.version == version + 1
    assert Transition.objects.filter(request=request, action="acknowledge").count() == 1


def test_two_helpers_accepting_at_once_leave_one_helper_on_the_request():
    cast = Cast.create()
    request = cast.request_in(Status.ACCEPTED)
    second = helper()
    services.route_request(request=request, by=cast.coordinator, helpers=[cast.helper, second])
    first_routing = Routing.objects.get(request=request, helper=cast.helper)
    second_routing = Routing.objects.get(request=request, helper=second)

    results = race(
        lambda: services.accept_routing(routing=first_routing, by=cast.helper),
        lambda: services.accept_routing(routing=second_routing, by=second),
    )

    assert sorted(r == "ok" for r in results) == [False, True]
    request = HelpRequest.objects.get(pk=request.pk)
    assert request.status == Status.TAKEN
    statuses = sorted(Routing.objects.filter(request=request).values_list("status", flat=True))
    assert statuses == sorted([RoutingStatus.ACCEPTED, RoutingStatus.WITHDRAWN])
    assert Transition.objects.filter(request=request, action="accept_routing").count() == 1
    assert request.version == Transition.objects.filter(request=request).count()


def test_a_member_withdrawing_while_a_coordinator_acknowledges_leaves_a_consistent_request():
    cast = Cast.create()
    request = cast.request_in(Status.SUBMITTED)

    results = race(
        lambda: services.acknowledge_request(request=request, by=cast.coordinator),
        lambda: services.withdraw_request(request=request, by=cast.member),
    )

    request.refresh_from_db()
    assert "ok" in results
    assert request.version == Transition.objects.filter(request=request).count()
    assert request.status in (Status.ACKNOWLEDGED, Status.WITHDRAWN)
