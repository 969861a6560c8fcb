"""What each viewer reads of help requests, in a fixed number of queries."""

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from helprequests import selectors, services
from helprequests.models import Status
from home.tests.factories import ThemeFactory
from members import privacy
from members.models import HelperProfile, MembershipStatus, Profile, Skill

from .factories import Cast, helper


@pytest.fixture
def cast(db):
    return Cast.create()


def _grow(cast, n):
    """n more requests of every kind of situation, with messages and routings."""
    for _ in range(n):
        request = cast.request_in(Status.TAKEN)
        services.post_message(request=request, by=cast.member, body="Bonjour.")
        services.post_message(request=request, by=cast.helper, body="Bonjour à vous.")
        cast.request_in(Status.SUBMITTED)
        cast.request_in(Status.ROUTED)


@pytest.mark.parametrize("size", [1, 4])
def test_the_coordination_queue_takes_three_queries_whatever_its_size(
    cast, size, django_assert_num_queries
):
    _grow(cast, size)
    with django_assert_num_queries(2):
        queue = selectors.coordination_queue()
        seen = [(r.clock, r.theme, r.organisation, r.requester) for r in queue]
    assert len(seen) == 3 * size
    assert len(queue) == 3 * size


@pytest.mark.parametrize("size", [1, 4])
def test_the_member_s_list_and_the_helper_s_list_are_one_query(
    cast, size, django_assert_num_queries
):
    _grow(cast, size)
    with django_assert_num_queries(1):
        mine = [(r.theme, r.organisation) for r in selectors.requests_of(cast.member)]
    assert len(mine) == 3 * size
    with django_assert_num_queries(1):
        routed = [
            (r.request.theme, r.request.organisation)
            for r in selectors.routings_for_helper(cast.helper)
        ]
    assert len(routed) == 2 * size


# What the viewer holds on the request (guardian's rows, one query), the group lookup for those
# who hold nothing, the routing (the helper's own, or the taking one for the member's labels),
# messages, attachments.
THREAD_QUERIES = {"coordinator": 4, "member": 4, "helper": 4}


@pytest.mark.parametrize("size", [1, 5])
def test_a_thread_is_read_in_a_fixed_number_of_queries(cast, size):
    request = cast.request_in(Status.TAKEN)
    for n in range(size):
        services.post_message(request=request, by=cast.member, body=f"Message {n}")
        services.post_message(request=request, by=cast.helper, body=f"Réponse {n}")
        services.post_message(request=request, by=cast.coordinator, body=f"Note {n}")
    counts = {}
    for name in ("coordinator", "member", "helper"):
        viewer = getattr(cast, name)
        fresh = viewer.__class__.objects.get(pk=viewer.pk)
        with CaptureQueriesContext(connection) as queries:
            thread = selectors.thread_of(request, fresh)
            [(m.author_label, list(m.attachments.all())) for m in thread]
        counts[name] = len(queries)
        assert len(thread) == 3 * size
    # The same at both sizes.
    assert counts == THREAD_QUERIES


@pytest.mark.parametrize("size", [1, 5])
def test_the_history_is_one_query_or_two(cast, size, django_assert_max_num_queries):
    request = cast.request_in(Status.TAKEN)
    for n in range(size):
        services.announce_delay(
            request=request,
            by=cast.coordinator,
            new_date=request.promised_by.replace(day=1).__class__.fromordinal(
                request.promised_by.toordinal() + n + 1
            ),
            reason="Report.",
        )
    # Delay steps show their new date and reason: one more query, unless the page passes the
    # delays it has already read.
    with django_assert_max_num_queries(3):
        selectors.history_of(request, cast.coordinator)
    with django_assert_max_num_queries(3):
        selectors.history_of(request, cast.member)
    delays = selectors.delays_of(request)
    with django_assert_max_num_queries(2):
        selectors.history_of(request, cast.member, delays=delays)


@pytest.mark.parametrize("size", [2, 6])
def test_suggested_helpers_are_ranked_in_one_query(cast, size, django_assert_num_queries):
    request = cast.request_in(Status.ACCEPTED)
    for n in range(size):
        person = helper()
        profile = HelperProfile.objects.create(user=person, qualifications="Écoute.")
        if n % 2:
            profile.themes.add(request.theme)
    with django_assert_num_queries(1):
        suggested = selectors.suggested_helpers(request)
    themed = [u for u in suggested if u.theme_match]
    assert len(themed) == size // 2
    assert suggested[: len(themed)] == themed
    assert cast.member not in suggested


@pytest.mark.parametrize(
    ("visibility", "coordinator_sees", "member_sees"),
    [("coordinators", True, False), ("members", True, True)],
)
def test_a_skill_counts_only_where_privacy_lets_the_viewer_see_it(
    cast, visibility, coordinator_sees, member_sees
):
    request = cast.request_in(Status.ACCEPTED)
    person = helper()
    profile = Profile.objects.create(
        user=person, status=MembershipStatus.ACTIVE, skills_visibility=visibility
    )
    Skill.objects.replace_for(profile, [request.theme.name])

    def match(viewer):
        by_pk = {u.pk: u for u in selectors.suggested_helpers(request, viewer=viewer)}
        return by_pk[person.pk].skill_match

    assert match(cast.coordinator) is coordinator_sees
    assert match(cast.member) is member_sees
    assert match(None) is False


def test_suggestions_leave_out_those_who_declined_or_stepped_aside(cast):
    request = cast.request_in(Status.ACCEPTED)
    second = helper()
    services.route_request(request=request, by=cast.coordinator, helpers=[cast.helper, second])
    services.decline_routing(routing=cast.routing(request), by=cast.helper)
    suggested = selectors.suggested_helpers(request)
    assert cast.helper not in suggested and second not in suggested
    assert cast.other_helper in suggested


