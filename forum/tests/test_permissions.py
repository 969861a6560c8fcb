"""Who reaches which forum page, role by role and forum kind by forum kind (issue #5, item 2)."""

import pytest
from django.test import Client
from django.urls import reverse
from machina.core.db.models import get_model

from forum import permissions
from members import roles
from members.tests import factories as people

from . import factories

GroupForumPermission = get_model("forum_permission", "GroupForumPermission")
UserForumPermission = get_model("forum_permission", "UserForumPermission")

ROLES = {
    "member": [roles.MEMBERS],
    "helper": [roles.MEMBERS, roles.HELPERS],
    "coordinator": [roles.MEMBERS, roles.COORDINATORS],
    "moderator": [roles.MEMBERS, roles.MODERATORS],
    "editor": [roles.MEMBERS, roles.EDITORS],
}
KINDS = ("ordinary", "announcements", "helpers")
# What each role may do: (read, start a topic, reply), per forum kind.
EXPECTED = {
    "ordinary": dict.fromkeys(ROLES, (True, True, True)),
    "announcements": {role: (True, role == "coordinator", role == "coordinator") for role in ROLES},
    "helpers": {
        role: (role in ("helper", "moderator"), role == "helper", role == "helper")
        for role in ROLES
    },
}


def _forum(kind):
    if kind == "ordinary":
        return factories.forum("Relations de travail")
    if kind == "announcements":
        return factories.announcements()
    return factories.helpers_forum()


def _urls(forum, topic):
    return {
        "read": reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk}),
        "topic": reverse(
            "forum_conversation:topic",
            kwargs={
                "forum_slug": forum.slug,
                "forum_pk": forum.pk,
                "slug": topic.slug,
                "pk": topic.pk,
            },
        ),
        "create": reverse(
            "forum_conversation:topic_create",
            kwargs={"forum_slug": forum.slug, "forum_pk": forum.pk},
        ),
        "reply": reverse(
            "forum_conversation:post_create",
            kwargs={
                "forum_slug": forum.slug,
                "forum_pk": forum.pk,
                "topic_slug": topic.slug,
                "topic_pk": topic.pk,
            },
        ),
    }


def _expected_status(allowed):
    return 200 if allowed else 403


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("role", list(ROLES))
def test_each_role_reads_starts_topics_and_replies_where_the_table_says(client_for, kind, role):
    forum = _forum(kind)
    author = factories.helper() if kind == "helpers" else people.coordinator()
    topic = factories.topic(forum, poster=author, subject="Un sujet de test")
    user = people.UserFactory(roles=ROLES[role])
    client = client_for(user)
    urls = _urls(forum, topic)
    may_read, may_start, may_reply = EXPECTED[kind][role]

    assert client.get(urls["read"]).status_code == _expected_status(may_read)
    assert client.get(urls["topic"]).status_code == _expected_status(may_read)
    assert client.get(urls["create"]).status_code == _expected_status(may_start)
    assert client.get(urls["reply"]).status_code == _expected_status(may_reply)


@pytest.mark.parametrize("kind", KINDS)
def test_visitors_are_sent_to_the_login_page_from_every_forum_page(db, kind):
    forum = _forum(kind)
    topic = factories.topic(forum, poster=people.coordinator(), subject="Un sujet de test")
    client = Client()
    for url in [
        reverse("forum:index"),
        reverse("forum_search:search"),
        *_urls(forum, topic).values(),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        assert forum.name not in response.content.decode()


def test_someone_still_joining_is_sent_to_their_joining_step(client_for, user_without_role):
    response = client_for(user_without_role).get(reverse("forum:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("members:questionnaire"))


def test_an_active_profile_without_the_members_group_gets_403(client_for, member):
    from members.services.joining import ensure_profile

    ensure_profile(member)  # active: they were in Membres
    member.groups.clear()
    assert client_for(member).get(reverse("forum:index")).status_code == 403


def test_the_helpers_forum_is_not_even_named_to_other_members(
    client_for, member, helper, moderator, helpers_forum
):
    assert "Entre aidants" not in client_for(member).get(reverse("forum:index")).content.decode()
    assert "Entre aidants" in client_for(helper).get(reverse("forum:index")).content.decode()
    assert "Entre aidants" in client_for(moderator).get(reverse("forum:index")).content.decode()


def test_a_forum_the_member_may_not_read_is_not_named_by_the_read_marker_pages(
    client_for, member, helpers_forum
):
    client = client_for(member)
    url = reverse("forum_tracking:mark_subforums_read", kwargs={"pk": helpers_forum.pk})
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


def test_a_new_forum_created_later_is_an_ordinary_members_forum(client_for, member, helpers_forum):
    """Global grants: nothing to set up for an ordinary forum, even listed after restricted ones."""
    later = factories.forum("Créé par la coordination", slug="cree-plus-tard")
    page = client_for(member).get(reverse("forum:index")).content.decode()
    assert "Créé par la coordination" in page
    url = reverse(
        "forum_conversation:topic_create", kwargs={"forum_slug": later.slug, "forum_pk": later.pk}
    )
    assert client_for(member).get(url).status_code == 200


def test_the_data_migration_grants_exactly_the_table_of_forum_permissions(db):
    rows = {
        (
            row.group.name,
            row.forum.slug if row.forum else None,
            row.permission.codename,
            row.has_perm,
        )
        for row in GroupForumPermission.objects.select_related("group", "forum", "permission")
    }
    expected = {
        (group, None, codename, True)
        for group, codenames in permissions.GLOBAL.items()
        for codename in codenames
    }
    for slug, by_group in permissions.PER_FORUM.items():
        for group, by_value in by_group.items():
            for has_perm, codenames in by_value.items():
                expected |= {(group, slug, codename, has_perm) for codename in codenames}
    assert rows == expected


def test_nobody_gets_a_permission_as_a_visitor_or_for_merely_being_logged_in(db):
    assert not UserForumPermission.objects.filter(anonymous_user=True).exists()
    assert not UserForumPermission.objects.filter(authenticated_user=True).exists()


def test_members_do_not_post_without_approval(db):
    assert not GroupForumPermission.objects.filter(
        group__name=roles.MEMBERS, permission__codename="can_post_without_approval", has_perm=True
    ).exists()


def test_machina_feeds_are_not_served(client_for, member):
    assert client_for(member).get("/forum/feeds/topics/").status_code == 404
