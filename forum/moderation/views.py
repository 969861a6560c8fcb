"""Relais's own moderation pages: reports, their resolution, deletions with a reason, the log,
the forum rules and the author's view of their waiting posts and of decisions (issue #5).

Views stay thin: forms validate, services change state, selectors narrow what is shown, and
permissions decides who moderates (the Modération group plus machina's forum permission).
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from machina.core.db.models import get_model

from home.models import CharterPage
from members.permissions import member_required
from portal.next_page import safe_next
from portal.refusals import act

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


# --- Members ------------------------------------------------------------------------------


@member_required
def report_post(request, post_id):
    """Any member who can read a post reports it with a reason, once."""
    post = _post_or_404(post_id)
    handler = permissions.handler_for(request)
    if not permissions.can_read_post(request.user, post, handler):
        raise Http404

    def page(status, error):
        context = {
            "form": form,
            "post": post,
            "topic": post.topic,
            "topic_url": topic_url(post.topic),
        }
        return render(request, "relais_moderation/report_post.html", context, status=status)

    if request.method != "POST":
        form = ReportForm()
        return page(200, None)
    form = ReportForm(request.POST)
    return act(
        request,
        form,
        lambda data: services.report_post(post=post, by=request.user, **data),
        success=_("Merci : votre signalement a été transmis aux modérateurs."),
        done=topic_url(post.topic, post),
        page=page,
    )


@member_required
def forum_rules(request):
    """The forum rules with an explicit checkbox, then back to the posting page."""
    next_url = safe_next(request, reverse("forum:index"))
    charter = rules.rules_due(request.user)
    if charter is None:
        return redirect(next_url)

    def page(status, error):
        shown = form
        if form.is_bound and form.data.get("charter") != str(charter.pk):
            shown = ForumRulesForm(initial={"charter": charter.pk})
        context = {"form": shown, "charter": charter, "next": next_url}
        return render(request, "relais_moderation/forum_rules.html", context, status=status)

    if request.method != "POST":
        form = ForumRulesForm(initial={"charter": charter.pk})
        return page(200, None)
    form = ForumRulesForm(request.POST)
    return act(
        request,
        form,
        lambda data: rules.accept_rules(
            user=request.user, charter=CharterPage.objects.filter(pk=data["charter"]).first()
        ),
        success=_("Merci : vous avez accepté la charte du forum."),
        done=next_url,
        page=page,
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

    def page(status, error):
        context = {
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
        }
        return render(request, "relais_moderation/reported_post.html", context, status=status)

    if request.method != "POST":
        reason_form = ReasonForm()
        return page(200, None)
    decision = request.POST.get("decision")
    reason_form = ReasonForm(request.POST, required=decision == "delete")
    if decision == "keep":
        settle = services.keep_reported_post
        success = _("Le message est conservé ; signalements traités.")
    elif decision == "delete":
        settle = services.delete_post
        success = _("Le message est supprimé ; signalements traités.")
    else:  # neither button: nothing to do but show the page again
        return page(400, None)
    return act(
        request,
        reason_form,
        lambda data: settle(post=post, by=request.user, reason=data["reason"]),
        success=success,
        done="forum_moderation:queue",
        page=page,
    )


@permissions.moderator_required
def delete_post(request, post_id):
    """A moderator deletes someone's post, with a reason that goes to the log."""
    post = _post_or_404(post_id)
    if not permissions.can_moderate_post(request.user, post, permissions.handler_for(request)):
        raise PermissionDenied
    form = ReasonForm(request.POST or None, required=True)
    topic = post.topic
    forum = topic.forum
    alone = post.is_alone

    def page(status, error):
        context = {"post": post, "topic": topic, "form": form, "topic_url": topic_url(topic)}
        return render(request, "relais_moderation/delete_post.html", context, status=status)

    if request.method != "POST":
        return page(200, None)
    return act(
        request,
        form,
        lambda data: services.delete_post(post=post, by=request.user, reason=data["reason"]),
        success=_("Le message est supprimé."),
        done=lambda _result: (
            redirect("forum:forum", slug=forum.slug, pk=forum.pk) if alone else topic_url(topic)
        ),
        page=page,
    )


@permissions.moderator_required
def moderation_log(request):
    """Every moderation action, newest first, filtered by action (moderators only)."""
    form = LogFilterForm(request.GET or None)
    action = form.cleaned_data["action"] if form.is_valid() else ""
    page = Paginator(selectors.log_entries(action), LOG_ENTRIES_PER_PAGE).get_page(
        request.GET.get("page")
    )
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
