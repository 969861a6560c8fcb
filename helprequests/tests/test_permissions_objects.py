"""Object permissions (django-guardian) granted and revoked by the transitions (R-C9).

The member sees their own request from submission on, also once closed; a helper sees the
brief from routing and takes part from acceptance, and loses both when their routing ends and
at closure. Coordinators see everything through their group, never per object.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from guardian.models import UserObjectPermission

from helprequests import services
from helprequests.models import Status

from .factories import Cast, helper

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
