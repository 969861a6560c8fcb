"""Decisions an author reads in the portal: a refused or deleted post, and why.

The e-mail only says that a decision waits; the text and the reason stay in the portal.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.notifications import notify

from ..models import ModerationDecision

DECISION_SUBJECT = _("Une décision de modération vous attend")
DECISION_MESSAGE = _(
    "L’équipe de modération du forum a pris une décision sur l’un de vos messages. "
    "Vous pouvez la lire dans votre espace."
)


def record_decision(post, *, reason, kind):
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
