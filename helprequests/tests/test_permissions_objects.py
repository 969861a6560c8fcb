"""Object permissions (django-guardian) granted and revoked by the transitions (R-C9).

The member sees their own request from submission on, also once closed; a helper sees the
brief from routing and takes part from acceptance, and loses both when their routing ends and
at closure. Coordinators see everything through their group, never per object.

Guardian's rows are the only answer to "is this person the member or a helper of this
request" (helprequests.access): they follow the routings after every step, and a row taken
away denies access whatever the routing row still says.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.urls import reverse
from guardian.models import UserObjectPermission

from helprequests import permissions, selectors, services
from helprequests.errors import RequestError
from helprequests.models import HelpRequest, RoutingStatus, Status

from .factories import Cast, assert_rows_follow_routings, helper

VIEW = "helprequests.view_helprequest"
BRIEF = "helprequests.view_brief"
PART = "helprequests.take_part"


def perms(user, request):
    # A fresh user object: Django and guardian cache permissions on the instance.
    from members.models import User

    fresh = User.objects.get(pk=user.pk)
    return {p for p in (VIEW, BRIEF, PART) if fresh.has_perm(p, request)}


@pytest.fixture
def cast(db):
    return Cast.create()


def test_the_member_sees_their_request_from_submission_to_after_closure(cast):
    request = cast.request_in(Status.SUBMITTED)
    assert perms(cast.member, request) == {VIEW}
    assert perms(cast.other_member, request) == set()
    closed = cast.request_in(Status.CLOSED)
    assert perms(cast.member, closed) == {VIEW}


def test_a_helper_gets_the_brief_when_routed_and_takes_part_once_they_accept(cast):
    request = cast.request_in(Status.ACCEPTED)
    assert perms(cast.helper, request) == set()
    services.route_request(request=request, by=cast.coordinator, helpers=[cast.helper])
    assert perms(cast.helper, request) == {BRIEF}
    services.accept_routing(routing=cast.routing(request), by=cast.helper)
    assert perms(cast.helper, request) == {BRIEF, PART}
    assert perms(cast.other_helper, request) == set()


@pytest.mark.parametrize("how", ["decline", "step_aside_offered", "step_aside_taken"])
def test_a_helper_who_leaves_loses_everything_at_once(cast, how):
    request = cast.request_in(Status.ROUTED if how != "step_aside_taken" else Status.TAKEN)
    routing = cast.routing(request)
    if how == "decline":
        services.decline_routing(routing=routing, by=cast.helper)
    else:
        services.step_aside(routing=routing, by=cast.helper)
    assert perms(cast.helper, request) == set()


def test_other_offers_are_revoked_when_one_helper_takes_the_request(cast):
    request = cast.request_in(Status.ACCEPTED)
    second = helper()
    services.route_request(request=request, by=cast.coordinator, helpers=[cast.helper, second])
    assert perms(second, request) == {BRIEF}
    services.accept_routing(routing=cast.routing(request), by=cast.helper)
    assert perms(second, request) == set()


@pytest.mark.parametrize("status", [Status.WITHDRAWN, Status.REFERRED, Status.CLOSED])
def test_withdrawal_referral_and_closure_revoke_the_helper(cast, status):
    if status == Status.REFERRED:
        request = cast.request_in(Status.TAKEN)
        services.refer_to_national(request=request, by=cast.coordinator, note="National.")
    else:
        request = cast.request_in(status)
    assert perms(cast.helper, request) == set()
    assert perms(cast.member, request) == {VIEW}


def test_the_helper_keeps_access_after_resolution_until_closure(cast):
    request = cast.request_in(Status.RESOLVED)
    assert perms(cast.helper, request) == {BRIEF, PART}
    services.answer_questionnaire(
        request=request, by=cast.member, overall=4, timely=True, would_recommend=False
    )
    assert perms(cast.helper, request) == set()


def test_coordinators_hold_no_object_permission_but_their_group(cast):
    cast.request_in(Status.TAKEN)
    assert not UserObjectPermission.objects.filter(user=cast.coordinator).exists()


def test_visitors_hold_nothing_and_guardian_needs_no_anonymous_user(cast):
    request = cast.request_in(Status.TAKEN)
    from django.conf import settings
    from django.contrib.auth import get_user_model

    assert settings.ANONYMOUS_USER_NAME is None
    assert not get_user_model().objects.filter(email__iexact="anonymoususer").exists()
    visitor = AnonymousUser()
    assert not any(visitor.has_perm(p, request) for p in (VIEW, BRIEF, PART))


def test_the_rows_follow_the_routings_after_every_step_of_a_life(cast):
    second, third = helper(), helper()
    request = cast.request_in(Status.ACCEPTED)
    assert_rows_follow_routings(request)

    def then(step):
        step()
        assert_rows_follow_routings(request)

    then(
        lambda: services.route_request(
            request=request, by=cast.coordinator, helpers=[cast.helper, second, third]
        )
    )
    then(lambda: services.decline_routing(routing=cast.routing(request, second), by=second))
    then(lambda: services.step_aside(routing=cast.routing(request, third), by=third))
    then(lambda: services.accept_routing(routing=cast.routing(request), by=cast.helper))
    then(lambda: services.start_work(request=request, by=cast.helper))
    then(lambda: services.resolve_request(request=request, by=cast.helper))
    then(
        lambda: services.answer_questionnaire(
            request=request, by=cast.member, overall=5, timely=True, would_recommend=True
        )
    )
    then(lambda: services.erase_request_content(request=request))
    assert not UserObjectPermission.objects.filter(object_pk=str(request.pk)).exists()


@pytest.mark.parametrize(
    "end",
    ["withdraw", "refer", "step_aside_taken", "system_step_aside", "accept_withdraws_others"],
)
def test_the_rows_follow_the_routings_whichever_way_they_end(cast, end):
    request = cast.request_in(Status.ACCEPTED)
    second = helper()
    services.route_request(request=request, by=cast.coordinator, helpers=[cast.helper, second])
    services.accept_routing(routing=cast.routing(request), by=cast.helper)
    if end == "accept_withdraws_others":
        assert cast.routing(request, second).status == RoutingStatus.WITHDRAWN
    elif end == "withdraw":
        services.withdraw_request(request=request, by=cast.member)
    elif end == "refer":
        services.refer_to_national(request=request, by=cast.coordinator, note="National.")
    elif end == "step_aside_taken":
        services.step_aside(routing=cast.routing(request), by=cast.helper)
    else:
        services.step_aside(routing=cast.routing(request), by=None)
    assert_rows_follow_routings(request)


@pytest.fixture
def cut_off(cast):
    """A request the helper took, whose guardian rows for that helper were then taken away: the
    routing row still says "accepted"."""
    request = cast.request_in(Status.TAKEN)
    UserObjectPermission.objects.filter(user=cast.helper, object_pk=str(request.pk)).delete()
    assert cast.routing(request).status == RoutingStatus.ACCEPTED
    return HelpRequest.objects.get(pk=request.pk)


def test_a_helper_whose_rows_are_gone_reads_nothing_although_the_routing_says_accepted(
    cast, cut_off
):
    with pytest.raises(Http404):
        selectors.routing_for_helper(cast.helper, cut_off.public_id)
    assert list(selectors.routings_for_helper(cast.helper)) == []
    assert selectors.viewer_role(cut_off, cast.helper) is None
    for read in (selectors.brief_of, selectors.thread_of, selectors.history_of):
        with pytest.raises(Http404):
            read(cut_off, cast.helper)


def test_a_helper_whose_rows_are_gone_may_do_nothing_although_the_routing_says_accepted(
    cast, cut_off
):
    assert permissions.allowed_actions(cast.helper, cut_off) == set()
    with pytest.raises(RequestError):
        services.start_work(request=cut_off, by=cast.helper)
    with pytest.raises(RequestError):
        services.post_message(request=cut_off, by=cast.helper, body="Bonjour.")
    with pytest.raises(RequestError):
        services.step_aside(routing=cast.routing(cut_off), by=cast.helper)


def test_a_helper_whose_rows_are_gone_gets_404_on_every_page(cast, cut_off, client_for):
    client = client_for(cast.helper)
    kwargs = {"public_id": cut_off.public_id}
    assert client.get(reverse("helprequests:helper_brief", kwargs=kwargs)).status_code == 404
    listing = client.get(reverse("helprequests:helper_requests"))
    assert cut_off.reference not in listing.content.decode()
    posted = client.post(reverse("helprequests:post_message", kwargs=kwargs), {"body": "Bonjour."})
    assert posted.status_code == 404


def test_a_member_whose_row_is_gone_no_longer_reaches_their_request(cast):
    request = cast.request_in(Status.SUBMITTED)
    UserObjectPermission.objects.filter(user=cast.member, object_pk=str(request.pk)).delete()
    request = HelpRequest.objects.get(pk=request.pk)
    assert request.requester == cast.member
    with pytest.raises(Http404):
        selectors.request_for_member(cast.member, request.public_id)
    assert permissions.allowed_actions(cast.member, request) == set()
    with pytest.raises(RequestError):
        services.withdraw_request(request=request, by=cast.member)


def test_a_superuser_is_neither_the_member_nor_a_helper_of_a_request_without_rows(cast):
    """guardian's own checker says yes to everything for a superuser; the rows say who acts."""
    from members.tests.factories import UserFactory

    root = UserFactory(is_superuser=True)
    request = cast.request_in(Status.ROUTED)
    assert selectors.viewer_role(request, root) == permissions.COORDINATOR  # every role, by group
    with pytest.raises(Http404):
        selectors.routing_for_helper(root, request.public_id)
    with pytest.raises(Http404):
        selectors.request_for_member(root, request.public_id)
    assert not {"accept_routing", "withdraw"} & permissions.allowed_actions(root, request)