def test_busy_helpers_come_after_free_ones(cast):
    request = cast.request_in(Status.TAKEN)  # cast.helper is busy with it
    other = cast.request_in(Status.ACCEPTED)
    suggested = selectors.suggested_helpers(other)
    loads = {u.pk: u.load for u in suggested}
    assert loads[cast.helper.pk] == 1
    assert suggested[-1] == cast.helper
    del request


# --- Who reads what --------------------------------------------------------------------------


def test_a_member_reaches_only_their_own_requests(cast):
    request = cast.request_in(Status.SUBMITTED)
    assert selectors.request_for_member(cast.member, request.public_id) == request
    for intruder in (cast.other_member, cast.coordinator):
        with pytest.raises(Http404):
            selectors.request_for_member(intruder, request.public_id)
    with pytest.raises(Http404):
        selectors.request_for_member(cast.member, "pas-un-uuid")


def test_only_coordinators_reach_any_request(cast):
    request = cast.request_in(Status.SUBMITTED)
    assert selectors.request_for_coordinator(cast.coordinator, request.public_id) == request
    for intruder in (cast.member, cast.helper, cast.moderator):
        with pytest.raises(Http404):
            selectors.request_for_coordinator(intruder, request.public_id)


def test_a_helper_reaches_a_request_from_routing_until_closure(cast):
    request = cast.request_in(Status.ROUTED)
    assert selectors.routing_for_helper(cast.helper, request.public_id).request == request
    with pytest.raises(Http404):
        selectors.routing_for_helper(cast.other_helper, request.public_id)
    services.decline_routing(routing=cast.routing(request), by=cast.helper)
    with pytest.raises(Http404):
        selectors.routing_for_helper(cast.helper, request.public_id)
    assert list(selectors.routings_for_helper(cast.helper)) == []


def test_a_helper_reads_the_thread_only_from_taking_the_request_and_never_the_name(cast):
    request = cast.request_in(Status.ACKNOWLEDGED)
    services.post_message(request=request, by=cast.member, body="Avant : je m’appelle Apolline.")
    cast.step(request, "accept")
    cast.step(request, "route")
    with pytest.raises(Http404):
        selectors.thread_of(request, cast.helper)  # offered only: the brief, not the thread
    cast.step(request, "accept_routing")
    services.post_message(request=request, by=cast.member, body="Après.")
    thread = selectors.thread_of(request, cast.helper)
    assert [m.body for m in thread] == ["Après."]
    assert thread[0].author_label == "Le ou la membre"
    # Once contact is shared, the member's public name (members.privacy), never more.
    routing = cast.routing(request)
    services.give_member_consent(routing=routing, by=cast.member)
    services.give_helper_consent(routing=routing, by=cast.helper)
    label = selectors.thread_of(request, cast.helper)[0].author_label
    assert label == privacy.person_for(cast.helper, cast.member.profile).name


def test_the_member_sees_roles_and_the_coordination_sees_names(cast):
    request = cast.request_in(Status.TAKEN)
    services.post_message(request=request, by=cast.helper, body="Bonjour.")
    services.post_message(request=request, by=cast.coordinator, body="Bonjour aussi.")
    services.post_message(request=request, by=cast.member, body="Merci.")
    member_view = [m.author_label for m in selectors.thread_of(request, cast.member)]
    assert member_view == ["Votre aidant·e", "La coordination", "Vous"]
    coordination_view = [m.author_label for m in selectors.thread_of(request, cast.coordinator)]
    assert coordination_view[0] == "Bérénice Aidante (aidant·e)"
    assert coordination_view[1] == "Vous"
    assert "Apolline Vasseur-Quint" in coordination_view[2]
    for outsider in (cast.other_member, cast.other_helper, cast.moderator):
        with pytest.raises(Http404):
            selectors.thread_of(request, outsider)


def test_the_member_s_history_hides_why_a_helper_stepped_aside(cast):
    request = cast.request_in(Status.ROUTED)
    services.step_aside(routing=cast.routing(request), by=cast.helper, note="C’est ma voisine.")
    history = selectors.history_of(request, cast.member)
    assert all("voisine" not in step.shown_note for step in history)
    assert all("Bérénice" not in step.actor_label for step in history)
    assert history[0].actor_label == "Vous"
    coordination = selectors.history_of(request, cast.coordinator)
    assert any("voisine" in step.shown_note for step in coordination)


def test_a_helper_s_history_starts_at_their_routing(cast):
    request = cast.request_in(Status.TAKEN)
    history = selectors.history_of(request, cast.helper)
    assert [step.action for step in history] == ["route", "accept_routing"]
    assert history[-1].actor_label == "Vous"


def test_routings_for_the_member_name_the_helper_only_after_both_consents(cast):
    request = cast.request_in(Status.TAKEN)
    (routing,) = selectors.routings_for_member(request, cast.member)
    assert routing.helper_label == "Votre aidant·e"
    services.give_member_consent(routing=routing, by=cast.member)
    services.give_helper_consent(routing=routing, by=cast.helper)
    (routing,) = selectors.routings_for_member(request, cast.member)
    assert routing.helper_label == "Béré"
    assert selectors.routings_for_member(request, cast.other_member) == []


def test_the_theme_is_in_the_brief(cast):
    theme = ThemeFactory(name="Carrière")
    request = cast.request_in(Status.ROUTED, theme=theme)
    assert selectors.brief_of(request, cast.helper).theme == "Carrière"
