"""Topic page and posting views: machina's, with what Relais needs around them.

- The topic page runs a fixed number of queries: each post's topic, poster name and author card
  (members/privacy.py reads the profile, its organisation, skills and themes) are loaded with the
  page's posts instead of one by one. A topic still waiting for approval is shown only to its
  author and to those who may approve it.
- Posting calls, explicitly and in this order, the moderation hooks (forum/moderation/hooks.py)
  and the publication notice (forum/notifications.py), through forum/posting.py.
- Attachments go through forum.forms.AttachmentFormset: the upload rules shared with the
  help requests' thread (portal/uploads.py), random names on disk, at most five per post.
- The forum, topic and post named in a URL must belong together: machina trusts the forum of
  the URL for some checks (attachments, approval), so a mismatch is a 404 here.
"""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from machina.apps.forum_conversation import views as machina_views
from machina.core.db.models import get_model

from forum import posting
from forum.forms import AttachmentFormset

Post = get_model("forum_conversation", "Post")

POST_RELATIONS = (
    "poster__forum_identity",
    "poster__profile__organisation",
    "updated_by__forum_identity",
)
POST_PREFETCHES = ("attachments", "poster__profile__skills", "poster__profile__themes")


def may_see_unapproved(request, topic):
    user = request.user
    return topic.poster_id == user.pk or request.forum_permission_handler.can_approve_posts(
        topic.forum, user
    )


class TopicView(machina_views.TopicView):
    def get_topic(self):
        if not hasattr(self, "topic"):
            topic = super().get_topic()
            if not topic.approved and not may_see_unapproved(self.request, topic):
                raise Http404
            self.topic = topic
        return self.topic

    def get_queryset(self):
        return (
            self.get_topic()
            .posts.exclude(approved=False)
            .select_related("poster", "updated_by", *POST_RELATIONS)
            .prefetch_related(*POST_PREFETCHES)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        topic = context["topic"]
        for post in context["posts"]:
            post.topic = topic  # the permission checks of each post read post.topic.forum
        return context


class _BelongTogether:
    """The forum, topic and post of the URL are those of the object, or the page is a 404."""

    def get_forum(self):
        forum = super().get_forum()
        topic = self.get_topic()
        if topic is not None and topic.forum_id != forum.pk:
            raise Http404
        return forum

    def get_topic(self):
        topic = super().get_topic()
        if topic is not None and not getattr(self, "_relais_topic_checked", False):
            post = machina_views.BasePostFormView.get_post(self)
            if post is not None and post.topic_id != topic.pk:
                raise Http404
            self._relais_topic_checked = True
        return topic


class _Posting:
    """After a valid, non-preview submission: tell moderation and announce (forum/posting.py).

    A post that waits for approval leads its author to "Mes messages en modération", where they
    see it waiting and, later, any decision about it.
    """

    creates = True
    attachment_formset_class = AttachmentFormset  # portal/uploads.py rules, at most 5 files
    approval_required_message = _(
        "Votre message sera relu par l’équipe de modération avant d’apparaître sur le forum. "
        "Vous le retrouvez ici en attendant."
    )

    @property
    def success_message(self):
        """Said after saving; nothing when the post waits for approval, whose notice says what
        happens next ("publié" above "sera relu" would contradict it; an empty message is not
        queued)."""
        post = getattr(self, "forum_post", None)
        if post is not None and not post.approved:
            return ""
        return _("Votre message est publié.") if self.creates else _("Votre message est modifié.")

    def get_success_url(self):
        if not self.forum_post.approved:
            return reverse("relais_moderation:my_posts")
        return super().get_success_url()

    def form_valid(self, post_form, *args, **kwargs):
        response = super().form_valid(post_form, *args, **kwargs)
        if not self.preview:
            post = Post.objects.select_related("topic__forum").get(pk=self.forum_post.pk)
            if self.creates:
                posting.post_created(post, by=self.request.user)
            else:
                reason = post_form.cleaned_data.get("update_reason") or ""
                posting.post_updated(post, by=self.request.user, reason=reason)
        return response


class TopicCreateView(_Posting, _BelongTogether, machina_views.TopicCreateView):
    pass


class TopicUpdateView(_Posting, _BelongTogether, machina_views.TopicUpdateView):
    creates = False


class PostCreateView(_Posting, _BelongTogether, machina_views.PostCreateView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["previous_posts"] = context["previous_posts"].select_related(*POST_RELATIONS)
        return context


class PostUpdateView(_Posting, _BelongTogether, machina_views.PostUpdateView):
    creates = False


class PostDeleteView(machina_views.PostDeleteView):
    pass
