"""Posting through the forum's real pages, as a member's browser does."""

from django.urls import reverse


def topic_create_url(forum):
    return reverse(
        "forum_conversation:topic_create", kwargs={"forum_slug": forum.slug, "forum_pk": forum.pk}
    )


def topic_url(topic):
    return reverse(
        "forum_conversation:topic",
        kwargs={
            "forum_slug": topic.forum.slug,
            "forum_pk": topic.forum.pk,
            "slug": topic.slug,
            "pk": topic.pk,
        },
    )


def post_topic(client, forum, *, subject, content, files=None, **extra):
    data = {
        "subject": subject,
        "content": content,
        "topic_type": "0",
        "attachment-TOTAL_FORMS": "0",
        "attachment-INITIAL_FORMS": "0",
        "attachment-MIN_NUM_FORMS": "0",
        "attachment-MAX_NUM_FORMS": "1000",
        **extra,
    }
    if files:
        data["attachment-TOTAL_FORMS"] = str(len(files))
        for index, upload in enumerate(files):
            data[f"attachment-{index}-file"] = upload
            data[f"attachment-{index}-comment"] = ""
    return client.post(topic_create_url(forum), data)
