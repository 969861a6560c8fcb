"""Account deletion and the forum (issue #5, item 8; members/deletion.py)."""

from django.urls import reverse
from machina.core.db.models import get_model

from forum.models import ForumIdentity, ForumSubscription
from members.services.data_rights import delete_account

from . import factories

Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")


def _topic_page(client, topic):
    forum = topic.forum
    return client.get(
        reverse(
            "forum_conversation:topic",
            kwargs={
                "forum_slug": forum.slug,
                "forum_pk": forum.pk,
                "slug": topic.slug,
                "pk": topic.pk,
            },
        )
    ).content.decode()


def test_posts_stay_under_ancien_membre_with_no_trace_of_the_person(
    client_for, member, other_member, ordinary_forum
):
    leaving = factories.named(other_member, "Tournesol")
    topic = factories.topic(
        ordinary_forum, poster=leaving, subject="Mon sujet", content="Mon texte"
    )
    factories.reply(topic, poster=member)
    factories.named(member, "Plume")
    from forum import subscriptions

    subscriptions.subscribe_to_forum(user=leaving, forum=ordinary_forum)

    delete_account(user=leaving, remove_forum_posts=False)

    post = Post.objects.get(pk=topic.first_post_id)
    assert post.poster_id is None and post.content.raw == "Mon texte"
    assert Topic.objects.get(pk=topic.pk).poster_id is None
    assert not ForumIdentity.objects.filter(user=leaving).exists()
    assert not ForumSubscription.objects.filter(user=leaving).exists()
    page = _topic_page(client_for(member), topic)
    assert "Ancien membre" in page
    assert "Tournesol" not in page and str(leaving.public_id) not in page


def test_posts_are_removed_on_request_and_shared_topics_keep_the_replies(
    client_for, member, other_member, ordinary_forum
):
    leaving = other_member
    alone = factories.topic(ordinary_forum, poster=leaving, subject="Seul", content="Rien que moi")
    shared = factories.topic(ordinary_forum, poster=leaving, subject="Partagé", content="Question")
    answer = factories.reply(shared, poster=member, content="Ma réponse")
    elsewhere = factories.topic(ordinary_forum, poster=member, subject="Ailleurs")
    own_reply = factories.reply(elsewhere, poster=leaving, content="Ma remarque")

    delete_account(user=leaving, remove_forum_posts=True)

    assert not Topic.objects.filter(pk=alone.pk).exists()
    assert not Post.objects.filter(pk=own_reply.pk).exists()
    head = Post.objects.get(pk=shared.first_post_id)
    assert head.poster_id is None and "Question" not in head.content.raw
    assert Post.objects.filter(pk=answer.pk).exists()
    ordinary_forum.refresh_from_db()
    assert ordinary_forum.direct_topics_count == 2
    page = _topic_page(client_for(member), Topic.objects.get(pk=shared.pk))
    assert "Ma réponse" in page and "Message retiré" in page
