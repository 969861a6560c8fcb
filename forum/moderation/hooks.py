"""What the forum's posting views tell the moderation app (called explicitly, no signals)."""


def post_created(post, *, by):
    """A post (or the first post of a new topic) was just saved by `by`."""


def post_updated(post, *, by, reason=""):
    """A post was just edited by `by` (its author or a moderator)."""
