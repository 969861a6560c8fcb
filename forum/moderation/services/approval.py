"""Approval of newcomers' posts: the threshold that makes a member trusted, and the
moderators' approval or refusal of a waiting post (issue #5, item 4)."""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from machina.core.db.models import get_model

from forum import notifications

from .. import permissions
from ..models import DecisionKind, ForumModerationSettings, ModerationAction
from .common import Post, locked_post, log_post
from .decisions import record_decision

logger = logging.getLogger(__name__)

ForumPermission = get_model("forum_permission", "ForumPermission")
UserForumPermission = get_model("forum_permission", "UserForumPermission")

POST_WITHOUT_APPROVAL = "can_post_without_approval"


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


def approve_post(*, post, by):
    """Publish a waiting post; its author may become trusted; subscribers are told."""
    if not permissions.can_moderate(by, "can_approve_posts", post.topic.forum):
        raise PermissionDenied
    with transaction.atomic():
        post = locked_post(post)
        if post.approved:
            raise ValidationError(_("Ce message a déjà été validé."))
        post.approved = True
        post.save()
        log_post(by=by, action=ModerationAction.APPROVE, post=post)
        if post.poster is not None:
            trust_if_threshold_reached(post.poster)
    # The forum's notifications (issue #5, part 1) tell subscribers of a newly visible post.
    notifications.post_published(post)
    return post


def reject_post(*, post, by, reason):
    """Refuse a waiting post: the author reads the reason in the portal, the e-mail only says a
    decision is waiting. The post (or the topic it opened) is deleted."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Indiquez le motif du refus : l’auteur le lira.")})
    if not permissions.can_moderate(by, "can_approve_posts", post.topic.forum):
        raise PermissionDenied
    with transaction.atomic():
        post = locked_post(post)
        if post.approved:
            raise ValidationError(_("Ce message est déjà publié : supprimez-le plutôt."))
        decision = record_decision(post, reason=reason, kind=DecisionKind.REFUSED)
        log_post(by=by, action=ModerationAction.REJECT, post=post, reason=reason)
        post.delete()
    return decision
