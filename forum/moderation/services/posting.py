"""What the forum's posting views tell moderation after they save a post (through
forum.moderation.hooks): a new approved post may make its author trusted, a moderator's edit of
someone else's post is a logged moderation action, and a lock ticked on the posting form is
logged like the lock action."""

import logging

from django.db import transaction

from .. import permissions
from ..models import ModerationAction, ModerationLogEntry, ReportResolution
from .approval import trust_if_threshold_reached
from .common import log_post, log_topic
from .reports import close_reports

logger = logging.getLogger(__name__)


def _log_lock_from_posting_form(post, by):
    """machina's posting form lets a moderator tick "lock topic": log it like the lock action.

    The log mirrors the topic's state: a locked topic whose latest lock entry is not a lock was
    locked through the form just now.
    """
    topic = post.topic
    if not topic.is_locked or not permissions.is_moderator(by):
        return
    last = (
        ModerationLogEntry.objects.filter(
            topic_id=topic.pk,
            action__in=[ModerationAction.LOCK, ModerationAction.UNLOCK, ModerationAction.MOVE],
        )
        .values_list("action", flat=True)
        .first()
    )
    if last not in (ModerationAction.LOCK, ModerationAction.MOVE):
        log_topic(by=by, action=ModerationAction.LOCK, topic=topic)


def post_created(post, *, by):
    """Called by the posting views after a post or a new topic's first post is saved."""
    _log_lock_from_posting_form(post, by)
    if post.approved:
        trust_if_threshold_reached(by)
    else:
        logger.info("post %s waits for approval", post.pk)


def post_updated(post, *, by, reason=""):
    """Called by the posting views after an edit: a moderator editing someone else's post is a
    moderation action, logged, and it settles the open reports on that post."""
    if by is None:
        return
    _log_lock_from_posting_form(post, by)
    if post.poster_id == by.pk:
        return
    with transaction.atomic():
        log_post(by=by, action=ModerationAction.EDIT, post=post, reason=reason)
        close_reports(post=post, by=by, resolution=ReportResolution.EDITED, reason=reason)
