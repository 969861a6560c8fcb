"""Demo data of the forum's moderation: something in the moderation queue (issue #5).

Runs after forum.demo (its forums and conversations): one reply waiting for approval, written by
a member of the demo network who has not posted yet, and one published post reported by a
member. Idempotent: a second run creates nothing.
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from machina.core.db.models import get_model

from members import roles
from members.demo import DEMO_DOMAIN

from .models import PostReport, ReportReason

Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")

WAITING_TEXT = (
    "Merci pour ce fil. De mon côté, j’ai pris l’habitude de noter après chaque réunion "
    "difficile ce qui m’a aidé à garder mon calme : cela m’évite de ruminer le soir."
)
REPORT_DETAILS = "Ce message me semble s’éloigner du sujet de départ."
REPORTER_EMAIL = "membre2@relais.test"


def _newcomer_without_posts():
    """A member of the demo network who has not written in the forum yet (the last by e-mail;
    the first ones are forum.demo's authors, the browser test uses another one)."""
    User = get_user_model()
    return (
        User.objects.filter(
            email__endswith=f"@{DEMO_DOMAIN}", groups__name=roles.MEMBERS, posts__isnull=True
        )
        .order_by("-email")
        .first()
    )


def load(*, stdout, password=None):
    created = 0
    topics = list(Topic.objects.filter(approved=True).select_related("forum").order_by("pk")[:2])
    if not topics:
        return 0

    if not Post.objects.filter(approved=False, content=WAITING_TEXT).exists():
        author = _newcomer_without_posts()
        if author is not None:
            topic = topics[0]
            Post.objects.create(
                topic=topic,
                poster=author,
                subject=f"Re : {topic.subject}",
                content=WAITING_TEXT,
                approved=False,
            )
            created += 1

    reporter = get_user_model().objects.filter(email__iexact=REPORTER_EMAIL).first()
    target = (
        Post.objects.filter(topic=topics[-1], approved=True)
        .exclude(poster=reporter)
        .order_by("-created")
        .first()
    )
    if reporter is not None and target is not None:
        _report, made = PostReport.objects.get_or_create(
            post=target,
            reporter=reporter,
            defaults={"reason": ReportReason.OFF_TOPIC, "details": REPORT_DETAILS},
        )
        created += int(made)

    if created:
        stdout.write(
            _("Modération du forum : %(count)s éléments de démonstration créés.")
            % {"count": created}
        )
    return created
