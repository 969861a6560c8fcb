"""Every action of the transition table, from every state, by every kind of person.

The expectation comes from helprequests.permissions.TRANSITIONS and from who each person is to
the request (its member, the helper it was routed to, a coordinator, the worker); the outcome
comes from calling the real service. An allowed action succeeds and records its step; a refused
one raises RequestError and changes nothing at all (compared with a snapshot of every row).
"""

from datetime import timedelta

import pytest
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone
from guardian.models import UserObjectPermission

from helprequests import permissions, services
from helprequests.errors import RequestError
from helprequests.models import (
    Alert,
    DelayNotice,
    HelpRequest,
    Message,
    Offer,
    OutcomeReport,
    RequestAccess,
    Routing,
    RoutingStatus,
    SatisfactionAnswer,
    Status,
    SupervisionShare,
    Transition,
)

from .factories import Cast, assert_rows_follow_routings, helper, in_days, outcome_kwargs

ROUTING_ACTIONS = {
    "accept_routing",
    "decline_routing",
    "step_aside",
    "give_member_consent",
    "withdraw_member_consent",
    "give_helper_consent",
}
# Actions that leave no step in the history (the thread and the access log are their record).
UNRECORDED = {"post_message", "record_access"}


def _routing(cast, request):
    routing = Routing.objects.filter(request=request, helper=cast.helper).first()
    if routing is None:
        # A routing the table must refuse to use in this state (e.g. answering an offer on a
        # request that was never routed).
        routing = Routing.objects.create(
            request=request, helper=cast.helper, routed_at=timezone.now()
        )
    return routing


def _prepare(cast, request, action):
    """What an action needs to exist before it can be tried (an alert to handle…)."""
    if action == "handle_alert":
        return Alert.objects.create(
            request=request,
            kind="danger",
            note="Propos inquiétants.",
            raised_by=cast.coordinator,
            raised_by_role="coordinator",
            raised_at=timezone.now(),
        )
    if action == "answer_offer":
        return Offer.objects.create(
            request=request,
            author=cast.helper,
            title="Accompagnement",
            description="Quatre séances.",
            usual_price=400,
            network_price=200,
            created_at=timezone.now(),
        )
    if action in ("answer_supervision", "share_summary"):
        return SupervisionShare.objects.create(
            request=request,
            helper=cast.helper,
            supervisor=cast.extra["spare"],
            asked_at=timezone.now(),
            member_agreed_at=timezone.now() if action == "share_summary" else None,
        )
    if action in ROUTING_ACTIONS:
        routing = _routing(cast, request)
        if action == "withdraw_member_consent":
            routing.member_consent_at = timezone.now()
            routing.save()
        return routing
    return None


def _call(action, cast, request, user, thing):
    spare = cast.extra["spare"]
    calls = {
        "withdraw": lambda: services.withdraw_request(request=request, by=user),
        "acknowledge": lambda: services.acknowledge_request(request=request, by=user),
        "accept": lambda: services.accept_request(
            request=request, by=user, promised_by=in_days(10)
        ),
        "decline": lambda: services.decline_request(
            request=request, by=user, reason="Hors du champ.", referral="Un autre réseau."
        ),
        "route": lambda: services.route_request(request=request, by=user, helpers=[spare]),
        "refer": lambda: services.refer_to_national(request=request, by=user, note="National."),
        "announce_delay": lambda: services.announce_delay(
            request=request, by=user, new_date=in_days(30), reason="Un congé imprévu."
        ),
        "record_access": lambda: services.record_access(request=request, viewer=user),
        "accept_routing": lambda: services.accept_routing(routing=thing, by=user),
        "decline_routing": lambda: services.decline_routing(routing=thing, by=user),
        "step_aside": lambda: services.step_aside(routing=thing, by=user, note="Je la connais."),
        "start_work": lambda: services.start_work(request=request, by=user),
        "resolve": lambda: services.resolve_request(request=request, by=user),
        "give_member_consent": lambda: services.give_member_consent(routing=thing, by=user),
        "withdraw_member_consent": lambda: services.withdraw_member_consent(routing=thing, by=user),
        "give_helper_consent": lambda: services.give_helper_consent(routing=thing, by=user),
        "post_message": lambda: services.post_message(request=request, by=user, body="Bonjour."),
        "raise_alert": lambda: services.raise_alert(
            request=request, by=user, kind="danger", note="Menaces rapportées."
        ),
        "handle_alert": lambda: services.handle_alert(alert=thing, by=user, note="Appel fait."),
        "file_outcome": lambda: services.file_outcome(request=request, by=user, **outcome_kwargs()),
        "ask_for_offers": lambda: services.ask_for_offers(request=request, by=user),
        "make_offer": lambda: services.make_offer(
            request=request,
            by=user,
            title="Accompagnement",
            description="Quatre séances.",
            usual_price="400",
            network_price="150",
        ),
        "answer_offer": lambda: services.answer_offer(offer=thing, by=user, accept=True),
        "answer_questionnaire": lambda: services.answer_questionnaire(
            request=request, by=user, overall=5, timely=True, would_recommend=True
        ),
        "close": lambda: services.close_request(request=request, by=user),
        "ask_supervision": lambda: services.ask_supervision(
            request=request, by=user, supervisor=spare
        ),
        "answer_supervision": lambda: services.answer_supervision(share=thing, by=user, agree=True),
        "share_summary": lambda: services.share_summary(
            share=thing, by=user, summary="Une personne en difficulté avec sa hiérarchie."
        ),
    }
    return calls[action]()


