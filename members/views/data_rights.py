"""Data rights (R-C8): "Mes données", its JSON export, account deletion, and the coordinators'
review of who opened whose full profile."""

import json

from django.contrib.auth import logout
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from portal.refusals import act

from .. import privacy
from ..forms.data_rights import AccessLogFilterForm, DeleteAccountForm
from ..permissions import account_required, coordinator_required
from ..services import data_rights
from ..sessions import CLEAR_EVERYTHING

ACCESS_LOG_PER_PAGE = 25


@account_required
@require_GET
def my_data(request):
    """Everything the portal holds about me. Who: the person themselves, at any joining step."""
    return render(
        request,
        "members/data_rights/my_data.html",
        {"sections": data_rights.personal_data(request.user)},
    )


@account_required
@require_GET
def my_data_json(request):
    """The same content as "Mes données", as a JSON file. Who: the person themselves."""
    content = json.dumps(
        data_rights.personal_data_json(request.user),
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
        indent=2,
    )
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mes-donnees-relais.json"'
    return response


@account_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    """Delete my account after re-entering my password. Who: the person themselves."""
    form = DeleteAccountForm(request.POST or None, user=request.user)

    def deleted(_result):
        logout(request)
        response = render(request, "members/data_rights/deleted.html")
        response["Clear-Site-Data"] = CLEAR_EVERYTHING
        return response

    def page(status, error):
        return render(
            request, "members/data_rights/delete_account.html", {"form": form}, status=status
        )

    if request.method != "POST":
        return page(200, None)
    return act(
        request,
        form,
        lambda data: data_rights.delete_account(
            user=request.user, remove_forum_posts=data["remove_forum_posts"]
        ),
        success=None,
        done=deleted,
        page=page,
    )


class _LogRow:
    def __init__(self, access, viewer):
        self.accessed_at = access.accessed_at
        coordinator = access.coordinator
        if coordinator is None:  # the account row itself is gone, not only erased
            self.coordinator_name = _("Compte supprimé")
        else:
            # Who opened a profile, named as privacy names people to the coordination's tools.
            person = privacy.person_for(viewer, coordinator, context=privacy.IDENTIFY)
            self.coordinator_name = person.known_name or _("Compte sans nom")
        self.subject_name = privacy.person_for(viewer, access.subject).name


@coordinator_required
@require_GET
def access_log(request):
    """Who opened whose full profile, and when (R-C8). Who: coordinators with a second factor."""
    # privacy.person_for asks the viewer's roles for each row: load them once.
    viewer = request.user
    prefetch_related_objects([viewer], "groups")
    form = AccessLogFilterForm(request.GET or None, viewer=viewer)
    coordinator = form.cleaned_data.get("coordinateur") if form.is_valid() else None
    page = Paginator(
        data_rights.profile_accesses(coordinator=coordinator), ACCESS_LOG_PER_PAGE
    ).get_page(request.GET.get("page"))
    rows = [_LogRow(access, viewer) for access in page]
    query_string = ""
    if coordinator is not None:
        query_string = f"coordinateur={coordinator.public_id}"
    return render(
        request,
        "members/data_rights/access_log.html",
        {"form": form, "accesses": page, "rows": rows, "query_string": query_string},
    )
