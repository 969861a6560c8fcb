"""Who may moderate the forum, in one place (STYLE.md: one decision point per rule).

A moderator is a member of the Modération group AND holds machina's permission for the action
on the forum concerned (granted per forum by the forum's permission migration). Both are needed:
the group says who the network trusts, machina's table says where.
"""

from machina.core.loading import get_class

from members import roles
from members.permissions import requires
from portal.access import STAFF

PermissionHandler = get_class("forum_permission.handler", "PermissionHandler")

RULES = {
    "moderator": "moderators (group Modération), then machina's permission on the forum",
}


def is_moderator(user):
    return roles.has_role(user, roles.MODERATORS)


def handler_for(request=None):
    """machina's permission handler of the request (it caches per request), or a fresh one."""
    handler = getattr(request, "forum_permission_handler", None)
    return handler if handler is not None else PermissionHandler()


def can_moderate(user, check, forum, handler=None):
    """`check` names a PermissionHandler method: "can_approve_posts", "can_lock_topics"…"""
    if not is_moderator(user):
        return False
    handler = handler or PermissionHandler()
    return bool(getattr(handler, check)(forum, user))


def can_moderate_post(user, post, handler=None):
    """Edit or delete someone else's post as a moderator."""
    if not is_moderator(user):
        return False
    handler = handler or PermissionHandler()
    return handler.can_edit_post(post, user) and handler.can_delete_post(post, user)


def can_read_post(user, post, handler=None):
    """A member may read a post when machina lets them read its forum and it is published (or
    theirs)."""
    if not roles.has_role(user, roles.MEMBERS):
        return False
    handler = handler or PermissionHandler()
    if not handler.can_read_forum(post.topic.forum, user):
        return False
    return post.approved or post.poster_id == user.pk


def moderation_forums(user, handler=None):
    """The forums whose queue this user moderates (machina's can_approve_posts)."""
    if not is_moderator(user):
        return []
    handler = handler or PermissionHandler()
    return list(handler.get_moderation_queue_forums(user))


def moderator_required(view):
    """Moderators only; each view then checks machina's permission on the forum concerned."""
    return requires(is_moderator, STAFF, RULES["moderator"])(view)
