"""The actions of the helper's brief page (helprequests/helper/brief.html): answer an offer,
step aside (R-G1), consent to share contact details (R-C10), start, announce a delay (R-C3),
raise an alert (R-A12), file the outcome (R-C13), propose a quote (R-C5), supervision (R-K8),
resolve.

Each is one service call on the helper's routing (selectors.routing_for_helper: 404 unless it is
theirs and guardian's view_brief holds); a refusal or a form problem shows the brief again with
the form as typed (helper.brief_page).
"""

from functools import wraps

from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from members.permissions import helper_required
from portal.refusals import act

from .. import selectors, services
from ..forms import helper as helper_forms
from ..models import SupervisionShare
from .helper import brief_page


def _act(request, public_id, form_name, form, action, *, success, then=None):
    """Run `action(routing, cleaned_data)` when the form is valid; show the error on the brief
    page otherwise, with what was typed kept."""
    routing = selectors.routing_for_helper(request.user, public_id)

    def done(_result):
        if then is not None:
            return then(routing)
        return redirect("helprequests:helper_brief", public_id=public_id)

    return act(
        request,
        form,
        lambda data: action(routing, data),
        success=success,
        done=done,
        page=lambda status, error: brief_page(
            request, routing, bound={form_name: form}, status=status
        ),
    )


def _version(data):
    return data.get("version")


def post_else_brief(view):
    """A POST-only action whose URL a browser may still show after a refused form: reloading it
    (GET) leads back to the brief instead of a "method not allowed" page."""

    @wraps(view)
    def wrapped(request, public_id, *args, **kwargs):
        if request.method in ("GET", "HEAD"):
            return redirect("helprequests:helper_brief", public_id=public_id)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return view(request, public_id, *args, **kwargs)

    return wrapped


@helper_required
@post_else_brief
def helper_accept(request, public_id):
    """Take the request (offered → accepted). Who: the helper it is offered to."""
    return _act(
        request,
        public_id,
        "accept_form",
        helper_forms.AcceptForm(request.POST),
        lambda routing, data: services.accept_routing(
            routing=routing, by=request.user, version=_version(data)
        ),
        success=_("Vous avez pris cette demande en charge."),
    )


@helper_required
@post_else_brief
def helper_decline(request, public_id):
    """Decline an offered request; the routing ends and so does access. Who: that helper."""
    return _act(
        request,
        public_id,
        "decline_form",
        helper_forms.DeclineForm(request.POST),
        lambda routing, data: services.decline_routing(
            routing=routing, by=request.user, note=data["note"], version=_version(data)
        ),
        success=_("Vous avez décliné cette demande. La coordination en est informée."),
        then=lambda routing: redirect("helprequests:helper_requests"),
    )


@helper_required
@post_else_brief
def helper_step_aside(request, public_id):
    """R-G1: step aside because the helper may know the person. Who: that helper."""
    return _act(
        request,
        public_id,
        "step_aside_form",
        helper_forms.StepAsideForm(request.POST),
        lambda routing, data: services.step_aside(
            routing=routing, by=request.user, note=data["note"], version=_version(data)
        ),
        success=_(
            "Vous vous êtes retiré·e de cette demande. La coordination la proposera à quelqu’un "
            "d’autre ; vous n’y avez plus accès."
        ),
        then=lambda routing: redirect("helprequests:helper_requests"),
    )


@helper_required
@post_else_brief
def helper_consent(request, public_id):
    """R-C10: the helper agrees to exchange contact details. Who: the helper who took it."""
    return _act(
        request,
        public_id,
        "consent_form",
        helper_forms.ConsentForm(request.POST),
        lambda routing, data: services.give_helper_consent(
            routing=routing, by=request.user, version=_version(data)
        ),
        success=_("Votre accord pour échanger vos coordonnées est enregistré."),
    )


@helper_required
@post_else_brief
def helper_start(request, public_id):
    """taken → in progress. Who: the helper who took it."""
    return _act(
        request,
        public_id,
        "start_form",
        helper_forms.StartForm(request.POST),
        lambda routing, data: services.start_work(
            request=routing.request, by=request.user, version=_version(data)
        ),
        success=_("La demande est maintenant en cours."),
    )


