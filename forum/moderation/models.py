"""Data of the forum's moderation (issue #5, R-C14: a moderated, courteous, confidential forum).

machina owns forums, topics and posts; this app adds what it lacks: the approval threshold,
members' reports, the decisions sent to authors and the moderation log. Log entries keep plain
ids of forums, topics and posts, so they survive the deletion of what they describe.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="warning")
class ForumModerationSettings(BaseGenericSetting):
    """How many approved posts a member needs before posting without approval."""

    approval_threshold = models.PositiveSmallIntegerField(
        _("messages validés avant publication directe"),
        default=3,
        help_text=_(
            "Les messages d’un membre attendent la validation d’un modérateur tant qu’il a moins "
            "de messages validés que ce nombre. 0 : publication directe pour tous."
        ),
    )

    panels = [FieldPanel("approval_threshold")]

    class Meta:
        verbose_name = _("modération du forum")


class ReportReason(models.TextChoices):
    DISRESPECT = "disrespect", _("Propos irrespectueux ou agressifs")
    CONFIDENTIALITY = "confidentiality", _("Atteinte à la confidentialité d’une personne")
    SPAM = "spam", _("Publicité ou message indésirable")
    OFF_TOPIC = "off_topic", _("Hors sujet")
    OTHER = "other", _("Autre raison")


class ReportResolution(models.TextChoices):
    KEPT = "kept", _("Message conservé")
    EDITED = "edited", _("Message modifié")
    DELETED = "deleted", _("Message supprimé")


class PostReport(models.Model):
    """A member reports a post to the moderators, once per post (issue #5, item 4)."""

    post = models.ForeignKey(
        "forum_conversation.Post", on_delete=models.CASCADE, related_name="relais_reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_reports"
    )
    reason = models.CharField(_("motif"), max_length=32, choices=ReportReason.choices)
    details = models.TextField(_("précisions"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("signalé le"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("traité le"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolution = models.CharField(
        _("décision"), max_length=16, choices=ReportResolution.choices, blank=True
    )

    class Meta:
        verbose_name = _("signalement")
        verbose_name_plural = _("signalements")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["post", "reporter"], name="one_report_per_member")
        ]
        indexes = [models.Index(fields=["resolved_at", "post"], name="report_open_idx")]

    def __str__(self):
        return f"PostReport {self.pk}"


class ModerationAction(models.TextChoices):
    APPROVE = "approve", _("Message validé")
    REJECT = "reject", _("Message refusé")
    EDIT = "edit", _("Message modifié par la modération")
    DELETE_POST = "delete_post", _("Message supprimé")
    DELETE_TOPIC = "delete_topic", _("Sujet supprimé")
    LOCK = "lock", _("Sujet verrouillé")
    UNLOCK = "unlock", _("Sujet déverrouillé")
    MOVE = "move", _("Sujet déplacé")
    MAKE_NORMAL = "make_normal", _("Sujet rendu ordinaire")
    MAKE_STICKY = "make_sticky", _("Sujet épinglé")
    MAKE_ANNOUNCE = "make_announce", _("Sujet passé en annonce")
    REPORT_KEPT = "report_kept", _("Signalement traité : message conservé")
    REPORT_EDITED = "report_edited", _("Signalement traité : message modifié")
    REPORT_DELETED = "report_deleted", _("Signalement traité : message supprimé")


class ModerationLogEntry(models.Model):
    """One moderation action: who, what, on which forum/topic/post, when and why.

    Ids rather than foreign keys: the entry must outlive the post or topic it describes.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("modérateur"),
    )
    action = models.CharField(_("action"), max_length=32, choices=ModerationAction.choices)
    forum_id = models.PositiveIntegerField(_("forum"), null=True, blank=True)
    topic_id = models.PositiveIntegerField(_("sujet"), null=True, blank=True)
    post_id = models.PositiveIntegerField(_("message"), null=True, blank=True)
    target_forum_id = models.PositiveIntegerField(_("forum de destination"), null=True, blank=True)
    reason = models.TextField(_("motif"), blank=True)
    created_at = models.DateTimeField(_("le"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("entrée du journal de modération")
        verbose_name_plural = _("journal de modération")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["action", "-created_at"], name="modlog_action_idx")]

    def __str__(self):
        return f"ModerationLogEntry {self.pk}"


class DecisionKind(models.TextChoices):
    REFUSED = "refused", _("message refusé")
    DELETED = "deleted", _("message supprimé")


class ModerationDecision(models.Model):
    """A refusal, or the deletion of a published post, that the author reads in the portal: the
    e-mail only says that it is waiting.

    The author's own subject and text are kept here so they can rework and post again; only the
    author (and moderators) can read this page.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_decisions"
    )
    forum_id = models.PositiveIntegerField(null=True, blank=True)
    topic_id = models.PositiveIntegerField(null=True, blank=True)
    was_topic = models.BooleanField(default=False)
    kind = models.CharField(
        _("décision"), max_length=16, choices=DecisionKind.choices, default=DecisionKind.REFUSED
    )
    subject = models.CharField(_("sujet"), max_length=255)
    content = models.TextField(_("texte proposé"))
    reason = models.TextField(_("motif"))
    created_at = models.DateTimeField(_("le"), auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("décision de modération")
        verbose_name_plural = _("décisions de modération")
        ordering = ["-created_at"]

    def __str__(self):
        return f"ModerationDecision {self.pk}"
