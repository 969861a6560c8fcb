"""The private thread of a request: posting a message and downloading an attachment (issue #6).

The thread belongs to the member who asked, the coordinators and the helper who took the
request; nobody else reads it, not even another helper it was offered to. Attachments live under
MEDIA_ROOT/helprequests/, which home.views.serve_protected_media never serves: they leave only
through `attachment` below, after the same check as the thread, as a download that is never
cached.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from members import roles
from members.mfa import acts_with_second_factor
from members.permissions import account_required
from portal.next_page import safe_next
from portal.refusals import act

from .. import selectors, services
from ..forms.thread import MessageForm
from ..models import MessageAttachment
from ..presenters import request_view

logger = logging.getLogger(__name__)

# Where each role reads the request, to come back after posting.
PAGE_OF_ROLE = {
    "member": "helprequests:detail",
    "coordinator": "helprequests:coord_detail",
    "helper": "helprequests:helper_brief",
}


def thread_access(http_request, public_id):
    """(request, role) when the person may read the thread of request `public_id`; Http404
    otherwise.

    The requester reads it as "member"; a coordinator whose session passed the second factor as
    "coordinator" (members.mfa); the helper whose routing was accepted as "helper" (an offered
    helper reads only the brief).
    """
    user = http_request.user
    if roles.has_role(user, roles.MEMBERS):
        try:
            return selectors.request_for_member(user, public_id), "member"
        except Http404:
            pass
    if roles.has_role(user, roles.COORDINATORS) and acts_with_second_factor(http_request):
        return selectors.request_for_coordinator(user, public_id), "coordinator"
    if roles.has_role(user, roles.HELPERS):
        routing = selectors.routing_for_helper(user, public_id)
        if routing.takes_part:
            return routing.request, "helper"
    raise Http404


def _back_to(request, help_request, role):
    target = safe_next(request, within=reverse("helprequests:mine"))
    if target:
        return target
    try:
        return reverse(PAGE_OF_ROLE[role], kwargs={"public_id": help_request.public_id})
    except NoReverseMatch:
        return reverse("helprequests:helper_requests") if role == "helper" else "/"


@account_required
@require_POST
def post_message(request, public_id):
    """Write in the thread, with optional attachments. Who: the requester, coordinators, the
    helper who took the request (thread_access); services.post_message decides the rest."""
    help_request, role = thread_access(request, public_id)
    form = MessageForm(request.POST, request.FILES)

    def page(status, error):
        context = {
            "view": request_view(request.user, help_request, as_role=role),
            "message_form": form,
            "back_url": _back_to(request, help_request, role),
        }
        return render(request, "helprequests/partials/thread_page.html", context, status=status)

    return act(
        request,
        form,
        lambda data: services.post_message(
            request=help_request, by=request.user, body=data["body"], files=data["files"]
        ),
        success=_("Votre message est envoyé."),
        done=lambda _result: _back_to(request, help_request, role) + "#echanges",
        page=page,
    )


@account_required
@require_GET
def attachment(request, public_id):
    """Download one attachment of a thread. Who: whoever may read that thread (thread_access);
    everyone else gets 404, as if it did not exist."""
    request_public_id = (
        MessageAttachment.objects.filter(public_id=public_id)
        .values_list("message__request__public_id", flat=True)
        .first()
    )
    if request_public_id is None:
        raise Http404
    help_request, role = thread_access(request, request_public_id)
    found = None
    for message in selectors.thread_of(help_request, request.user, as_role=role):
        for item in message.attachments.all():
            if item.public_id == public_id:
                found = item
    if found is None or not found.file:
        raise Http404
    if role == "coordinator":
        services.record_access(request=help_request, viewer=request.user)
    try:
        handle = found.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    except PermissionError as refused:  # pragma: no cover - disk permissions
        raise PermissionDenied from refused
    logger.info("attachment %s downloaded by user %s", found.pk, request.user.pk)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=found.original_name or "piece-jointe",
        content_type=found.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
