"""Relais's own moderation pages: reports, their resolution, deletions with a reason, the log,
the forum rules and the author's view of their waiting posts and of decisions (issue #5).

Views stay thin: forms validate, services change state, selectors narrow what is shown, and
permissions decides who moderates (the Modération group plus machina's forum permission).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from machina.core.db.models import get_model

from home.models import CharterPage
from home.selectors import paginate
from members.permissions import member_required
from portal.next_url import safe_next

from . import permissions, rules, selectors, services
from .forms import ForumRulesForm, LogFilterForm, ReasonForm, ReportForm
from .models import ModerationDecision

Post = get_model("forum_conversation", "Post")

LOG_ENTRIES_PER_PAGE = 50


def _post_or_404(post_id):
    return get_object_or_404(
        Post.objects.select_related("topic", "topic__forum", "poster__forum_identity"), pk=post_id
    )


def topic_url(topic, post=None):
    url = reverse(
        "forum_conversation:topic",
        kwargs={
            "forum_slug": topic.forum.slug,
            "forum_pk": topic.forum.pk,
            "slug": topic.slug,
            "pk": topic.pk,
        },
    )
    return f"{url}?post={post.pk}#{post.pk}" if post is not None else url


def _add_errors(form, error):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- Members ------------------------------------------------------------------------------


@member_required
def report_post(request, post_id):
    """Any member who can read a post reports it with a reason, once."""
    post = _post_or_404(post_id)
    handler = permissions.handler_for(request)
    if not permissions.can_read_post(request.user, post, handler):
        raise Http404
    if request.method == "POST":
        form = ReportForm(request.POST)
        if form.is_valid():
            try:
                services.report_post(post=post, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(
                    request, _("Merci : votre signalement a été transmis aux modérateurs.")
                )
                return redirect(topic_url(post.topic, post))
    else:
        form = ReportForm()
    return render(
        request,
        "relais_moderation/report_post.html",
        {"form": form, "post": post, "topic": post.topic, "topic_url": topic_url(post.topic)},
    )


@member_required
def forum_rules(request):
    """The forum rules with an explicit checkbox, then back to the posting page."""
    next_url = safe_next(request) or reverse("forum:index")
    charter = rules.rules_due(request.user)
    if charter is None:
        return redirect(next_url)
    if request.method == "POST":
        form = ForumRulesForm(request.POST)
        if form.is_valid():
            posted = CharterPage.objects.filter(pk=form.cleaned_data["charter"]).first()
            try:
                rules.accept_rules(user=request.user, charter=posted)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Merci : vous avez accepté la charte du forum."))
                return redirect(next_url)
    else:
        form = ForumRulesForm(initial={"charter": charter.pk})
    if form.is_bound and form.data.get("charter") != str(charter.pk):
        form = ForumRulesForm(initial={"charter": charter.pk})
    return render(
        request,
        "relais_moderation/forum_rules.html",
        {"form": form, "charter": charter, "next": next_url},
    )


@member_required
def my_posts(request):
    """The member's own posts waiting for approval, and the decisions about their posts."""
    return render(
        request,
        "relais_moderation/my_posts.html",
        {
            "pending": selectors.pending_posts_of(request.user)[:100],
            "decisions": selectors.decisions_for(request.user)[:50],
        },
    )


@member_required
def decision(request, decision_id):
    """The author reads why their post was refused; nobody else can open this page."""
    item = get_object_or_404(ModerationDecision, pk=decision_id)
    if item.author_id != request.user.pk:
        raise Http404
    services.mark_decision_read(item)
    return render(request, "relais_moderation/decision.html", {"decision": item})


# --- Moderators ---------------------------------------------------------------------------


@permissions.moderator_required
def reported_post(request, post_id):
    """A reported post, its reports and reporters, and the three ways to settle them."""
    post = _post_or_404(post_id)
    if not permissions.can_moderate_post(request.user, post, permissions.handler_for(request)):
        raise PermissionDenied
    reason_form = ReasonForm()
    if request.method == "POST":
        decision = request.POST.get("decision")
        reason_form = ReasonForm(request.POST, required=decision == "delete")
        if reason_form.is_valid() and decision in ("keep", "delete"):
            reason = reason_form.cleaned_data["reason"]
            try:
                if decision == "keep":
                    services.keep_reported_post(post=post, by=request.user, reason=reason)
                    messages.success(request, _("Le message est conservé ; signalements traités."))
                else:
                    services.delete_post(post=post, by=request.user, reason=reason)
                    messages.success(request, _("Le message est supprimé ; signalements traités."))
            except ValidationError as error:
                _add_errors(reason_form, error)
            else:
                return redirect("forum_moderation:queue")
    return render(
        request,
        "relais_moderation/reported_post.html",
        {
            "post": post,
            "topic": post.topic,
            "topic_url": topic_url(post.topic, post),
            "reports": selectors.open_reports_of(post),
            "reason_form": reason_form,
            "edit_url": reverse(
                "forum_conversation:post_update",
                kwargs={
                    "forum_slug": post.topic.forum.slug,
                    "forum_pk": post.topic.forum.pk,
                    "topic_slug": post.topic.slug,
                    "topic_pk": post.topic.pk,
                    "pk": post.pk,
                },
            ),
        },
    )


@permissions.moderator_required
def delete_post(request, post_id):
    """A moderator deletes someone's post, with a reason that goes to the log."""
    post = _post_or_404(post_id)
    if not permissions.can_moderate_post(request.user, post, permissions.handler_for(request)):
        raise PermissionDenied
    form = ReasonForm(request.POST or None, required=True)
    if request.method == "POST" and form.is_valid():
        topic = post.topic
        forum = topic.forum
        alone = post.is_alone
        try:
            services.delete_post(post=post, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Le message est supprimé."))
            if alone:
                return redirect("forum:forum", slug=forum.slug, pk=forum.pk)
            return redirect(topic_url(topic))
    return render(
        request,
        "relais_moderation/delete_post.html",
        {"post": post, "topic": post.topic, "form": form, "topic_url": topic_url(post.topic)},
    )


@permissions.moderator_required
def moderation_log(request):
    """Every moderation action, newest first, filtered by action (moderators only)."""
    form = LogFilterForm(request.GET or None)
    action = form.cleaned_data["action"] if form.is_valid() else ""
    page = paginate(request, selectors.log_entries(action), LOG_ENTRIES_PER_PAGE)
    forums, topics = selectors.names_for_log(page.object_list)
    rows = [
        {
            "entry": entry,
            "forum": forums.get(entry.forum_id),
            "target_forum": forums.get(entry.target_forum_id),
            "topic": topics.get(entry.topic_id),
        }
        for entry in page.object_list
    ]
    return render(
        request,
        "relais_moderation/log.html",
        {
            "form": form,
            "page_obj": page,
            "rows": rows,
            "query": f"action={action}" if action else "",
        },
    )
