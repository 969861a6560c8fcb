"""Every URL of the moderation app and of machina's moderation, against every role.

ROUTES is the table: a route missing from it fails the test, so a new page cannot ship without
saying who may use it. Moderators are the Modération group (with machina's permission on the
forum); coordinators, editors and helpers are members like the others here.
"""

import pytest
from django.urls import get_resolver, reverse

from forum.moderation import services
from forum.moderation.models import ReportReason
from members import roles
from members.tests.factories import UserFactory, log_in, with_second_factor

from . import factories

pytestmark = pytest.mark.django_db

ANONYMOUS, MEMBER, HELPER, COORDINATOR, MODERATOR, EDITOR = (
    "anonymous",
    "member",
    "helper",
    "coordinator",
    "moderator",
    "editor",
)
LOGGED_IN = {MEMBER, HELPER, COORDINATOR, MODERATOR, EDITOR}
GROUPS = {
    MEMBER: [roles.MEMBERS],
    HELPER: [roles.MEMBERS, roles.HELPERS],
    COORDINATOR: [roles.MEMBERS, roles.COORDINATORS],
    MODERATOR: [roles.MEMBERS, roles.MODERATORS],
    EDITOR: [roles.MEMBERS, roles.EDITORS],
}

# url name: (who gets `allowed_status`, allowed_status, args from the sample objects)
ROUTES = {
    "relais_moderation:report_post": (LOGGED_IN, 200, ("post",)),
    "relais_moderation:forum_rules": (LOGGED_IN, 302, ()),  # no rules in force: straight on
    "relais_moderation:my_posts": (LOGGED_IN, 200, ()),
    "relais_moderation:decision": (set(), 200, ("decision",)),  # its author only (test_views)
    "relais_moderation:reported_post": ({MODERATOR}, 200, ("post",)),
    "relais_moderation:delete_post": ({MODERATOR}, 200, ("post",)),
    "relais_moderation:log": ({MODERATOR}, 200, ()),
    "forum_moderation:topic_lock": ({MODERATOR}, 200, ("slug", "topic")),
    "forum_moderation:topic_unlock": ({MODERATOR}, 200, ("slug", "topic")),
    "forum_moderation:topic_delete": ({MODERATOR}, 200, ("slug", "topic")),
    "forum_moderation:topic_move": ({MODERATOR}, 200, ("slug", "topic")),
    "forum_moderation:topic_update_to_post": ({MODERATOR}, 200, ("slug", "topic")),
    "forum_moderation:topic_update_to_sticky": ({MODERATOR}, 200, ("slug", "topic")),
    "forum_moderation:topic_update_to_announce": ({MODERATOR}, 200, ("slug", "topic")),
    "forum_moderation:queue": ({MODERATOR}, 200, ()),
    "forum_moderation:queued_post": ({MODERATOR}, 200, ("waiting",)),
    "forum_moderation:approve_queued_post": ({MODERATOR}, 200, ("waiting",)),
    "forum_moderation:disapprove_queued_post": ({MODERATOR}, 200, ("waiting",)),
}


def _route_names(namespace):
    resolver = get_resolver()
    _prefix, sub = resolver.namespace_dict[namespace]
    return {f"{namespace}:{name}" for name in sub.reverse_dict if isinstance(name, str)}


def test_every_moderation_route_is_in_the_table():
    names = _route_names("relais_moderation") | _route_names("forum_moderation")
    assert names == set(ROUTES)


@pytest.fixture
def samples(db):
    forum = factories.make_forum()
    author = UserFactory(roles=[roles.MEMBERS])
    topic = factories.make_topic(forum, author)
    waiting = factories.first_post(
        factories.make_topic(forum, author, subject="En attente", approved=False)
    )
    reporter = UserFactory(roles=[roles.MEMBERS])
    post = factories.first_post(topic)
    services.report_post(post=post, by=reporter, reason=ReportReason.SPAM)
    refused = factories.first_post(factories.make_topic(forum, author, approved=False))
    decision = services.reject_post(post=refused, by=factories.moderator(), reason="Motif")
    return {
        "post": post.pk,
        "topic": topic.pk,
        "slug": topic.slug,
        "waiting": waiting.pk,
        "decision": decision.pk,
    }


@pytest.mark.parametrize("role", [ANONYMOUS, *sorted(LOGGED_IN)])
@pytest.mark.parametrize("name", sorted(ROUTES))
def test_who_may_open_each_moderation_page(name, role, samples, client):
    allowed, status, arg_names = ROUTES[name]
    if role != ANONYMOUS:
        user = UserFactory(roles=GROUPS[role])
        if role in (COORDINATOR, EDITOR):
            with_second_factor(user)
        log_in(client, user)
    url = reverse(name, args=[samples[a] for a in arg_names])
    response = client.get(url)
    if role == ANONYMOUS:
        assert response.status_code == 302
        assert "/compte/" in response.url or "login" in response.url
    elif role in allowed:
        assert response.status_code == status
    else:
        assert response.status_code in (403, 404)
