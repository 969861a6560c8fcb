"""Forum search index upkeep: machina searches through django-haystack and a Whoosh index.

Whoosh keeps its index in a directory on disk and works the same whatever the database
(SQLite on a laptop, PostgreSQL in production). It allows one writer at a time: so the web
processes never write to it; each change of a post is queued as a task of the "relais"
backend, and the worker (`manage.py run_worker`) applies it. Only approved posts are indexed
(machina's PostIndex.index_queryset); search results are narrowed to the forums the searcher
may read by machina's search form. A full rebuild: `manage.py rebuild_index --noinput`.
"""

import logging

from django.db import transaction
from django.db.models import signals
from django_tasks import task
from haystack import connections
from haystack.exceptions import NotHandled
from haystack.signals import BaseSignalProcessor
from machina.core.db.models import get_model

logger = logging.getLogger(__name__)

Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")

POST_IDENTIFIER = "forum_conversation.post.{}"


class QueuedSignalProcessor(BaseSignalProcessor):
    """Queue an index update when a post is saved or deleted, or a topic renamed or moved."""

    def setup(self):
        signals.post_save.connect(self.post_saved, sender=Post)
        signals.post_delete.connect(self.post_deleted, sender=Post)
        signals.post_init.connect(self.topic_loaded, sender=Topic)
        signals.post_save.connect(self.topic_saved, sender=Topic)

    def teardown(self):
        signals.post_save.disconnect(self.post_saved, sender=Post)
        signals.post_delete.disconnect(self.post_deleted, sender=Post)
        signals.post_init.disconnect(self.topic_loaded, sender=Topic)
        signals.post_save.disconnect(self.topic_saved, sender=Topic)

    def post_saved(self, sender, instance, **kwargs):
        queue_posts([instance.pk])

    def post_deleted(self, sender, instance, **kwargs):
        queue_posts([instance.pk])

    def topic_loaded(self, sender, instance, **kwargs):
        instance._relais_indexed_as = _indexed_fields(instance)

    def topic_saved(self, sender, instance, created=False, **kwargs):
        """A topic is saved on every new post (machina's counters): reindex its posts only when
        what the index holds of it changed (subject, forum)."""
        before = getattr(instance, "_relais_indexed_as", None)
        instance._relais_indexed_as = _indexed_fields(instance)
        if created or before == instance._relais_indexed_as:
            return
        queue_posts(list(Post.objects.filter(topic_id=instance.pk).values_list("pk", flat=True)))


def _indexed_fields(topic):
    return (topic.subject, topic.forum_id)


def queue_posts(post_ids):
    """After the current transaction commits, queue the update of these posts in the index."""
    ids = sorted(set(post_ids))
    if not ids:
        return
    transaction.on_commit(lambda: update_posts.enqueue(post_ids=ids), robust=True)


def _post_index():
    try:
        return connections["default"].get_unified_index().get_index(Post)
    except NotHandled:  # pragma: no cover - machina's forum_search app is installed
        return None


@task(backend="relais")
def update_posts(*, post_ids):
    """Bring the index in line with the database for these posts: approved posts are (re)indexed,
    unapproved or deleted ones are removed."""
    index = _post_index()
    if index is None:
        return 0
    backend = connections["default"].get_backend()
    posts = {
        post.pk: post
        for post in index.index_queryset()
        .filter(pk__in=post_ids)
        .select_related("topic__forum", "poster__forum_identity")
    }
    if posts:
        backend.update(index, list(posts.values()))
    for post_id in post_ids:
        if post_id not in posts:
            backend.remove(POST_IDENTIFIER.format(post_id))
    logger.info("forum index: %s updated, %s removed", len(posts), len(post_ids) - len(posts))
    return len(post_ids)
