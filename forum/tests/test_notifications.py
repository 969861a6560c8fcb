"""E-mails on new published posts (issue #5, item 5): who gets them and what they say."""

from django.urls import reverse
from machina.core.db.models import get_model

from forum import notifications, subscriptions
from members.tests import factories as people

from . import factories

ForumPermission = get_model("forum_permission", "ForumPermission")
UserForumPermission = get_model("forum_permission", "UserForumPermission")


def _trusted(user):
    """What the moderation app grants a member with enough approved posts."""
    UserForumPermission.objects.create(
        user=user,
        permission=ForumPermission.objects.get(codename="can_post_without_approval"),
        has_perm=True,
    )
    return user


def _reply_url(topic):
    forum = topic.forum
    return reverse(
        "forum_conversation:post_create",
        kwargs={
            "forum_slug": forum.slug,
            "forum_pk": forum.pk,
            "topic_slug": topic.slug,
            "topic_pk": topic.pk,
        },
    )


def _form(**data):
    """A posting form as the browser sends it: with the empty attachments formset."""
    return {"attachment-TOTAL_FORMS": 0, "attachment-INITIAL_FORMS": 0, **data}


def _recipients(mailbox):
    return sorted(message["To"] for message in mailbox)


def test_followers_of_the_forum_and_the_topic_hear_of_a_reply_but_not_its_author(
    client_for, member, other_member, ordinary_forum, mailbox, django_capture_on_commit_callbacks
):
    author = _trusted(factories.named(member, "Plume"))
    opener = factories.named(other_member, "Tournesol")
    forum_follower = people.member(email="suit-le-forum@relais.test")
    bystander = people.member(email="ne-suit-rien@relais.test")
    topic = factories.topic(ordinary_forum, poster=opener, subject="Un sujet très personnel")
    subscriptions.subscribe_to_topic(user=opener, topic=topic)
    subscriptions.subscribe_to_forum(user=forum_follower, forum=ordinary_forum)
    subscriptions.subscribe_to_forum(user=author, forum=ordinary_forum)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(author).post(
            _reply_url(topic), _form(subject="Re", content="Mon conseil, très détaillé.")
        )
    assert response.status_code == 302

    assert _recipients(mailbox) == ["membre2@relais.test", "suit-le-forum@relais.test"]
    assert bystander.email not in _recipients(mailbox)
    post = topic.posts.order_by("-pk").first()
    for message in mailbox:
        body = message.get_content()
        text = f"{message['Subject']} {body}"
        assert "Relations de travail" in text
        assert f"/forum/message/{post.pk}/" in body
        for secret in (
            "Un sujet très personnel",
            "Mon conseil",
            "Plume",
            "Tournesol",
            member.email,
        ):
            assert secret not in text


def test_a_post_waiting_for_approval_is_announced_when_approved_and_only_once(
    client_for, member, other_member, ordinary_forum, mailbox, django_capture_on_commit_callbacks
):
    topic = factories.topic(ordinary_forum, poster=other_member, subject="Un sujet")
    subscriptions.subscribe_to_topic(user=other_member, topic=topic)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(member).post(_reply_url(topic), _form(subject="Re", content="En attente."))
    assert mailbox == []
    post = topic.posts.order_by("-pk").first()
    assert post.approved is False

    post.approved = True
    post.save()
    with django_capture_on_commit_callbacks(execute=True):
        notifications.post_published(post)
        notifications.post_published(post)
    assert _recipients(mailbox) == ["membre2@relais.test"]


def test_a_follower_who_may_no_longer_read_the_forum_is_not_written_to(
    helpers_forum, helper, member, mailbox, django_capture_on_commit_callbacks
):
    subscriptions.subscribe_to_forum(user=member, forum=helpers_forum)
    topic = factories.topic(helpers_forum, poster=helper, subject="Entre nous")
    with django_capture_on_commit_callbacks(execute=True):
        notifications.post_published(topic.first_post)
    assert mailbox == []


