"""E-mails to subscribers when a post is published (issue #5, item 5; portal/notifications.py).

The e-mail names the forum and links to the post through an opaque path (/forum/message/<id>/):
never the topic's subject, the post's content or its author, which the mail servers between
us and the reader would see. Recipients: the members who follow the forum, and for a reply,
those who follow the topic; never the author, and only people who may still read the forum.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from machina.core.loading import get_class

from members import roles
from portal.notifications import notify

from .models import ForumSubscription, PublishedPost

ForumPermissionChecker = get_class("forum_permission.checker", "ForumPermissionChecker")

SUBJECT = _("Nouveau message sur le forum")
NEW_TOPIC = _("Un nouveau sujet a été ouvert dans le forum « {forum} ».")
NEW_REPLY = _("Une nouvelle réponse a été publiée dans le forum « {forum} ».")


def post_link(post):
    return reverse("relais_forum:go_to_post", args=[post.pk])


def recipients_for(post):
    """Active members who follow the post's forum or topic and may read it, minus its author."""
    topic = post.topic
    forum = topic.forum
    follower_ids = set(
        ForumSubscription.objects.filter(forum=forum).values_list("user_id", flat=True)
    )
    is_reply = topic.first_post_id != post.pk
    if is_reply:
        follower_ids |= set(topic.subscribers.values_list("pk", flat=True))
    follower_ids.discard(post.poster_id)
    users = get_user_model().objects.filter(
        pk__in=follower_ids, is_active=True, groups__name=roles.MEMBERS
    )
    return [
        user for user in users if ForumPermissionChecker(user).has_perm("can_read_forum", forum)
    ]


def post_published(post):
    """Announce a published (approved) post to its forum's and topic's followers, once."""
    post = type(post).objects.select_related("topic__forum").get(pk=post.pk)
    if not post.approved:
        return 0
    try:
        with transaction.atomic():
            PublishedPost.objects.create(post=post)
    except IntegrityError:
        return 0  # already announced
    recipients = recipients_for(post)
    is_reply = post.topic.first_post_id != post.pk
    message = format_lazy(NEW_REPLY if is_reply else NEW_TOPIC, forum=post.topic.forum.name)
    notify(recipients, subject=SUBJECT, message=message, link=post_link(post))
    return len(recipients)
