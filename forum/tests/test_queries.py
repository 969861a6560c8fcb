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
FORUM_QUERIES = 30
TOPIC_QUERIES = 34


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
