"""What the forum's posting views tell the moderation app (called explicitly, no signals).

Both hooks are implemented by forum.moderation.services: a new approved post may make its
author trusted (approval threshold); a moderator's edit of someone else's post is logged.
"""

from . import services


def post_created(post, *, by):
    """A post (or the first post of a new topic) was just saved by `by`."""
    services.post_created(post, by=by)


def post_updated(post, *, by, reason=""):
    """A post was just edited by `by` (its author or a moderator)."""
    services.post_updated(post, by=by, reason=reason)
