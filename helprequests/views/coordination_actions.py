"""The actions of the coordination's request page (helprequests/coordination/detail.html):
acknowledge (R-P4), accept with a promised date, decline with a referral (R-C2, R-K5), route to
helpers (R-C9), refer to the national level (R-P8), announce a delay (R-C3).

Each is one service call; a refusal or a form problem shows the request page again, as it is
now, with the form as typed (coordination.coordination_page).
"""

from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.permissions import coordinator_required
from portal.refusals import act, refusal_text

from .. import selectors, services
from ..forms.coordination import (
    AcceptForm,
    AcknowledgeForm,
    DeclineForm,
    DelayForm,
    ReferForm,
    RouteForm,
)
from .action_forms import refreshed
from .coordination import coordination_page


def _act(request, public_id, name, form, action, success):
    """One coordination action: run it, or show the page again with the form as typed."""
    obj = selectors.request_for_coordinator(request.user, public_id)

    def page(status, error):
        if error is not None:
            refreshed(form, obj)
            problem = refusal_text(error)
        elif "version" in form.errors:
            problem = _("Ce formulaire est incomplet ou a été modifié : rechargez la page.")
        else:
            problem = _("Ce formulaire contient une erreur : voyez ci-dessous.")
        return coordination_page(request, obj, bound={name: form}, error=problem, status=status)

    return act(
        request,
        form,
        lambda data: action(obj, data),
        success=success,
        done=lambda _result: redirect("helprequests:coord_detail", public_id=obj.public_id),
        page=page,
    )


@coordinator_required
@require_POST
def acknowledge(request, public_id):
    def action(obj, data):
        services.acknowledge_request(
            request=obj, by=request.user, version=data["version"], note=data["note"]
        )

    return _act(
        request,
        public_id,
        "acknowledge",
        AcknowledgeForm(request.POST),
        action,
        _("La demande est prise en compte ; le membre est prévenu de la prochaine étape."),
    )


@coordinator_required
@require_POST
def accept(request, public_id):
    def action(obj, data):
        services.accept_request(
            request=obj,
            by=request.user,
            promised_by=data["promised_by"],
            version=data["version"],
            note=data["note"],
        )

    return _act(
        request,
        public_id,
        "accept",
        AcceptForm(request.POST),
        action,
        _("La demande est acceptée ; le membre voit la date promise."),
    )


@coordinator_required
@require_POST
def decline(request, public_id):
    def action(obj, data):
        services.decline_request(
            request=obj,
            by=request.user,
            reason=data["reason"],
            referral=data["referral"],
            version=data["version"],
        )

    return _act(
        request,
        public_id,
        "decline",
        DeclineForm(request.POST),
        action,
        _("La demande est déclinée ; le membre lit le motif et l’orientation proposée."),
    )


@coordinator_required
@require_POST
def route(request, public_id):
    obj = selectors.request_for_coordinator(request.user, public_id)
    form = RouteForm(
        request.POST, suggestions=selectors.suggested_helpers(obj, viewer=request.user)
    )

    def action(obj, data):
        services.route_request(
            request=obj,
            by=request.user,
            helpers=form.chosen_helpers(),
            version=data["version"],
            note=data["note"],
        )

    return _act(
        request,
        public_id,
        "route",
        form,
        action,
        _("La demande est proposée aux aidant·es choisi·es, sous une référence anonyme."),
    )


@coordinator_required
@require_POST
def refer(request, public_id):
    def action(obj, data):
        services.refer_to_national(
            request=obj, by=request.user, note=data["note"], version=data["version"]
        )

    return _act(
        request,
        public_id,
        "refer",
        ReferForm(request.POST),
        action,
        _("La demande est orientée vers le niveau national."),
    )


@coordinator_required
@require_POST
def delay(request, public_id):
    def action(obj, data):
        services.announce_delay(
            request=obj,
            by=request.user,
            new_date=data["new_date"],
            reason=data["reason"],
            version=data["version"],
        )

    return _act(
        request,
        public_id,
        "delay",
        DelayForm(request.POST),
        action,
        _("Le report est annoncé au membre, avec son motif."),
    )
