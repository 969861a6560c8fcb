"""The helper's pages under /demandes/aidant/ (issue #6; R-C9, R-C10, R-G1, R-A12, R-C13, R-C5,
R-K8).

A helper reaches a request only through its routing: selectors.routing_for_helper answers 404
unless the routing is theirs and still live and guardian's `view_brief` holds (granted by the
routing, revoked when it ends or the request closes). What they read is the pseudonymous brief
(selectors.brief_of), never the request's personal fields; the member's contact only through
selectors.member_contact, which needs both consents (R-C10). The brief page renders its
RequestView (helprequests.presenters): which buttons show is its `may`, from the transitions
table. Every action is one service call, in views/helper_actions.py.
"""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from members.models import Profile
from members.permissions import helper_required
from members.privacy import person_for

from .. import selectors
from ..forms import helper as helper_forms
from ..forms.thread import MessageForm
from ..presenters import request_view

BRIEF_TEMPLATE = "helprequests/helper/brief.html"


def _routing(request, public_id):
    return selectors.routing_for_helper(request.user, public_id)


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
    return brief_page(request, _routing(request, public_id))


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
        share.supervisor_label = person_for(viewer, profile or share.supervisor).name
    return shares


def brief_page(request, routing, *, bound=None, status=200):
    """The brief page, rendering its RequestView; `bound` holds the form of a refused action, as
    typed."""
    help_request = routing.request
    viewer = request.user
    view = request_view(viewer, help_request, routing=routing)
    context = {"view": view, "routing": routing, "request_obj": help_request}
    context.update(_default_forms(routing, viewer))
    if bound:
        context.update(bound)
    if view.taken:
        supervisions = _supervisions(help_request, viewer)
        for share in supervisions:
            posted = (bound or {}).get(f"summary_form_{share.pk}")
            if posted is not None:
                share.summary_form = posted
            elif share.member_agreed_at and not share.shared_at and "share_summary" in view.may:
                share.summary_form = helper_forms.SummaryForm(
                    initial={"version": help_request.version, "share": share.pk}
                )
        context.update(
            {
                "alerts": selectors.alerts_of(help_request),
                "outcome": selectors.outcome_of(help_request),
                "offers": selectors.offers_of(help_request),
                "supervisions": supervisions,
            }
        )
    context["sections"] = view.helper_sections(
        has_outcome=bool(context.get("outcome")),
        has_offers=bool(context.get("offers")),
        has_supervisions=bool(context.get("supervisions")),
    )
    return render(request, BRIEF_TEMPLATE, context, status=status)


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
