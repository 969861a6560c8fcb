"""Moderators' actions on a whole topic: lock, unlock, move, change its type, delete it.

Each checks machina's per-forum moderation right for the actor, locks the topic's row and
writes the moderation log.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import permissions
from ..models import DecisionKind, ModerationAction, PostReport, ReportResolution
from .common import Topic, locked_topic, log_action, log_topic
from .decisions import record_decision

TOPIC_TYPE_ACTIONS = {
    Topic.TOPIC_POST: (ModerationAction.MAKE_NORMAL, "can_update_topics_to_normal_topics"),
    Topic.TOPIC_STICKY: (ModerationAction.MAKE_STICKY, "can_update_topics_to_sticky_topics"),
    Topic.TOPIC_ANNOUNCE: (ModerationAction.MAKE_ANNOUNCE, "can_update_topics_to_announces"),
}


def _set_lock(*, topic, by, status, action, reason):
    if not permissions.can_moderate(by, "can_lock_topics", topic.forum):
        raise PermissionDenied
    with transaction.atomic():
        topic = locked_topic(topic)
        topic.status = status
        topic.save()
        log_topic(by=by, action=action, topic=topic, reason=reason)
    return topic


def lock_topic(*, topic, by, reason=""):
    return _set_lock(
        topic=topic, by=by, status=Topic.TOPIC_LOCKED, action=ModerationAction.LOCK, reason=reason
    )


def unlock_topic(*, topic, by, reason=""):
    return _set_lock(
        topic=topic,
        by=by,
        status=Topic.TOPIC_UNLOCKED,
        action=ModerationAction.UNLOCK,
        reason=reason,
    )


def move_topic(*, topic, by, forum, lock=False, reason=""):
    handler = permissions.PermissionHandler()
    if not permissions.can_moderate(by, "can_move_topics", topic.forum, handler):
        raise PermissionDenied
    if forum.pk not in {f.pk for f in handler.get_target_forums_for_moved_topics(by)}:
        raise PermissionDenied
    with transaction.atomic():
        topic = locked_topic(topic)
        source_forum_id = topic.forum_id
        if forum.pk == source_forum_id or not forum.is_forum:
            raise ValidationError({"forum": _("Choisissez un autre forum de destination.")})
        topic.forum = forum
        topic.status = Topic.TOPIC_LOCKED if lock else Topic.TOPIC_MOVED
        topic.save()
        log_action(
            by=by,
            action=ModerationAction.MOVE,
            forum_id=source_forum_id,
            topic_id=topic.pk,
            target_forum_id=forum.pk,
            reason=reason,
        )
    return topic


def change_topic_type(*, topic, by, target_type, reason=""):
    action, check = TOPIC_TYPE_ACTIONS[target_type]
    if not permissions.can_moderate(by, check, topic.forum):
        raise PermissionDenied
    with transaction.atomic():
        topic = locked_topic(topic)
        topic.type = target_type
        topic.save()
        log_topic(by=by, action=action, topic=topic, reason=reason)
    return topic


def delete_topic(*, topic, by, reason):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Indiquez le motif de la suppression.")})
    if not permissions.can_moderate(by, "can_delete_topics", topic.forum):
        raise PermissionDenied
    with transaction.atomic():
        topic = locked_topic(topic)
        now = timezone.now()
        PostReport.objects.filter(post__topic=topic, resolved_at__isnull=True).update(
            resolved_at=now, resolved_by=by, resolution=ReportResolution.DELETED
        )
        log_topic(by=by, action=ModerationAction.DELETE_TOPIC, topic=topic, reason=reason)
        head = topic.first_post
        if head is not None and head.poster_id != by.pk:
            # The topic's author reads why, as for a deleted post.
            record_decision(head, reason=reason, kind=DecisionKind.DELETED)
        forum = topic.forum
        topic.delete()
    return forum
