"""What every moderation service shares: machina's models, the moderation log and the row locks.

Every action writes one ModerationLogEntry (who, what, which forum/topic/post, when, why) and
one line in the Python log, with ids only, never names.
"""

import logging

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from machina.core.db.models import get_model

from ..models import ModerationLogEntry

logger = logging.getLogger(__name__)

Forum = get_model("forum", "Forum")
Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")


def log_action(*, by, action, forum_id=None, topic_id=None, post_id=None, reason="", **extra):
    entry = ModerationLogEntry.objects.create(
        actor=by,
        action=action,
        forum_id=forum_id,
        topic_id=topic_id,
        post_id=post_id,
        reason=reason or "",
        target_forum_id=extra.get("target_forum_id"),
    )
    logger.info(
        "moderation %s by user %s (forum %s, topic %s, post %s)",
        action,
        getattr(by, "pk", None),
        forum_id,
        topic_id,
        post_id,
    )
    return entry


def log_post(*, by, action, post, reason=""):
    return log_action(
        by=by,
        action=action,
        forum_id=post.topic.forum_id,
        topic_id=post.topic_id,
        post_id=post.pk,
        reason=reason,
    )


def log_topic(*, by, action, topic, reason="", **extra):
    return log_action(
        by=by, action=action, forum_id=topic.forum_id, topic_id=topic.pk, reason=reason, **extra
    )


def locked_post(post):
    """Lock the post's row and read it again with its topic, forum and author."""
    locked = Post.objects.select_for_update().filter(pk=post.pk).first()
    if locked is None:
        raise ValidationError(_("Ce message n’existe plus."))
    return Post.objects.select_related("topic", "topic__forum", "poster").get(pk=locked.pk)


def locked_topic(topic):
    """Lock the topic's row and read it again with its forum."""
    locked = Topic.objects.select_for_update().filter(pk=topic.pk).first()
    if locked is None:
        raise ValidationError(_("Ce sujet n’existe plus."))
    return Topic.objects.select_related("forum").get(pk=locked.pk)