def snapshot(request):
    """Every row a service could touch, as plain values."""
    request = HelpRequest.objects.get(pk=request.pk)
    return {
        "request": model_to_dict(request),
        "transitions": list(Transition.objects.filter(request=request).values()),
        "routings": list(Routing.objects.filter(request=request).order_by("pk").values()),
        "messages": Message.objects.filter(request=request).count(),
        "alerts": list(Alert.objects.filter(request=request).order_by("pk").values()),
        "offers": list(Offer.objects.filter(request=request).order_by("pk").values()),
        "outcome": list(OutcomeReport.objects.filter(request=request).values()),
        "satisfaction": list(SatisfactionAnswer.objects.filter(request=request).values()),
        "supervision": list(SupervisionShare.objects.filter(request=request).values()),
        "delays": DelayNotice.objects.filter(request=request).count(),
        "accesses": RequestAccess.objects.filter(request=request).count(),
        "perms": sorted(
            UserObjectPermission.objects.filter(object_pk=str(request.pk)).values_list(
                "user_id", "permission__codename"
            )
        ),
    }


def expected_role(action, cast, request, who, user, thing):
    """Who the person is to the request, read from the test's cast, and the table's answer."""
    rule = permissions.TRANSITIONS[action]
    if who == "system":
        # The system acts from its own states, on a routing still in the rule's states.
        if permissions.SYSTEM not in rule.roles:
            return None
        if request.status not in rule.states(permissions.SYSTEM):
            return None
        if action in ROUTING_ACTIONS and thing.status not in rule.helper_routing:
            return None
        return permissions.SYSTEM
    if request.status not in rule.from_states:
        return None
    if who == "member" and permissions.MEMBER in rule.roles:
        return permissions.MEMBER
    if who == "helper" and permissions.HELPER in rule.roles:
        routing = Routing.objects.filter(request=request, helper=cast.helper).first()
        if routing is not None and routing.status in rule.helper_routing:
            return permissions.HELPER
    if who == "coordinator" and permissions.COORDINATOR in rule.roles:
        return permissions.COORDINATOR
    return None


@pytest.fixture
def cast(db):
    cast = Cast.create()
    cast.extra["spare"] = helper()
    return cast


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("action", sorted(permissions.TRANSITIONS))
def test_every_action_from_every_state_by_every_role(cast, status, action):
    request = cast.request_in(status)
    outcomes = {}
    for who, user in cast.roles().items():
        with transaction.atomic():
            thing = _prepare(cast, request, action)
            fresh = HelpRequest.objects.get(pk=request.pk)
            role = expected_role(action, cast, fresh, who, user, thing)
            before = snapshot(fresh)
            if role is None:
                with pytest.raises(RequestError):
                    _call(action, cast, fresh, user, thing)
                assert snapshot(fresh) == before, (who, action, status)
            else:
                _call(action, cast, fresh, user, thing)
                after = HelpRequest.objects.get(pk=request.pk)
                if action not in UNRECORDED:
                    step = Transition.objects.filter(request=request).latest("at", "pk")
                    assert step.action == action
                    assert step.actor == user
                    assert step.actor_role == role
                    assert step.from_status == status
                    assert after.version == fresh.version + 1
                rule = permissions.TRANSITIONS[action]
                if rule.to_state not in (None, permissions.DYNAMIC):
                    assert after.status == rule.to_state
                elif rule.to_state is None:
                    assert after.status == status
                # Guardian's rows follow the routings whatever the step (helprequests.access).
                assert_rows_follow_routings(after)
            outcomes[who] = role is not None
            transaction.set_rollback(True)
    # Nobody but the request's own people and coordinators is ever allowed anything.
    for outsider in ("other_member", "other_helper", "moderator", "editor"):
        assert outcomes[outsider] is False


