"""What a member may see of the forum, through machina's permission handler."""

from machina.core.db.models import get_model
from machina.core.loading import get_class

from .models import ForumSubscription

Forum = get_model("forum", "Forum")
Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")
PermissionHandler = get_class("forum_permission.handler", "PermissionHandler")


def readable_forums(user, handler=None):
    """The forums `user` may read (a queryset)."""
    handler = handler or PermissionHandler()
    return handler.get_readable_forums(Forum.objects.all(), user)


def readable_forum(user, pk, handler=None):
    """The forum `pk` if `user` may read it, else None."""
    return readable_forums(user, handler).filter(pk=pk).first()


def readable_post(user, pk, handler=None):
    """The approved post `pk` if `user` may read its forum, else None."""
    post = Post.objects.select_related("topic__forum").filter(pk=pk, approved=True).first()
    if post is None or not post.topic.approved:
        return None
    handler = handler or PermissionHandler()
    return post if handler.can_read_forum(post.topic.forum, user) else None


def followed_forums(user, handler=None):
    ids = ForumSubscription.objects.filter(user=user).values_list("forum_id", flat=True)
    return readable_forums(user, handler).filter(pk__in=ids).order_by("tree_id", "lft")


def followed_topics(user, handler=None):
    return (
        Topic.objects.filter(
            subscribers=user, approved=True, forum__in=readable_forums(user, handler)
        )
        .select_related("forum")
        .order_by("-last_post_on")
    )
