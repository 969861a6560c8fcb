"""Unread markers (issue #5, item 5): shown in words, gone once read."""

from django.urls import reverse

from . import factories


def test_a_new_topic_is_marked_unread_until_the_member_reads_it(
    client_for, member, other_member, ordinary_forum
):
    topic = factories.topic(ordinary_forum, poster=other_member, subject="Du nouveau")
    client = client_for(member)
    forum_url = reverse(
        "forum:forum", kwargs={"slug": ordinary_forum.slug, "pk": ordinary_forum.pk}
    )
    assert "Nouveaux messages" in client.get(reverse("forum:index")).content.decode()
    assert "Non lu" in client.get(forum_url).content.decode()
    assert "Du nouveau" in client.get(reverse("forum_tracking:unread_topics")).content.decode()

    client.get(
        reverse(
            "forum_conversation:topic",
            kwargs={
                "forum_slug": ordinary_forum.slug,
                "forum_pk": ordinary_forum.pk,
                "slug": topic.slug,
                "pk": topic.pk,
            },
        )
    )
    assert "Non lu" not in client.get(forum_url).content.decode()
    assert "Nouveaux messages" not in client.get(reverse("forum:index")).content.decode()
    assert "Du nouveau" not in client.get(reverse("forum_tracking:unread_topics")).content.decode()


def test_a_new_reply_makes_the_topic_unread_again(client_for, member, other_member, ordinary_forum):
    topic = factories.topic(ordinary_forum, poster=other_member, subject="Du nouveau")
    client = client_for(member)
    client.post(reverse("forum_tracking:mark_all_forums_read"))
    forum_url = reverse(
        "forum:forum", kwargs={"slug": ordinary_forum.slug, "pk": ordinary_forum.pk}
    )
    assert "Non lu" not in client.get(forum_url).content.decode()
    factories.reply(topic, poster=other_member)
    assert "Non lu" in client.get(forum_url).content.decode()
