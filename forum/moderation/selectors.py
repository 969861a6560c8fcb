"""What the moderation pages show, already narrowed to the viewer (STYLE.md: selectors)."""

from django.db.models import Count, Max, Q
from machina.core.db.models import get_model

from .models import ModerationDecision, ModerationLogEntry, PostReport

Forum = get_model("forum", "Forum")
Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")

REPORTED_POSTS_SHOWN = 50
OPEN = Q(relais_reports__resolved_at=None)


def waiting_posts(forums):
    """machina's approval queue: unapproved posts of the forums given, newest first."""
    return (
        Post.objects.filter(topic__forum__in=forums, approved=False)
        .select_related("topic", "topic__forum", "poster__forum_identity")
        .order_by("-created")
    )


def reported_posts(forums):
    """Posts with at least one open report in these forums, most reported first, with their
    count. (Filtering on `relais_reports__resolved_at=None` alone would also match posts with
    no report at all, through the outer join: the count decides.)"""
    return (
        Post.objects.filter(topic__forum__in=forums)
        .annotate(
            open_reports=Count("relais_reports", filter=OPEN),
            last_reported=Max("relais_reports__created_at", filter=OPEN),
        )
        .filter(open_reports__gt=0)
        .select_related("topic", "topic__forum", "poster")
        .order_by("-open_reports", "-last_reported")
    )


def open_reports_of(post):
    """The open reports of a post, with their reporters (shown to moderators only)."""
    return (
        PostReport.objects.filter(post=post, resolved_at=None)
        .select_related("reporter__forum_identity")
        .order_by("created_at")
    )


def log_entries(action=""):
    """The moderation log, newest first, optionally one action only."""
    entries = ModerationLogEntry.objects.select_related("actor__forum_identity")
    if action:
        entries = entries.filter(action=action)
    return entries.order_by("-created_at", "-pk")


def names_for_log(entries):
    """{forum id: name} and {topic id: subject} for a page of log entries (two queries)."""
    forum_ids = {e.forum_id for e in entries} | {e.target_forum_id for e in entries}
    topic_ids = {e.topic_id for e in entries}
    forum_ids.discard(None)
    topic_ids.discard(None)
    forums = dict(Forum.objects.filter(pk__in=forum_ids).values_list("pk", "name"))
    topics = {
        topic.pk: topic
        for topic in Topic.objects.filter(pk__in=topic_ids)
        .select_related("forum")
        .only("pk", "subject", "slug", "forum__slug", "forum__id")
    }
    return forums, topics


def pending_posts_of(user):
    """The author's own posts that wait for approval."""
    return (
        Post.objects.filter(poster=user, approved=False)
        .select_related("topic", "topic__forum")
        .order_by("-created")
    )


def decisions_for(user):
    return ModerationDecision.objects.filter(author=user).order_by("-created_at")