def test_following_a_forum_from_its_page(client_for, member, ordinary_forum):
    client = client_for(member)
    client.post(reverse("relais_forum:follow_forum", args=[ordinary_forum.pk]))
    assert subscriptions.follows_forum(member, ordinary_forum)
    page = client.get(reverse("relais_forum:my_subscriptions")).content.decode()
    assert "Relations de travail" in page
    client.post(reverse("relais_forum:unfollow_forum", args=[ordinary_forum.pk]))
    assert not subscriptions.follows_forum(member, ordinary_forum)


def test_a_hidden_forum_cannot_be_followed(client_for, member, helpers_forum):
    response = client_for(member).post(
        reverse("relais_forum:follow_forum", args=[helpers_forum.pk])
    )
    assert response.status_code == 404


def test_the_link_of_an_email_leads_readers_to_the_post_and_others_nowhere(
    client_for, member, helper, helpers_forum, ordinary_forum
):
    topic = factories.topic(ordinary_forum, poster=helper, subject="Ouvert")
    response = client_for(member).get(
        reverse("relais_forum:go_to_post", args=[topic.first_post_id])
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#{topic.first_post_id}")
    hidden = factories.topic(helpers_forum, poster=helper, subject="Entre nous")
    go_hidden = reverse("relais_forum:go_to_post", args=[hidden.first_post_id])
    assert client_for(member).get(go_hidden).status_code == 404


def test_starting_a_topic_calls_the_moderation_hook_and_follows_the_topic(
    client_for, member, ordinary_forum, monkeypatch
):
    from forum.moderation import hooks

    calls = []
    monkeypatch.setattr(hooks, "post_created", lambda post, *, by: calls.append((post.pk, by.pk)))
    url = reverse(
        "forum_conversation:topic_create",
        kwargs={"forum_slug": ordinary_forum.slug, "forum_pk": ordinary_forum.pk},
    )
    response = client_for(member).post(
        url, _form(subject="Nouveau", content="Bonjour", topic_type=0)
    )
    assert response.status_code == 302
    topic = ordinary_forum.topics.get()
    assert calls == [(topic.first_post_id, member.pk)]
    assert topic.has_subscriber(member)


def test_editing_a_post_calls_the_moderation_hook_with_the_reason(
    client_for, member, other_member, ordinary_forum, monkeypatch
):
    from forum.moderation import hooks

    calls = []
    monkeypatch.setattr(
        hooks, "post_updated", lambda post, *, by, reason="": calls.append((post.pk, by.pk, reason))
    )
    topic = factories.topic(ordinary_forum, poster=other_member, subject="Un sujet")
    post = factories.reply(topic, poster=member)
    url = reverse(
        "forum_conversation:post_update",
        kwargs={
            "forum_slug": ordinary_forum.slug,
            "forum_pk": ordinary_forum.pk,
            "topic_slug": topic.slug,
            "topic_pk": topic.pk,
            "pk": post.pk,
        },
    )
    response = client_for(member).post(
        url, _form(subject="Re", content="Corrigé", update_reason="Une faute")
    )
    assert response.status_code == 302
    assert calls == [(post.pk, member.pk, "Une faute")]


def test_a_post_of_another_topic_cannot_be_reached_through_this_topic_url(
    client_for, member, other_member, ordinary_forum
):
    first = factories.topic(ordinary_forum, poster=other_member, subject="Premier")
    second = factories.topic(ordinary_forum, poster=member, subject="Second")
    post = factories.reply(second, poster=member)
    url = reverse(
        "forum_conversation:post_update",
        kwargs={
            "forum_slug": ordinary_forum.slug,
            "forum_pk": ordinary_forum.pk,
            "topic_slug": first.slug,
            "topic_pk": first.pk,
            "pk": post.pk,
        },
    )
    assert client_for(member).get(url).status_code == 404
