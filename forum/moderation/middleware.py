"""The forum rules before a first post, and moderators' deletions through the logged road.

Why a middleware rather than overriding machina's posting views: those views belong to the
forum's integration (forum_conversation), and the rule here is a gate in front of two URL names,
whatever view serves them. `process_view` runs once the URL is resolved and before the view, so
it sees the URL name, and costs nothing on every other page (one dictionary lookup).

1. Forum rules (R-C14, issue #5 item 4): on `forum_conversation:topic_create` and
   `forum_conversation:post_create`, a member who has not accepted the version of the forum
   rules in force is sent to the rules page, then back to where they were going. Once per
   version, and only when they may post there (otherwise the view refuses them first). No
   rules published: nothing to accept. The approval threshold is also applied
   there, before machina's form decides whether the post waits (so a lowered threshold, or 0,
   takes effect on the next post).
2. A moderator deleting someone else's post through machina's `forum_conversation:post_delete`
   is sent to our deletion page, which asks for a reason and logs the action, so no moderation
   deletion escapes the log. Authors deleting their own posts keep machina's page.
"""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse
from machina.core.db.models import get_model

from . import permissions, rules, services

Forum = get_model("forum", "Forum")
Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")

POSTING_VIEWS = {"forum_conversation:topic_create", "forum_conversation:post_create"}
POST_DELETE_VIEW = "forum_conversation:post_delete"


class ForumRulesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        if match is None or not request.user.is_authenticated:
            return None
        if match.view_name in POSTING_VIEWS:
            # A lowered threshold (or 0) takes effect before the post is saved.
            services.trust_if_threshold_reached(request.user)
            if rules.rules_due(request.user) is not None and self._may_post_there(
                request, match.view_name, view_kwargs
            ):
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('relais_moderation:forum_rules')}?{query}")
        elif match.view_name == POST_DELETE_VIEW:
            poster_id = (
                Post.objects.filter(pk=view_kwargs.get("pk")).values_list("poster_id", flat=True)
            ).first()
            if poster_id is not None and poster_id != request.user.pk:
                return redirect("relais_moderation:delete_post", post_id=view_kwargs["pk"])
        return None

    @staticmethod
    def _may_post_there(request, view_name, view_kwargs):
        """Only someone the view would let post is sent to the rules: the others are refused by
        the view itself (a helpers' forum stays closed to members, whatever the rules)."""
        handler = permissions.handler_for(request)
        if view_name == "forum_conversation:topic_create":
            forum = Forum.objects.filter(pk=view_kwargs.get("forum_pk")).first()
            return forum is not None and handler.can_add_topic(forum, request.user)
        topic = Topic.objects.select_related("forum").filter(pk=view_kwargs.get("topic_pk")).first()
        return topic is not None and handler.can_add_post(topic, request.user)
