"""The forum index and a forum's topic list, in a fixed number of queries (issue #5, Speed).

machina's views load each forum's last post topic, each poster's name and each unread forum's
ancestors one by one; these load them with the rows they belong to. The read markers are
computed here from the forum tree already loaded (forum/tracking.py).
"""

from machina.apps.forum import views as machina_views
from machina.core.db.models import get_model

from forum import subscriptions, tracking

Forum = get_model("forum", "Forum")
Topic = get_model("forum_conversation", "Topic")

TOPIC_RELATIONS = (
    "poster__forum_identity",
    "last_post__poster__forum_identity",
)


def _forums_with_last_posts(queryset):
    return queryset.select_related("last_post__topic", "last_post__poster__forum_identity")


class IndexView(machina_views.IndexView):
    template_name = "forum/index.html"

    def get_queryset(self):
        handler = self.request.forum_permission_handler
        forums = handler.forum_list_filter(Forum.objects.all(), self.request.user)
        return machina_views.ForumVisibilityContentTree.from_forums(_forums_with_last_posts(forums))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["unread_forums"] = tracking.unread_forums(self.request.user, context["forums"])
        return context


class ForumView(machina_views.ForumView):
    def get_queryset(self):
        return super().get_queryset().select_related(*TOPIC_RELATIONS)

    def get_context_data(self, **kwargs):
        # machina's version lists the announcements without checking their approval and loads
        # the sub-forums without their last posts: both are redone here.
        context = super(machina_views.ForumView, self).get_context_data(**kwargs)
        forum = self.get_forum()
        handler = self.request.forum_permission_handler
        context["forum"] = forum
        context["sub_forums"] = machina_views.ForumVisibilityContentTree.from_forums(
            _forums_with_last_posts(
                handler.forum_list_filter(forum.get_descendants(), self.request.user)
            )
        )
        context["announces"] = list(
            forum.topics.filter(type=Topic.TOPIC_ANNOUNCE, approved=True).select_related(
                "poster", "last_post", "last_post__poster", *TOPIC_RELATIONS
            )
        )
        topics = list(context[self.context_object_name]) + context["announces"]
        context["unread_topics"] = set(
            machina_views.TrackingHandler(self.request).get_unread_topics(topics, self.request.user)
        )
        context["unread_forums"] = tracking.unread_forums(self.request.user, context["sub_forums"])
        context["follows_forum"] = subscriptions.follows_forum(self.request.user, forum)
        return context
