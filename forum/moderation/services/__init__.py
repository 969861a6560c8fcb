"""Every state change of the forum's moderation (STYLE.md: state changes are services).

Each function checks the actor's right, locks what it changes, records the action in the
moderation log (who, what, which forum/topic/post, when, why) and raises a ValidationError with
a French message that views show on their form. Ids only in the Python log, never names.

One module per concern: `common` (the log and the row locks), `approval` (the newcomers'
threshold, approving and refusing waiting posts), `reports` (reporting a post, keeping or
deleting it), `topics` (lock, move, change the type of, delete a topic), `decisions` (what an
author reads of a refusal or deletion), `posting` (what the posting views report after a save).
Callers import from this package.
"""

from .approval import (
    POST_WITHOUT_APPROVAL,
    approval_threshold,
    approve_post,
    approved_posts_count,
    reject_post,
    trust_if_threshold_reached,
)
from .common import log_action
from .decisions import DECISION_MESSAGE, DECISION_SUBJECT, mark_decision_read
from .posting import post_created, post_updated
from .reports import RESOLUTION_ACTIONS, delete_post, keep_reported_post, report_post
from .topics import (
    TOPIC_TYPE_ACTIONS,
    change_topic_type,
    delete_topic,
    lock_topic,
    move_topic,
    unlock_topic,
)

__all__ = [
    "DECISION_MESSAGE",
    "DECISION_SUBJECT",
    "POST_WITHOUT_APPROVAL",
    "RESOLUTION_ACTIONS",
    "TOPIC_TYPE_ACTIONS",
    "approval_threshold",
    "approve_post",
    "approved_posts_count",
    "change_topic_type",
    "delete_post",
    "delete_topic",
    "keep_reported_post",
    "lock_topic",
    "log_action",
    "mark_decision_read",
    "move_topic",
    "post_created",
    "post_updated",
    "reject_post",
    "report_post",
    "trust_if_threshold_reached",
    "unlock_topic",
]
