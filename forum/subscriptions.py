"""Following topics (machina's Topic.subscribers) and whole forums (forum.ForumSubscription)."""

from django.db import transaction

from .models import ForumSubscription


def subscribe_to_topic(*, user, topic):
    topic.subscribers.add(user)


def subscribe_to_forum(*, user, forum):
    with transaction.atomic():
        ForumSubscription.objects.get_or_create(user=user, forum=forum)


def unsubscribe_from_forum(*, user, forum):
    ForumSubscription.objects.filter(user=user, forum=forum).delete()


def follows_forum(user, forum):
    return ForumSubscription.objects.filter(user=user, forum=forum).exists()
