"""Forums, topics, posts and people for the moderation tests, made with machina's models.

The forum's permission migration (forum/migrations/0002) grants members reading and posting
everywhere and moderators every moderation right; `grant_forum_rights()` makes sure of it so
these tests read alone. Members never hold `can_post_without_approval`: the threshold grants it.
"""

import datetime
import itertools

from django.contrib.auth.models import Group
from machina.core.db.models import get_model

from home.models import CharterKind
from home.tests.factories import CharterIndexPageFactory, CharterPageFactory, make_home_page
from members import roles
from members.tests.factories import UserFactory

Forum = get_model("forum", "Forum")
Topic = get_model("forum_conversation", "Topic")
Post = get_model("forum_conversation", "Post")
ForumPermission = get_model("forum_permission", "ForumPermission")
GroupForumPermission = get_model("forum_permission", "GroupForumPermission")

READ = ("can_see_forum", "can_read_forum", "can_download_file")
POST = ("can_start_new_topics", "can_reply_to_topics", "can_edit_own_posts", "can_attach_file")
MODERATE = (
    "can_approve_posts",
    "can_edit_posts",
    "can_delete_posts",
    "can_lock_topics",
    "can_move_topics",
    "can_post_stickies",
    "can_post_announcements",
    "can_reply_to_locked_topics",
    "can_post_without_approval",
)
_numbers = itertools.count(1)


def _set(group_name, codenames, forum=None, has_perm=True):
    group = Group.objects.get(name=group_name)
    for codename in codenames:
        permission, _ = ForumPermission.objects.get_or_create(codename=codename)
        GroupForumPermission.objects.update_or_create(
            group=group, permission=permission, forum=forum, defaults={"has_perm": has_perm}
        )


def grant_forum_rights():
    _set(roles.MEMBERS, READ + POST)
    _set(roles.MODERATORS, READ + MODERATE)


def make_forum(name=None, *, helpers_only=False):
    grant_forum_rights()
    number = next(_numbers)
    forum = Forum.objects.create(
        name=name or f"Forum d’essai {number}", slug=f"forum-essai-{number}", type=Forum.FORUM_POST
    )
    if helpers_only:
        _set(roles.MEMBERS, READ + POST, forum, has_perm=False)
        _set(roles.HELPERS, READ + POST, forum)
    return forum


def make_topic(
    forum, poster, *, subject="Un sujet d’essai", content="Bonjour à toutes et tous.", approved=True
):
    topic = Topic.objects.create(
        forum=forum,
        poster=poster,
        subject=subject,
        type=Topic.TOPIC_POST,
        status=Topic.TOPIC_UNLOCKED,
        approved=approved,
    )
    Post.objects.create(
        topic=topic, poster=poster, subject=subject, content=content, approved=approved
    )
    topic.refresh_from_db()
    return topic


def make_post(topic, poster, *, content="Une réponse.", approved=True):
    post = Post.objects.create(
        topic=topic,
        poster=poster,
        subject=f"Re: {topic.subject}",
        content=content,
        approved=approved,
    )
    return Post.objects.select_related("topic__forum").get(pk=post.pk)


def first_post(topic):
    return Post.objects.select_related("topic__forum").get(pk=topic.first_post_id)


def moderator(**kwargs):
    return UserFactory(roles=[roles.MEMBERS, roles.MODERATORS], **kwargs)


def helper(**kwargs):
    return UserFactory(roles=[roles.MEMBERS, roles.HELPERS], **kwargs)


def publish_forum_rules(version="V1/2026", effective=datetime.date(2026, 1, 1)):
    from home.models import CharterIndexPage

    index = CharterIndexPage.objects.first()
    if index is None:
        index = CharterIndexPageFactory(parent=make_home_page())
    return CharterPageFactory(
        parent=index,
        title="Charte du forum",
        slug=f"charte-forum-{version.lower().replace('/', '-')}",
        kind=CharterKind.FORUM_RULES,
        version_label=version,
        effective_date=effective,
        body=[("paragraph", "<p>Sur le forum, on se parle avec respect et discrétion.</p>")],
    )