@helper_required
@post_else_brief
def helper_delay(request, public_id):
    """R-C3: announce a delay with its reason; the member sees it. Who: the helper who took it."""
    return _act(
        request,
        public_id,
        "delay_form",
        helper_forms.DelayForm(request.POST),
        lambda routing, data: services.announce_delay(
            request=routing.request,
            by=request.user,
            new_date=data["new_date"],
            reason=data["reason"],
            version=_version(data),
        ),
        success=_("Le report est annoncé au membre avec son motif."),
    )


@helper_required
@post_else_brief
def helper_alert(request, public_id):
    """R-A12: raise an alert; every coordinator is told at once. Who: the helper of the routing."""
    return _act(
        request,
        public_id,
        "alert_form",
        helper_forms.AlertForm(request.POST),
        lambda routing, data: services.raise_alert(
            request=routing.request, by=request.user, kind=data["kind"], note=data["note"]
        ),
        success=_("Votre alerte est levée."),
        then=lambda routing: redirect(
            "helprequests:helper_alert_raised", public_id=routing.request.public_id
        ),
    )


@helper_required
@post_else_brief
def helper_outcome(request, public_id):
    """R-C13: the short outcome report, without price or duration. Who: the helper who took it."""
    return _act(
        request,
        public_id,
        "outcome_form",
        helper_forms.OutcomeForm(request.POST),
        lambda routing, data: services.file_outcome(
            request=routing.request,
            by=request.user,
            help_kind=data["help_kind"],
            settled=data["settled"],
            note=data["note"],
        ),
        success=_("Votre compte rendu est enregistré. Merci."),
    )


@helper_required
@post_else_brief
def helper_offer(request, public_id):
    """R-C5: propose a longer accompaniment at the network's price. Who: the helper who took it."""
    return _act(
        request,
        public_id,
        "offer_form",
        helper_forms.OfferForm(request.POST),
        lambda routing, data: services.make_offer(
            request=routing.request,
            by=request.user,
            title=data["title"],
            description=data["description"],
            usual_price=data["usual_price"],
            network_price=data["network_price"],
        ),
        success=_("Votre devis est proposé au membre, qui peut l’accepter ou le refuser."),
    )


@helper_required
@post_else_brief
def helper_supervision_ask(request, public_id):
    """R-K8: ask the member's agreement to discuss the case with a supervisor. Who: the helper
    who took it."""
    return _act(
        request,
        public_id,
        "supervision_form",
        helper_forms.SupervisionForm(request.POST, viewer=request.user),
        lambda routing, data: services.ask_supervision(
            request=routing.request, by=request.user, supervisor=data["supervisor"]
        ),
        success=_("Le membre est invité à donner son accord pour cette supervision."),
    )


@helper_required
@post_else_brief
def helper_supervision_share(request, public_id):
    """R-K8: share the anonymised summary once the member agreed. Who: the helper who asked."""
    routing = selectors.routing_for_helper(request.user, public_id)
    share_id = request.POST.get("share", "")
    share = (
        SupervisionShare.objects.filter(
            pk=int(share_id), request=routing.request, helper=request.user
        ).first()
        if share_id.isdigit()
        else None
    )
    if share is None:
        raise Http404
    form = helper_forms.SummaryForm(request.POST)
    return act(
        request,
        form,
        lambda data: services.share_summary(share=share, by=request.user, summary=data["summary"]),
        success=_("Le résumé anonymisé est partagé avec la supervision."),
        done=lambda _result: redirect("helprequests:helper_brief", public_id=public_id),
        page=lambda status, error: brief_page(
            request,
            routing,
            bound={f"summary_form_{share.pk}": form, "summary_error": True},
            status=status,
        ),
    )


@helper_required
@post_else_brief
def helper_resolve(request, public_id):
    """taken|in progress → resolved; the member then receives the questionnaire (R-P7). Who:
    the helper who took it."""
    return _act(
        request,
        public_id,
        "resolve_form",
        helper_forms.ResolveForm(request.POST),
        lambda routing, data: services.resolve_request(
            request=routing.request, by=request.user, note=data["note"], version=_version(data)
        ),
        success=_(
            "La demande est résolue. Le membre reçoit le questionnaire de satisfaction ; sa "
            "réponse clôt la demande."
        ),
    )
