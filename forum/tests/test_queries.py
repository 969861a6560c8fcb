"""The forum index, a forum's topic list and a topic page run a fixed number of SQL queries,
whatever the number of forums' topics, posts and authors (issue #5, Speed)."""

import pytest
from django.urls import reverse

from members.models import Organisation, Skill, Visibility
from members.services.joining import ensure_profile
from members.tests import factories as people

from . import factories

# Most of these are fixed costs of every members' page (session, user, groups, profile and
# charters of the joining gate, forum identity) and of machina's permission handler.
INDEX_QUERIES = 23
FORUM_QUERIES = 26
TOPIC_QUERIES = 30


def _author(number):
    user = factories.named(people.member(), f"Auteur {number}a", linked_to_profile=True)
    profile = ensure_profile(user)
    profile.organisation = Organisation.objects.create(name=f"Organisation {number}")
    profile.organisation_visibility = Visibility.MEMBERS
    Skill.objects.replace_for(profile, ["écoute", f"compétence {number}"])
    profile.save()
    return user


def _network(size):
    """`size` topics of `size` posts each, by `size` different authors, in two forums."""
    forum = factories.forum("Relations de travail")
    other = factories.forum("Management")
    authors = [_author(number) for number in range(size)]
    topic = None
    for number in range(size):
        for target in (forum, other):
            topic = factories.topic(target, poster=authors[number], subject=f"Sujet {number}")
            for author in authors[1:]:
                factories.reply(topic, poster=author)
    return forum, topic


def _pages(forum, topic):
    return {
        "index": reverse("forum:index"),
        "forum": reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk}),
        "topic": reverse(
            "forum_conversation:topic",
            kwargs={
                "forum_slug": topic.forum.slug,
                "forum_pk": topic.forum.pk,
                "slug": topic.slug,
                "pk": topic.pk,
            },
        ),
    }


@pytest.mark.parametrize("size", [2, 6])
def test_pages_run_a_fixed_number_of_queries(client_for, django_assert_num_queries, size):
    forum, topic = _network(size)
    reader = factories.named(people.member(), "Lecteur")
    ensure_profile(reader)
    client = client_for(reader)
    pages = _pages(forum, topic)
    expected = {"index": INDEX_QUERIES, "forum": FORUM_QUERIES, "topic": TOPIC_QUERIES}
    for name, url in pages.items():
        client.get(url)  # a first visit settles the read markers
        with django_assert_num_queries(expected[name]):
            assert client.get(url).status_code == 200


def test_the_index_runs_the_same_queries_with_a_hundred_thousand_posts(
    client_for, django_assert_num_queries
):
    """Issue #16, item 3: 1,000 topics of 100 posts each, made in bulk (no signals), then the
    forum's counters brought up to date as machina would."""
    forum = factories.forum("Relations de travail")
    poster = factories.named(people.member(), "Auteur prolifique")
    topics = factories.Topic.objects.bulk_create(
        factories.Topic(
            forum=forum,
            poster=poster,
            subject=f"Sujet {number}",
            slug=f"sujet-{number}",
            type=factories.Topic.TOPIC_POST,
            status=factories.Topic.TOPIC_UNLOCKED,
            approved=True,
            posts_count=100,
        )
        for number in range(1_000)
    )
    factories.Post.objects.bulk_create(
        factories.Post(
            topic=topic,
            poster=poster,
            subject=topic.subject,
            content="Un message.",
            _content_rendered="<p>Un message.</p>",
            approved=True,
        )
        for topic in topics
        for _number in range(100)
    )
    forum.refresh_from_db()
    forum.update_trackers()
    reader = factories.named(people.member(), "Lecteur")
    ensure_profile(reader)
    client = client_for(reader)
    client.get(reverse("forum:index"))
    with django_assert_num_queries(INDEX_QUERIES):
        response = client.get(reverse("forum:index"))
    assert "Relations de travail" in response.content.decode()
