"""What happens around a post once machina's form has saved it (issue #5, items 4 and 5).

The posting views of forum/machina_apps/forum_conversation/views.py call these two functions,
explicitly rather than through signals (STYLE.md "No surprises"): first the moderation hooks
(part of forum/moderation/), then, for a post approved at once, the notice to subscribers. A post
approved later is announced by the moderation app calling forum.notifications.post_published.
"""

from forum.moderation import hooks

from . import notifications, subscriptions


def post_created(post, *, by):
    """A post, or the first post of a new topic, was just saved by `by`."""
    if post.topic.first_post_id == post.pk:
        subscriptions.subscribe_to_topic(user=by, topic=post.topic)
    hooks.post_created(post, by=by)
    post.refresh_from_db(fields=["approved"])
    if post.approved:
        notifications.post_published(post)


def post_updated(post, *, by, reason=""):
    """A post was just edited by `by` (its author or a moderator)."""
    hooks.post_updated(post, by=by, reason=reason)
