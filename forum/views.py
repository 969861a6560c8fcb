"""Relais's own forum pages: the member's forum name, what they follow, links from e-mails.

Each view is wrapped by forum.access.members_only in forum/urls.py.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from machina.conf import settings as machina_settings

from portal.next_page import safe_next
from portal.refusals import act

from . import identity, selectors, subscriptions
from .forms import ForumNameForm


def my_forum_name(request):
    current = identity.ensure_identity(request.user)

    def page(status, error):
        context = {"form": form, "identity": current}
        return render(request, "forum/my_name.html", context, status=status)

    if request.method != "POST":
        form = ForumNameForm(
            user=request.user,
            initial={
                "display_name": current.display_name if current.chosen else "",
                "linked_to_profile": current.linked_to_profile,
            },
        )
        return page(200, None)
    form = ForumNameForm(request.POST, user=request.user)
    return act(
        request,
        form,
        lambda data: identity.choose_display_name(
            user=request.user,
            name=data["display_name"],
            linked_to_profile=data["linked_to_profile"],
        ),
        success=_("Votre nom sur le forum est enregistré."),
        done="relais_forum:my_name",
        page=page,
        field="display_name",
    )


def my_subscriptions(request):
    handler = request.forum_permission_handler
    return render(
        request,
        "forum/my_subscriptions.html",
        {
            "followed_forums": selectors.followed_forums(request.user, handler),
            "followed_topics": selectors.followed_topics(request.user, handler),
        },
    )


def _back(request, forum):
    fallback = reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk})
    return safe_next(request, fallback, within=reverse("forum:index"))


@require_POST
def follow_forum(request, pk):
    forum = selectors.readable_forum(request.user, pk, request.forum_permission_handler)
    if forum is None or not forum.is_forum:
        raise Http404
    subscriptions.subscribe_to_forum(user=request.user, forum=forum)
    messages.success(
        request, _("Vous suivez ce forum : vous recevrez un e-mail à chaque nouveau message.")
    )
    return HttpResponseRedirect(_back(request, forum))


@require_POST
def unfollow_forum(request, pk):
    forum = selectors.readable_forum(request.user, pk, request.forum_permission_handler)
    if forum is None:
        raise Http404
    subscriptions.unsubscribe_from_forum(user=request.user, forum=forum)
    messages.success(request, _("Vous ne suivez plus ce forum."))
    return HttpResponseRedirect(_back(request, forum))


def go_to_post(request, pk):
    """The link of a notification e-mail: an opaque id, resolved for this reader."""
    post = selectors.readable_post(request.user, pk, request.forum_permission_handler)
    if post is None:
        raise Http404
    topic = post.topic
    position = topic.posts.filter(approved=True, created__lte=post.created).count()
    page = (max(position, 1) - 1) // machina_settings.TOPIC_POSTS_NUMBER_PER_PAGE + 1
    url = reverse(
        "forum_conversation:topic",
        kwargs={
            "forum_slug": topic.forum.slug,
            "forum_pk": topic.forum.pk,
            "slug": topic.slug,
            "pk": topic.pk,
        },
    )
    query = f"?{urlencode({'page': page})}" if page > 1 else ""
    return HttpResponseRedirect(f"{url}{query}#{post.pk}")
