"""Member pages of the forum: named by forum display name, found by an opaque id.

machina finds a member by their database id and names them by username; here the URL carries
the forum identity's own UUID (STYLE.md: URLs carry opaque ids; not the account's
public_id, which would lead from a pseudonym to the member's directory profile), the page
shows the member's forum name and, if they chose to show it, their author card
(forum/templatetags/forum_identity_tags.py, through members/privacy.py). Unapproved posts are
listed only to their author. machina's own profile form (signature, avatar) is replaced by
Relais's forum-name page.
"""

import uuid

from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.views import View
from machina.apps.forum_member import views as machina_views


def _member_by_forum_id(value):
    """The member whose forum identity has this public id (never the account's own id)."""
    try:
        forum_id = uuid.UUID(str(value))
    except ValueError as error:
        raise Http404 from error
    return get_object_or_404(
        get_user_model().objects.select_related("forum_identity"),
        forum_identity__public_id=forum_id,
    )


class UserPostsView(machina_views.UserPostsView):
    @cached_property
    def poster(self):
        return _member_by_forum_id(self.kwargs[self.user_pk_url_kwarg])

    def get_queryset(self):
        posts = super().get_queryset().select_related("poster__forum_identity")
        if self.poster.pk != self.request.user.pk:
            posts = posts.filter(approved=True, topic__approved=True)
        return posts


class ForumProfileDetailView(machina_views.ForumProfileDetailView):
    def get_object(self, queryset=None):
        user = _member_by_forum_id(self.kwargs["pk"])
        profile, _created = machina_views.ForumProfile.objects.get_or_create(user=user)
        profile.user = user
        return profile

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        handler = self.request.forum_permission_handler
        forums = handler.get_readable_forums(machina_views.Forum.objects.all(), self.request.user)
        context["recent_posts"] = (
            machina_views.Post.approved_objects.select_related("topic__forum")
            .filter(topic__forum__in=forums, topic__approved=True, poster=self.object.user)
            .order_by("-created")[: machina_views.machina_settings.PROFILE_RECENT_POSTS_NUMBER]
        )
        return context


class ForumProfileUpdateView(View):
    """Members change their forum name (and card) on Relais's page."""

    def get(self, request, *args, **kwargs):
        return redirect("relais_forum:my_name")

    post = get


class TopicSubscriptionListView(View):
    """Followed topics and forums are listed together on Relais's page."""

    def get(self, request, *args, **kwargs):
        return redirect("relais_forum:my_subscriptions")
