"""Every state change of the forum's moderation (STYLE.md: state changes are services).

Each function checks the actor's right, locks what it changes, records the action in the
moderation log (who, what, which forum/topic/post, when, why) and raises a ValidationError with
a French message that views show on their form. Ids only in the Python log, never names.
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from machina.core.db.models import get_model

from portal.notifications import notify

from . import permissions
from .models import (
    DecisionKind,
    ForumModerationSettings,
    ModerationAction,
    ModerationDecision,
    ModerationLogEntry,
    PostReport,
    ReportResolution,
)

logger = logging.getLogger(__name__)

Forum = get_model("forum", "Forum")
Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")
ForumPermission = get_model("forum_permission", "ForumPermission")
UserForumPermission = get_model("forum_permission", "UserForumPermission")

POST_WITHOUT_APPROVAL = "can_post_without_approval"

DECISION_SUBJECT = _("Une décision de modération vous attend")
DECISION_MESSAGE = _(
    "L’équipe de modération du forum a pris une décision sur l’un de vos messages. "
    "Vous pouvez la lire dans votre espace."
)

RESOLUTION_ACTIONS = {
    ReportResolution.KEPT: ModerationAction.REPORT_KEPT,
    ReportResolution.EDITED: ModerationAction.REPORT_EDITED,
    ReportResolution.DELETED: ModerationAction.REPORT_DELETED,
}


# --- The log ------------------------------------------------------------------------------


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


def _log_post(*, by, action, post, reason=""):
    return log_action(
        by=by,
        action=action,
        forum_id=post.topic.forum_id,
        topic_id=post.topic_id,
        post_id=post.pk,
        reason=reason,
    )


def _log_topic(*, by, action, topic, reason="", **extra):
    return log_action(
        by=by, action=action, forum_id=topic.forum_id, topic_id=topic.pk, reason=reason, **extra
    )


# --- Approval of newcomers' posts ---------------------------------------------------------


def approval_threshold():
    return ForumModerationSettings.load().approval_threshold


def approved_posts_count(user):
    return Post.objects.filter(poster=user, approved=True).count()


def trust_if_threshold_reached(user):
    """Grant machina's global `can_post_without_approval` to a member with N approved posts.

    This is the only place that grants it to a person: below the threshold nobody does, so
    machina's posting forms save their posts with approved=False (issue #5, item 4).
    Returns True when the member posts without approval from now on.
    """
    if user is None or not user.is_authenticated:
        return False
    permission = ForumPermission.objects.get(codename=POST_WITHOUT_APPROVAL)
    already = UserForumPermission.objects.filter(
        user=user, forum__isnull=True, permission=permission, has_perm=True
    ).exists()
    if already:
        return True
    if approved_posts_count(user) < approval_threshold():
        return False
    UserForumPermission.objects.update_or_create(
        user=user,
        forum=None,
        permission=permission,
        defaults={"has_perm": True, "anonymous_user": False, "authenticated_user": False},
    )
    logger.info("user %s now posts without approval", user.pk)
    return True


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
        _log_topic(by=by, action=ModerationAction.LOCK, topic=topic)


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
        _log_post(by=by, action=ModerationAction.EDIT, post=post, reason=reason)
        _close_reports(post=post, by=by, resolution=ReportResolution.EDITED, reason=reason)


def _locked_post(post):
    locked = Post.objects.select_for_update().filter(pk=post.pk).first()
    if locked is None:
        raise ValidationError(_("Ce message n’existe plus."))
    return Post.objects.select_related("topic", "topic__forum", "poster").get(pk=locked.pk)


def approve_post(*, post, by):
    """Publish a waiting post; its author may become trusted; subscribers are told."""
    if not permissions.can_moderate(by, "can_approve_posts", post.topic.forum):
        raise PermissionDenied
    with transaction.atomic():
        post = _locked_post(post)
        if post.approved:
            raise ValidationError(_("Ce message a déjà été validé."))
        post.approved = True
        post.save()
        _log_post(by=by, action=ModerationAction.APPROVE, post=post)
        if post.poster is not None:
            trust_if_threshold_reached(post.poster)
    _tell_subscribers(post)
    return post


def _tell_subscribers(post):
    """The forum's notifications (issue #5, part 1) tell subscribers of a newly visible post."""
    try:
        from forum.notifications import post_published
    except ImportError:  # the notifications module is not there yet
        return
    post_published(post)


