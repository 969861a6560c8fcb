"""machina's moderation views, for moderators only, each action going through our services.

machina loads these classes by name (machina.core.loading.get_class) because this package takes
the place of machina.apps.forum_moderation in INSTALLED_APPS. Each view keeps machina's URL,
object lookup and permission check, and adds: the Modération group (permissions.is_moderator),
the moderation log with a reason (services), and the portal's templates.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from machina.apps.forum_moderation import views as machina_views
from machina.core.db.models import get_model

from forum.moderation import permissions, selectors, services
from forum.moderation.forms import ReasonForm, RejectForm
from portal.access import STAFF, audience
from portal.refusals import act, refusal_text

from .forms import TopicMoveForm

Topic = get_model("forum_conversation", "Topic")

RULE = permissions.RULES["moderator"]


class ModeratorsOnly:
    """The Modération group on top of machina's permission for the forum."""

    def perform_permissions_check(self, user, obj, perms):
        return permissions.is_moderator(user) and super().perform_permissions_check(
            user, obj, perms
        )

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        response["Cache-Control"] = "no-store, private"
        return response


class ReasonedTopicAction(ModeratorsOnly):
    """A topic action confirmed by POST, with a reason (required when `reason_required`)."""

    reason_required = False

    def run(self, topic, reason):  # pragma: no cover - each subclass says what it does
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("reason_form", ReasonForm(required=self.reason_required))
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = ReasonForm(request.POST, required=self.reason_required)
        return act(
            request,
            form,
            lambda data: self.run(self.object, data["reason"]),
            success=self.success_message,
            done=lambda _result: HttpResponseRedirect(self.get_success_url()),
            page=lambda status, error: self.render_to_response(
                self.get_context_data(reason_form=form), status=status
            ),
        )


@audience(STAFF, rule=RULE)
class TopicLockView(ReasonedTopicAction, machina_views.TopicLockView):
    success_message = _("Le sujet est verrouillé.")

    def run(self, topic, reason):
        services.lock_topic(topic=topic, by=self.request.user, reason=reason)


@audience(STAFF, rule=RULE)
class TopicUnlockView(ReasonedTopicAction, machina_views.TopicUnlockView):
    success_message = _("Le sujet est déverrouillé.")

    def run(self, topic, reason):
        services.unlock_topic(topic=topic, by=self.request.user, reason=reason)


@audience(STAFF, rule=RULE)
class TopicDeleteView(ReasonedTopicAction, machina_views.TopicDeleteView):
    reason_required = True
    success_message = _("Le sujet est supprimé.")

    def run(self, topic, reason):
        self.forum = services.delete_topic(topic=topic, by=self.request.user, reason=reason)

    def get_success_url(self):
        return reverse("forum:forum", kwargs={"slug": self.forum.slug, "pk": self.forum.pk})


class TopicTypeAction(ReasonedTopicAction):
    def run(self, topic, reason):
        services.change_topic_type(
            topic=topic, by=self.request.user, target_type=self.target_type, reason=reason
        )


@audience(STAFF, rule=RULE)
class TopicUpdateToNormalTopicView(TopicTypeAction, machina_views.TopicUpdateToNormalTopicView):
    question = _("Rendre ce sujet ordinaire (ni épinglé, ni annonce) ?")
    success_message = _("Le sujet est redevenu ordinaire.")


@audience(STAFF, rule=RULE)
class TopicUpdateToStickyTopicView(TopicTypeAction, machina_views.TopicUpdateToStickyTopicView):
    question = _("Épingler ce sujet en tête du forum ?")
    success_message = _("Le sujet est épinglé.")


@audience(STAFF, rule=RULE)
class TopicUpdateToAnnounceView(TopicTypeAction, machina_views.TopicUpdateToAnnounceView):
    question = _("Passer ce sujet en annonce ?")
    success_message = _("Le sujet est passé en annonce.")


@audience(STAFF, rule=RULE)
class TopicMoveView(ModeratorsOnly, machina_views.TopicMoveView):
    form_class = TopicMoveForm
    success_message = _("Le sujet est déplacé.")

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.get_form()
        return act(
            request,
            form,
            self.move,
            success=self.success_message,
            done=lambda _result: HttpResponseRedirect(self.get_success_url()),
            page=lambda status, error: self.render_to_response(
                self.get_context_data(form=form), status=status
            ),
        )

    def move(self, data):
        self.object = services.move_topic(
            topic=self.object,
            by=self.request.user,
            forum=data["forum"],
            lock=data["lock_topic"],
            reason=data["reason"],
        )


@audience(STAFF, rule=RULE)
class ModerationQueueListView(ModeratorsOnly, machina_views.ModerationQueueListView):
    """Posts waiting for approval (machina's queue) and, below, the reported posts."""

    def get_queryset(self):
        forums = permissions.moderation_forums(
            self.request.user, self.request.forum_permission_handler
        )
        return selectors.waiting_posts(forums)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        forums = permissions.moderation_forums(
            self.request.user, self.request.forum_permission_handler
        )
        context["reported_posts"] = selectors.reported_posts(forums)[
            : selectors.REPORTED_POSTS_SHOWN
        ]
        context["reported_total"] = selectors.reported_posts(forums).count()
        return context


class QueuedPostMixin(ModeratorsOnly):
    """A waiting post: one query with its topic and forum, reused by machina's checks."""

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("topic", "topic__forum", "topic__first_post", "poster__forum_identity")
            .annotate(
                open_reports=Count("relais_reports", filter=Q(relais_reports__resolved_at=None))
            )
        )

    def get_object(self, queryset=None):
        if queryset is None and getattr(self, "_queued_post", None) is not None:
            return self._queued_post
        post = super().get_object(queryset)
        if queryset is None:
            self._queued_post = post
        return post


@audience(STAFF, rule=RULE)
class ModerationQueueDetailView(QueuedPostMixin, machina_views.ModerationQueueDetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("reject_form", RejectForm())
        return context


@audience(STAFF, rule=RULE)
class PostApproveView(QueuedPostMixin, machina_views.PostApproveView):
    def approve(self, request, *args, **kwargs):
        post = self.get_object()
        try:
            services.approve_post(post=post, by=request.user)
        except ValidationError as error:
            messages.warning(request, refusal_text(error))
        else:
            messages.success(request, _("Le message est validé et publié."))
        return redirect("forum_moderation:queue")


@audience(STAFF, rule=RULE)
class PostDisapproveView(QueuedPostMixin, machina_views.PostDisapproveView):
    """Refuse a waiting post with a reason (required) that its author reads in the portal."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("reject_form", RejectForm())
        return context

    def disapprove(self, request, *args, **kwargs):
        self.object = post = self.get_object()
        form = RejectForm(request.POST)
        return act(
            request,
            form,
            lambda data: services.reject_post(post=post, by=request.user, reason=data["reason"]),
            success=_("Le message est refusé ; son auteur a été prévenu du motif."),
            done="forum_moderation:queue",
            page=lambda status, error: self.render_to_response(
                self.get_context_data(reject_form=form), status=status
            ),
        )
