"""Reports on posts: a member reports once; a moderator keeps or deletes the post, which
settles every open report on it (issue #5, item 4)."""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import permissions
from ..models import DecisionKind, ModerationAction, PostReport, ReportResolution
from .common import Post, locked_post, log_post, log_topic
from .decisions import record_decision

logger = logging.getLogger(__name__)

RESOLUTION_ACTIONS = {
    ReportResolution.KEPT: ModerationAction.REPORT_KEPT,
    ReportResolution.EDITED: ModerationAction.REPORT_EDITED,
    ReportResolution.DELETED: ModerationAction.REPORT_DELETED,
}


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


def close_reports(*, post, by, resolution, reason=""):
    """Settle the open reports of a post; logged once when there were some."""
    updated = PostReport.objects.filter(post_id=post.pk, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=by, resolution=resolution
    )
    if updated:
        log_post(by=by, action=RESOLUTION_ACTIONS[resolution], post=post, reason=reason)
    return updated


def keep_reported_post(*, post, by, reason=""):
    """The reports were examined and the post stays as it is."""
    if not permissions.can_moderate_post(by, post):
        raise PermissionDenied
    with transaction.atomic():
        post = locked_post(post)
        if not close_reports(post=post, by=by, resolution=ReportResolution.KEPT, reason=reason):
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
        post = locked_post(post)
        close_reports(post=post, by=by, resolution=ReportResolution.DELETED, reason=reason)
        if post.is_alone:
            log_topic(by=by, action=ModerationAction.DELETE_TOPIC, topic=post.topic, reason=reason)
        else:
            log_post(by=by, action=ModerationAction.DELETE_POST, post=post, reason=reason)
        decision = None
        if post.poster_id != by.pk:
            decision = record_decision(post, reason=reason, kind=DecisionKind.DELETED)
        post.delete()
    return decision