def reject_post(*, post, by, reason):
    """Refuse a waiting post: the author reads the reason in the portal, the e-mail only says a
    decision is waiting. The post (or the topic it opened) is deleted."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Indiquez le motif du refus : l’auteur le lira.")})
    if not permissions.can_moderate(by, "can_approve_posts", post.topic.forum):
        raise PermissionDenied
    with transaction.atomic():
        post = _locked_post(post)
        if post.approved:
            raise ValidationError(_("Ce message est déjà publié : supprimez-le plutôt."))
        decision = _record_decision(post, reason=reason, kind=DecisionKind.REFUSED)
        _log_post(by=by, action=ModerationAction.REJECT, post=post, reason=reason)
        post.delete()
    return decision


def _record_decision(post, *, reason, kind):
    """Keep the author's text and the reason for them, and tell them (after commit) that a
    decision waits in the portal: the e-mail says nothing else. Call inside the transaction."""
    if post.poster_id is None:
        return None
    topic = post.topic
    decision = ModerationDecision.objects.create(
        author_id=post.poster_id,
        kind=kind,
        forum_id=topic.forum_id,
        topic_id=topic.pk,
        was_topic=post.is_topic_head,
        subject=post.subject,
        content=post.content.raw if hasattr(post.content, "raw") else str(post.content),
        reason=reason,
    )
    notify(
        [decision.author_id],
        subject=DECISION_SUBJECT,
        message=DECISION_MESSAGE,
        link=reverse("relais_moderation:decision", args=[decision.pk]),
    )
    return decision


def mark_decision_read(decision):
    if decision.read_at is None:
        ModerationDecision.objects.filter(pk=decision.pk).update(read_at=timezone.now())


# --- Reports ------------------------------------------------------------------------------


def report_post(*, post, by, reason, details=""):
    """A member who can read a post reports it, once (issue #5, item 4)."""
    if not permissions.can_read_post(by, post):
        raise PermissionDenied
    if post.poster_id == by.pk:
        raise ValidationError(_("Vous ne pouvez pas signaler votre propre message."))
    with transaction.atomic():
        Post.objects.select_for_update().filter(pk=post.pk).first()
        if PostReport.objects.filter(post=post, reporter=by).exists():
            raise ValidationError(
                _("Vous avez déjà signalé ce message : les modérateurs l’ont reçu.")
            )
        report = PostReport.objects.create(
            post=post, reporter=by, reason=reason, details=(details or "").strip()
        )
    logger.info("post %s reported (report %s)", post.pk, report.pk)
    return report


def _close_reports(*, post, by, resolution, reason=""):
    """Settle the open reports of a post; logged once when there were some."""
    updated = PostReport.objects.filter(post_id=post.pk, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=by, resolution=resolution
    )
    if updated:
        _log_post(by=by, action=RESOLUTION_ACTIONS[resolution], post=post, reason=reason)
    return updated


def keep_reported_post(*, post, by, reason=""):
    """The reports were examined and the post stays as it is."""
    if not permissions.can_moderate_post(by, post):
        raise PermissionDenied
    with transaction.atomic():
        post = _locked_post(post)
        if not _close_reports(post=post, by=by, resolution=ReportResolution.KEPT, reason=reason):
            raise ValidationError(_("Ce message n’a plus de signalement en attente."))
    return post


def delete_post(*, post, by, reason):
    """A moderator deletes someone's post (the topic too when it was its only post); its author
    reads the reason in the portal, like a refusal."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Indiquez le motif de la suppression.")})
    if not permissions.can_moderate_post(by, post):
        raise PermissionDenied
    with transaction.atomic():
        post = _locked_post(post)
        _close_reports(post=post, by=by, resolution=ReportResolution.DELETED, reason=reason)
        if post.is_alone:
            _log_topic(by=by, action=ModerationAction.DELETE_TOPIC, topic=post.topic, reason=reason)
        else:
            _log_post(by=by, action=ModerationAction.DELETE_POST, post=post, reason=reason)
        decision = None
        if post.poster_id != by.pk:
            decision = _record_decision(post, reason=reason, kind=DecisionKind.DELETED)
        post.delete()
    return decision


# --- Topics -------------------------------------------------------------------------------

TOPIC_TYPE_ACTIONS = {
    Topic.TOPIC_POST: (ModerationAction.MAKE_NORMAL, "can_update_topics_to_normal_topics"),
    Topic.TOPIC_STICKY: (ModerationAction.MAKE_STICKY, "can_update_topics_to_sticky_topics"),
    Topic.TOPIC_ANNOUNCE: (ModerationAction.MAKE_ANNOUNCE, "can_update_topics_to_announces"),
}


def _locked_topic(topic):
    locked = Topic.objects.select_for_update().filter(pk=topic.pk).first()
    if locked is None:
        raise ValidationError(_("Ce sujet n’existe plus."))
    return Topic.objects.select_related("forum").get(pk=locked.pk)


def lock_topic(*, topic, by, reason=""):
    if not permissions.can_moderate(by, "can_lock_topics", topic.forum):
        raise PermissionDenied
    with transaction.atomic():
        topic = _locked_topic(topic)
        topic.status = Topic.TOPIC_LOCKED
        topic.save()
        _log_topic(by=by, action=ModerationAction.LOCK, topic=topic, reason=reason)
    return topic


def unlock_topic(*, topic, by, reason=""):
    if not permissions.can_moderate(by, "can_lock_topics", topic.forum):
        raise PermissionDenied
    with transaction.atomic():
        topic = _locked_topic(topic)
        topic.status = Topic.TOPIC_UNLOCKED
        topic.save()
        _log_topic(by=by, action=ModerationAction.UNLOCK, topic=topic, reason=reason)
    return topic


def move_topic(*, topic, by, forum, lock=False, reason=""):
    handler = permissions.PermissionHandler()
    if not permissions.can_moderate(by, "can_move_topics", topic.forum, handler):
        raise PermissionDenied
    if forum.pk not in {f.pk for f in handler.get_target_forums_for_moved_topics(by)}:
        raise PermissionDenied
    with transaction.atomic():
        topic = _locked_topic(topic)
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
        topic = _locked_topic(topic)
        topic.type = target_type
        topic.save()
        _log_topic(by=by, action=action, topic=topic, reason=reason)
    return topic


def delete_topic(*, topic, by, reason):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Indiquez le motif de la suppression.")})
    if not permissions.can_moderate(by, "can_delete_topics", topic.forum):
        raise PermissionDenied
    with transaction.atomic():
        topic = _locked_topic(topic)
        now = timezone.now()
        PostReport.objects.filter(post__topic=topic, resolved_at__isnull=True).update(
            resolved_at=now, resolved_by=by, resolution=ReportResolution.DELETED
        )
        _log_topic(by=by, action=ModerationAction.DELETE_TOPIC, topic=topic, reason=reason)
        head = topic.first_post
        if head is not None and head.poster_id != by.pk:
            # The topic's author reads why, as for a deleted post.
            _record_decision(head, reason=reason, kind=DecisionKind.DELETED)
        forum = topic.forum
        topic.delete()
    return forum
