"""The helper's pages under /demandes/aidant/ (issue #6; R-C9, R-C10, R-G1, R-A12, R-C13, R-C5,
R-K8).

A helper reaches a request only through its routing: selectors.routing_for_helper answers 404
unless the routing is theirs and still live and guardian's `view_brief` holds (granted by the
routing, revoked when it ends or the request closes). What they read is the pseudonymous brief
(selectors.brief_of), never the request's personal fields; the member's contact only through
selectors.member_contact, which needs both consents (R-C10). Every action is one service call.
"""

from functools import wraps

from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from members.models import Profile
from members.permissions import helper_required
from members.privacy import public_name
from portal.refusals import act

from .. import permissions, selectors, services
from ..forms import helper as helper_forms
from ..forms.thread import MessageForm
from ..models import SupervisionShare

BRIEF_TEMPLATE = "helprequests/helper/brief.html"


def _routing(request, public_id):
    return selectors.routing_for_helper(request.user, public_id)


def _is_taken(routing):
    return routing.takes_part  # guardian's take_part (selectors.routing_for_helper)


# --- Pages -----------------------------------------------------------------------------------


@helper_required
@require_GET
def helper_requests(request):
    """The requests offered to this helper and those they took, by pseudonymous reference only
    (R-C9). Who: helpers; narrowed to their own live routings."""
    routings = list(selectors.routings_for_helper(request.user))
    offered = [r for r in routings if not r.takes_part]
    taken = [r for r in routings if r.takes_part]
    return render(
        request,
        "helprequests/helper/list.html",
        {"offered": offered, "taken": taken},
    )


@helper_required
@require_GET
def helper_brief(request, public_id):
    """The brief of a request routed to this helper, and what they may do now. Who: the helper
    of a live routing (guardian view_brief)."""
    return _brief_page(request, _routing(request, public_id))


def _default_forms(routing, viewer):
    version = {"version": routing.request.version}
    return {
        "accept_form": helper_forms.AcceptForm(initial=version),
        "decline_form": helper_forms.DeclineForm(initial=version),
        "step_aside_form": helper_forms.StepAsideForm(initial=version),
        "consent_form": helper_forms.ConsentForm(initial=version),
        "start_form": helper_forms.StartForm(initial=version),
        "delay_form": helper_forms.DelayForm(initial=version),
        "alert_form": helper_forms.AlertForm(initial=version),
        "outcome_form": helper_forms.OutcomeForm(initial=version),
        "offer_form": helper_forms.OfferForm(initial=version),
        "supervision_form": helper_forms.SupervisionForm(initial=version, viewer=viewer),
        "resolve_form": helper_forms.ResolveForm(initial=version),
        "message_form": MessageForm(),
    }


def _supervisions(help_request, viewer):
    """This helper's supervision requests on the case, each with the supervisor's public name and,
    when agreed and not yet shared, the form for the summary."""
    shares = [
        share
        for share in selectors.supervision_shares_of(help_request)
        if share.helper_id == viewer.pk
    ]
    profiles = (
        {
            profile.user_id: profile
            for profile in Profile.objects.select_related("user").filter(
                user_id__in={share.supervisor_id for share in shares}
            )
        }
        if shares
        else {}
    )
    for share in shares:
        profile = profiles.get(share.supervisor_id)
        share.supervisor_label = (
            public_name(viewer, profile) if profile else _("Aidant·e du réseau")
        )
    return shares


def _brief_page(request, routing, *, bound=None, status=200):
    help_request = routing.request
    viewer = request.user
    taken = _is_taken(routing)
    # Which buttons to show: the permissions table decides (who, from which state).
    allowed = permissions.allowed_actions(viewer, help_request, routing=routing)
    context = {
        "routing": routing,
        "request_obj": help_request,
        "brief": selectors.brief_of(help_request, viewer),
        "taken": taken,
        "can": dict.fromkeys(allowed, True),
        "viewer_role": "helper",
    }
    context.update(_default_forms(routing, viewer))
    if bound:
        context.update(bound)
    if taken:
        supervisions = _supervisions(help_request, viewer)
        for share in supervisions:
            posted = (bound or {}).get(f"summary_form_{share.pk}")
            if posted is not None:
                share.summary_form = posted
            elif share.member_agreed_at and not share.shared_at:
                share.summary_form = helper_forms.SummaryForm(
                    initial={"version": help_request.version, "share": share.pk}
                )
        context.update(
            {
                "contact": selectors.member_contact(routing, viewer),
                "messages_list": selectors.thread_of(help_request, viewer, as_role="helper"),
                "delays": selectors.delays_of(help_request),
                "alerts": selectors.alerts_of(help_request),
                "outcome": selectors.outcome_of(help_request),
                "offers": selectors.offers_of(help_request),
                "supervisions": supervisions,
            }
        )
    return render(request, BRIEF_TEMPLATE, context, status=status)


# --- Actions: each one service call, errors shown on the brief page --------------------------


def _act(request, public_id, form_name, form, action, *, success, then=None):
    """Run `action(routing, cleaned_data)` when the form is valid; show the error on the brief
    page otherwise, with what was typed kept."""
    routing = _routing(request, public_id)

    def done():
        if then is not None:
            return then(routing)
        return redirect("helprequests:helper_brief", public_id=public_id)

    return act(
        request,
        form,
        lambda data: action(routing, data),
        success=success,
        done=done,
        page=lambda status, error: _brief_page(
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
@require_GET
def helper_alert_raised(request, public_id):
    """After an alert: the organisation's alert procedure, and that the coordinators were told
    (R-A12). Who: the helper of the routing who raised an alert on it."""
    routing = _routing(request, public_id)
    alert = routing.request.alerts.filter(raised_by=request.user).first()
    if alert is None:
        return redirect("helprequests:helper_brief", public_id=public_id)
    return render(
        request,
        "helprequests/helper/alert_raised.html",
        {
            "routing": routing,
            "alert": alert,
            "brief": selectors.brief_of(routing.request, request.user),
        },
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
    routing = _routing(request, public_id)
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
        done=lambda: redirect("helprequests:helper_brief", public_id=public_id),
        page=lambda status, error: _brief_page(
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


# --- Supervision: what a supervisor receives ------------------------------------------------


@helper_required
@require_GET
def helper_supervision_cases(request):
    """Anonymised summaries other helpers shared with this supervisor (R-K8). Who: helpers; each
    sees only the summaries shared with them."""
    return render(
        request,
        "helprequests/helper/supervision.html",
        {
            "shares": list(
                selectors.supervision_cases_for(request.user)
                .select_related("request")
                .only("pk", "summary", "shared_at", "request__reference")
            )
        },
    )
