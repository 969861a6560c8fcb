"""The forum's part of an account deletion (R-C8, issue #5 item 8; members/deletion.py).

By default the person's messages stay, so that the discussions others took part in still make
sense, but nothing links them to the person any more: no poster, no editor, and the forum shows
"Ancien membre". When the person asks for their messages to be removed, they are deleted; a
topic they opened goes with them when nobody else wrote in it, and otherwise keeps its title and
the others' replies while its opening message is replaced by a notice that it was withdrawn.
In both cases their forum name, profile, subscriptions, read markers, votes and personal forum
permissions go, and the search index is brought up to date (forum/search.py).
"""

import logging

from django.db.models import Q
from django.utils.html import format_html
from django.utils.translation import gettext
from machina.core.db.models import get_model

from members import deletion

from .models import ForumIdentity, ForumSubscription
from .search import queue_posts

logger = logging.getLogger(__name__)

Forum = get_model("forum", "Forum")
Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")
ForumProfile = get_model("forum_member", "ForumProfile")
ForumReadTrack = get_model("forum_tracking", "ForumReadTrack")
TopicReadTrack = get_model("forum_tracking", "TopicReadTrack")
TopicPollVote = get_model("forum_polls", "TopicPollVote")
UserForumPermission = get_model("forum_permission", "UserForumPermission")


def withdrawn_notice():
    return gettext("Message retiré à la demande de son auteur.")


@deletion.register
def forget_forum_member(user, *, remove_forum_posts):
    own_post_ids = list(Post.objects.filter(poster=user).values_list("pk", flat=True))
    touched = set(
        Post.objects.filter(pk__in=own_post_ids).values_list("topic_id", "topic__forum_id")
    )
    if remove_forum_posts:
        _remove_posts(user, own_post_ids)
    _unlink(user)
    _forget_traces(user)
    _refresh_counters(touched)
    queue_posts(own_post_ids)
    logger.info(
        "forum data of user %s forgotten (%s posts %s)",
        user.pk,
        len(own_post_ids),
        "removed" if remove_forum_posts else "kept anonymous",
    )


def _remove_posts(user, post_ids):
    opened = Topic.objects.filter(first_post__poster=user)
    lonely = opened.exclude(posts__in=Post.objects.filter(~Q(poster=user) | Q(poster__isnull=True)))
    lonely_ids = list(lonely.values_list("pk", flat=True))
    # Topics only this person wrote in go as a whole (their posts with them).
    Topic.objects.filter(pk__in=lonely_ids).delete()
    # Topics others answered keep their title and replies; the opening message is withdrawn.
    kept_heads = list(
        Topic.objects.filter(first_post__poster=user).values_list("first_post_id", flat=True)
    )
    notice = withdrawn_notice()
    Post.objects.filter(pk__in=kept_heads).update(
        content=notice,
        _content_rendered=format_html("<p>{}</p>", notice),
        updates_count=0,
        update_reason=None,
    )
    Post.objects.filter(pk__in=post_ids).exclude(pk__in=kept_heads).delete()


def _unlink(user):
    Post.objects.filter(poster=user).update(poster=None, username=None)
    Post.objects.filter(updated_by=user).update(updated_by=None)
    Topic.objects.filter(poster=user).update(poster=None)


def _forget_traces(user):
    user.topic_subscriptions.clear()
    ForumSubscription.objects.filter(user=user).delete()
    ForumIdentity.objects.filter(user=user).delete()
    ForumProfile.objects.filter(user=user).delete()
    ForumReadTrack.objects.filter(user=user).delete()
    TopicReadTrack.objects.filter(user=user).delete()
    TopicPollVote.objects.filter(voter=user).delete()
    UserForumPermission.objects.filter(user=user).delete()


def _refresh_counters(touched):
    topic_ids = {topic_id for topic_id, _forum_id in touched}
    forum_ids = {forum_id for _topic_id, forum_id in touched}
    for topic in Topic.objects.filter(pk__in=topic_ids).select_related("forum"):
        topic.update_trackers()
    for forum in Forum.objects.filter(pk__in=forum_ids):
        forum.update_trackers()