def test_the_table_lets_each_state_be_left_or_marks_it_final():
    reachable = {rule.to_state for rule in permissions.TRANSITIONS.values()}
    assert Status.CLOSED in reachable
    for status in set(Status) - {Status.CLOSED}:
        assert any(
            status in rule.from_states and rule.to_state not in (None,)
            for rule in permissions.TRANSITIONS.values()
        ), status
    assert not any(
        Status.CLOSED in rule.from_states and rule.to_state
        for rule in permissions.TRANSITIONS.values()
    )


@pytest.mark.django_db
def test_submitting_is_for_members_and_for_coordinators_on_someone_s_behalf(cast):
    from .factories import request_data

    data = request_data(theme=cast.theme)
    for user in (cast.other_helper, cast.moderator, cast.editor, cast.member):
        request = services.submit_request(by=user, data=data)
        assert request.requester == user
        assert request.recorded_by is None
    recorded = services.submit_request(by=cast.coordinator, data=data, on_behalf_of=cast.member)
    assert recorded.requester == cast.member
    assert recorded.recorded_by == cast.coordinator
    step = recorded.transitions.get()
    assert (step.action, step.actor_role, step.actor) == (
        "record_for",
        "coordinator",
        cast.coordinator,
    )
    with pytest.raises(RequestError):
        services.submit_request(by=cast.member, data=data, on_behalf_of=cast.other_member)
    with pytest.raises(RequestError):
        services.submit_request(by=None, data=data)
    from members.tests.factories import UserFactory

    with pytest.raises(RequestError):
        services.submit_request(by=UserFactory(), data=data)


@pytest.mark.django_db
def test_a_stale_version_is_refused_and_changes_nothing(cast):
    request = cast.request_in(Status.SUBMITTED)
    version = request.version
    services.acknowledge_request(request=request, by=cast.coordinator, version=version)
    request.refresh_from_db()
    before = snapshot(request)
    with pytest.raises(RequestError) as error:
        services.accept_request(
            request=request, by=cast.coordinator, promised_by=in_days(5), version=version
        )
    assert "a changé depuis l’ouverture de cette page" in str(error.value.message)
    assert snapshot(request) == before
    # With the current version the same form goes through.
    services.accept_request(
        request=request, by=cast.coordinator, promised_by=in_days(5), version=request.version
    )


@pytest.mark.django_db
def test_a_tampered_version_is_refused(cast):
    request = cast.request_in(Status.SUBMITTED)
    for version in ("abc", "999", -1):
        with pytest.raises(RequestError):
            services.acknowledge_request(request=request, by=cast.coordinator, version=version)
    request.refresh_from_db()
    assert request.status == Status.SUBMITTED


@pytest.mark.django_db
def test_the_versions_of_a_request_follow_its_history(cast):
    request = cast.request_in(Status.IN_PROGRESS)
    assert request.version == request.transitions.count()


@pytest.mark.django_db
def test_a_helper_leaving_sends_the_request_back_to_the_coordination(cast):
    request = cast.request_in(Status.ACCEPTED)
    second = helper()
    services.route_request(request=request, by=cast.coordinator, helpers=[cast.helper, second])
    services.decline_routing(routing=cast.routing(request), by=cast.helper, note="Pas le temps.")
    request.refresh_from_db()
    assert request.status == Status.ROUTED  # the second helper still holds an offer
    services.step_aside(routing=cast.routing(request, second), by=second)
    request.refresh_from_db()
    assert request.status == Status.ACCEPTED
    # Neither is asked again; someone else may be.
    with pytest.raises(RequestError):
        services.route_request(request=request, by=cast.coordinator, helpers=[cast.helper])
    services.route_request(request=request, by=cast.coordinator, helpers=[cast.extra["spare"]])


@pytest.mark.django_db
def test_taking_a_request_withdraws_the_other_offers(cast):
    request = cast.request_in(Status.ACCEPTED)
    second = helper()
    services.route_request(request=request, by=cast.coordinator, helpers=[cast.helper, second])
    services.accept_routing(routing=cast.routing(request), by=cast.helper)
    assert cast.routing(request, second).status == RoutingStatus.WITHDRAWN
    with pytest.raises(RequestError):
        services.accept_routing(routing=cast.routing(request, second), by=second)


