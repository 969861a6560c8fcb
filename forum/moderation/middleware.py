"""Before machina's posting and deletion views: the approval threshold, and moderators'
deletions through the logged road. (The forum rules before a first post are a charter gate,
forum/moderation/rules.py, asked by members.charter_gates' one middleware.)

Why a middleware rather than overriding machina's views: those views belong to the forum's
integration (forum_conversation), and each rule here stands in front of URL names, whatever view
serves them. `process_view` runs once the URL is resolved and before the view, so it sees the URL
name, and costs nothing on every other page (one dictionary lookup).

1. On `forum_conversation:topic_create` and `forum_conversation:post_create`, the approval
   threshold is applied before machina's form decides whether the post waits (so a lowered
   threshold, or 0, takes effect on the next post).
2. A moderator deleting someone else's post through machina's `forum_conversation:post_delete`
   is sent to our deletion page, which asks for a reason and logs the action, so no moderation
   deletion escapes the log. Authors deleting their own posts keep machina's page.
"""

from django.shortcuts import redirect
from machina.core.db.models import get_model

from . import services
from .rules import POSTING_VIEWS

Post = get_model("forum_conversation", "Post")

POST_DELETE_VIEW = "forum_conversation:post_delete"


class ForumPostingMiddleware:
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
        elif match.view_name == POST_DELETE_VIEW:
            poster_id = (
                Post.objects.filter(pk=view_kwargs.get("pk")).values_list("poster_id", flat=True)
            ).first()
            if poster_id is not None and poster_id != request.user.pk:
                return redirect("relais_moderation:delete_post", post_id=view_kwargs["pk"])
        return None
