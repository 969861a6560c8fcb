"""Forums, topics and posts for tests, created through machina's own models (so its counters,
the search index signals and the read markers behave as in the running portal)."""

from machina.core.db.models import get_model

from members import roles
from members.tests import factories as people

from ..models import ForumIdentity
from ..permissions import ANNOUNCEMENTS_SLUG, HELPERS_SLUG

Forum = get_model("forum", "Forum")
Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")


def forum(name="Relations de travail", slug=None, parent=None):
    slug = slug or name.lower().replace(" ", "-")
    return Forum.objects.create(name=name, slug=slug, type=Forum.FORUM_POST, parent=parent)


def announcements():
    """The "Annonces" forum of the data migration (its rights are per forum)."""
    return Forum.objects.get(slug=ANNOUNCEMENTS_SLUG)


def helpers_forum():
    """The "Entre aidants" forum of the data migration."""
    return Forum.objects.get(slug=HELPERS_SLUG)


def topic(forum, *, poster, subject="Un sujet", content="Le premier message.", approved=True):
    new_topic = Topic.objects.create(
        forum=forum,
        poster=poster,
        subject=subject,
        type=Topic.TOPIC_POST,
        status=Topic.TOPIC_UNLOCKED,
        approved=approved,
    )
    Post.objects.create(
        topic=new_topic, poster=poster, subject=subject, content=content, approved=approved
    )
    new_topic.refresh_from_db()
    return new_topic


def reply(topic, *, poster, content="Une réponse.", approved=True):
    post = Post.objects.create(
        topic=topic,
        poster=poster,
        subject=f"Re : {topic.subject}",
        content=content,
        approved=approved,
    )
    topic.refresh_from_db()
    return post


def named(user, name, *, linked_to_profile=False):
    ForumIdentity.objects.update_or_create(
        user=user,
        defaults={"display_name": name, "chosen": True, "linked_to_profile": linked_to_profile},
    )
    return user


def helper(**kwargs):
    return people.UserFactory(roles=[roles.MEMBERS, roles.HELPERS], **kwargs)


def moderator(**kwargs):
    return people.UserFactory(roles=[roles.MEMBERS, roles.MODERATORS], **kwargs)