@pytest.mark.django_db
def test_a_helper_who_stepped_aside_after_taking_it_leaves_the_request_to_be_routed_again(cast):
    request = cast.request_in(Status.IN_PROGRESS)
    services.step_aside(routing=cast.routing(request), by=cast.helper)
    request.refresh_from_db()
    assert request.status == Status.ACCEPTED
    assert cast.routing(request).status == RoutingStatus.STEPPED_ASIDE


@pytest.mark.django_db
def test_the_system_withdraws_and_steps_aside_for_a_deleted_account(cast):
    """Account deletion acts through these services as the system (by=None, R-C8)."""
    taken = cast.request_in(Status.TAKEN)
    services.step_aside(routing=cast.routing(taken), by=None)
    taken.refresh_from_db()
    assert taken.status == Status.ACCEPTED
    resolved = cast.request_in(Status.RESOLVED)
    services.step_aside(routing=cast.routing(resolved), by=None)
    resolved.refresh_from_db()
    assert resolved.status == Status.RESOLVED  # the questionnaire is still awaited
    services.withdraw_request(request=taken, by=None)
    for request in (taken, resolved):
        step = request.transitions.order_by("at", "pk").filter(actor=None).first()
        assert (step.action, step.actor_role) == ("step_aside", permissions.SYSTEM)
    # A routing that has ended cannot end again, and a helper cannot leave a resolved request.
    with pytest.raises(RequestError):
        services.step_aside(routing=cast.routing(taken), by=None)
    with pytest.raises(RequestError):
        services.step_aside(routing=cast.routing(resolved), by=cast.helper)


@pytest.mark.django_db
def test_withdrawing_releases_every_helper(cast):
    request = cast.request_in(Status.TAKEN)
    services.withdraw_request(request=request, by=cast.member, note="Réglé entre-temps.")
    assert cast.routing(request).status == RoutingStatus.ENDED
    request.refresh_from_db()
    assert request.finished_at is not None


@pytest.mark.django_db
def test_closure_after_the_questionnaire_ends_the_routing(cast):
    request = cast.request_in(Status.CLOSED)
    assert request.closed_at is not None
    assert cast.routing(request).status == RoutingStatus.ENDED
    assert request.satisfaction.overall == 4


@pytest.mark.django_db
def test_a_coordinator_who_is_also_the_member_acts_as_member_on_their_own_request(cast):
    from members import roles
    from members.tests.factories import UserFactory

    both = UserFactory(roles=[roles.MEMBERS, roles.COORDINATORS])
    from .factories import request_data

    request = services.submit_request(by=both, data=request_data(theme=cast.theme))
    services.acknowledge_request(request=request, by=both)
    services.withdraw_request(request=request, by=both)
    roles_seen = list(request.transitions.values_list("action", "actor_role"))
    assert roles_seen == [
        ("submit", "member"),
        ("acknowledge", "coordinator"),
        ("withdraw", "member"),
    ]


@pytest.mark.django_db
def test_the_allowed_actions_follow_the_table(cast, django_assert_max_num_queries):
    request = cast.request_in(Status.TAKEN)
    with django_assert_max_num_queries(3):
        helper_actions = permissions.allowed_actions(cast.helper, request)
    assert {"start_work", "resolve", "post_message", "file_outcome", "step_aside"} <= (
        helper_actions
    )
    assert "acknowledge" not in helper_actions
    assert permissions.allowed_actions(cast.other_member, request) == set()
    assert "withdraw" in permissions.allowed_actions(cast.member, request)
    assert "refer" in permissions.allowed_actions(cast.coordinator, request)


@pytest.mark.django_db
def test_an_inactive_person_can_do_nothing(cast):
    request = cast.request_in(Status.SUBMITTED)
    cast.coordinator.is_active = False
    cast.coordinator.save()
    with pytest.raises(RequestError):
        services.acknowledge_request(request=request, by=cast.coordinator)


@pytest.mark.django_db
def test_the_worker_closes_requests_finished_for_the_wait(cast):
    request = cast.request_in(Status.DECLINED)
    later = timezone.now() + timedelta(days=29)
    assert services.close_finished_requests(now=later) == 0
    assert services.close_finished_requests(now=later + timedelta(days=2)) == 1
    request.refresh_from_db()
    assert request.status == Status.CLOSED
    step = request.transitions.latest("at", "pk")
    assert (step.action, step.actor, step.actor_role) == ("close", None, "system")
    assert services.close_finished_requests(now=later + timedelta(days=3)) == 0
