"""The coordination pages of help requests: the queue with its acknowledgement clock (R-P4),
the request page, alerts (R-A12), and requests recorded for someone (R-G3). The request page's
actions (triage R-C2, routing R-C9, declines R-K5, national referral R-P8, delays R-C3) post to
views/coordination_actions.py; which of them the page offers is its RequestView's `may`
(helprequests.presenters), from the transitions table.

Only coordinators with a second factor reach them (members.permissions.coordinator_required).
Each opening of a request is logged (services.record_access), as for profiles.
"""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from members import privacy, roles
from members import selectors as member_selectors
from members.permissions import coordinator_required
from members.services import profiles as member_services
from portal.next_page import safe_next
from portal.refusals import act

from .. import permissions, selectors, services
from ..forms.coordination import (
    AcceptForm,
    AcknowledgeForm,
    DeclineForm,
    DelayForm,
    HandleAlertForm,
    MemberSearchForm,
    QueueFilterForm,
    ReferForm,
    RouteForm,
)
from ..forms.member import RecordHelpRequestForm
from ..forms.thread import MessageForm
from ..models import RoutingStatus
from ..presenters import request_view, urgency_of
from .action_forms import versioned
from .member import request_form

SEARCH_RESULTS = 20
REQUESTER_FIELDS = ("name", "display_name", "email", "phone", "job_title", "organisation")

CLOCK_LABELS = {
    "green": ("clock-green", gettext_lazy("Dans les délais")),
    "amber": ("clock-amber", gettext_lazy("Échéance proche")),
    "red": ("clock-red", gettext_lazy("En retard")),
}


# --- The queue -------------------------------------------------------------------------------


def _clock(row, now):
    """The acknowledgement clock in words as well as colour (never colour alone)."""
    state = getattr(row, "clock", None)
    if state not in CLOCK_LABELS:
        return None
    css, label = CLOCK_LABELS[state]
    due_at = getattr(row, "due_at", None) or row.acknowledge_by
    return {
        "state": state,
        "css": css,
        "label": label,
        "due_at": due_at,
        "overdue": due_at is not None and due_at < now,
    }


@coordinator_required
def queue(request):
    """Open requests, urgent first then oldest (selectors.coordination_queue)."""
    now = timezone.now()
    form = QueueFilterForm(request.GET or None)
    rows = selectors.coordination_queue(now=now)
    if form.is_bound:
        rows = form.apply(rows)
    entries = [
        {"obj": row, "clock": _clock(row, now), "urgency": urgency_of(row, with_phone=True)}
        for row in rows
    ]
    return render(
        request,
        "helprequests/coordination/queue.html",
        {"form": form, "entries": entries, "now": now},
    )


# --- One request -----------------------------------------------------------------------------


def _requester_fields(viewer, obj):
    """Who asked, as privacy lets a coordinator see them (members.privacy decides)."""
    if obj.requester_id is None:
        return None
    profile = member_selectors.own_profile(obj.requester)
    if profile is None:
        return [(_("E-mail"), obj.requester.email)]
    return [
        (item.label, ", ".join(item.value) if isinstance(item.value, list) else item.value)
        for item in privacy.visible_fields(viewer, profile)
        if item.key in REQUESTER_FIELDS
    ]


def _helper_name(viewer, user):
    return privacy.person_for(viewer, user).name


def _routing_rows(viewer, obj):
    return [
        {"routing": routing, "name": _helper_name(viewer, routing.helper)}
        for routing in selectors.routings_of(obj)
    ]


def _suggestion_rows(viewer, obj, suggestions):
    """Why each helper is suggested: theme, skills, current load. Nothing private."""
    rows = []
    for user in suggestions:
        rows.append(
            {
                "user": user,
                "key": str(user.pk),
                "name": _helper_name(viewer, user),
                "theme_match": getattr(user, "theme_match", False),
                "skill_match": getattr(user, "skill_match", False),
                "load": getattr(user, "load", None),
            }
        )
    return rows


def coordination_page(request, obj, *, bound=None, error="", status=200, extra=None):
    """The coordination's request page, rendering its RequestView; `bound` holds the form of a
    refused action, as typed."""
    viewer = request.user
    view = request_view(viewer, obj, as_role=permissions.COORDINATOR)
    bound = bound or {}
    suggestions = selectors.suggested_helpers(obj, viewer=viewer) if "route" in view.may else []
    forms = {
        "acknowledge": versioned(AcknowledgeForm, obj),
        "accept": versioned(AcceptForm, obj),
        "decline": versioned(DeclineForm, obj),
        "route": versioned(RouteForm, obj, suggestions=suggestions),
        "refer": versioned(ReferForm, obj),
        "delay": versioned(DelayForm, obj),
    }
    forms.update(bound)
    alerts = selectors.alerts_of(obj)
    # The same clock as the queue's (R-P4), so that a late request says so here too.
    now = timezone.now()
    obj.clock = selectors.acknowledgement_state(obj, now)
    obj.due_at = obj.acknowledge_by if obj.clock else None
    context = {
        "view": view,
        "obj": obj,
        "clock": _clock(obj, now),
        "now": now,
        "requester_fields": _requester_fields(viewer, obj),
        "routings": _routing_rows(viewer, obj),
        "suggestions": _suggestion_rows(viewer, obj, suggestions),
        "alerts": alerts,
        "alert_procedure": selectors.alert_procedure_of(obj) if alerts else "",
        "forms": forms,
        "message_form": MessageForm(),
        "alert_back_url": reverse("helprequests:coord_detail", args=[obj.public_id]),
        "action_error": error,
        "RoutingStatus": RoutingStatus,
    }
    context.update(extra or {})
    return render(request, "helprequests/coordination/detail.html", context, status=status)


@coordinator_required
def detail(request, public_id):
    obj = selectors.request_for_coordinator(request.user, public_id)
    services.record_access(request=obj, viewer=request.user)
    return coordination_page(request, obj)


# --- Alerts (R-A12) --------------------------------------------------------------------------


@coordinator_required
def alerts(request):
    rows = list(selectors.alerts_log())
    return render(request, "helprequests/coordination/alerts.html", {"rows": rows})


@coordinator_required
@require_POST
def handle_alert(request, alert_id):
    alert = selectors.alerts_log().filter(pk=alert_id).first()
    if alert is None:
        raise Http404
    form = HandleAlertForm(request.POST)
    back = safe_next(request, reverse("helprequests:coord_alerts"))

    def page(status, error):
        """The page the form was sent from, again, with the error beside the note as typed."""
        failed = {"failed_alert_id": alert.pk, "alert_form": form}
        detail_path = reverse("helprequests:coord_detail", args=[alert.request.public_id])
        if back == detail_path:
            obj = selectors.request_for_coordinator(request.user, alert.request.public_id)
            return coordination_page(request, obj, status=status, extra=failed)
        context = {"rows": list(selectors.alerts_log()), **failed}
        return render(request, "helprequests/coordination/alerts.html", context, status=status)

    return act(
        request,
        form,
        lambda data: services.handle_alert(alert=alert, by=request.user, note=data["note"]),
        success=_("Les suites données à l’alerte sont enregistrées."),
        done=back,
        page=page,
    )


# --- Recording a request for someone (R-G3) -------------------------------------------------


def _active_member_profile(viewer, public_id):
    profile = member_selectors.profile_for(viewer, public_id)
    if (
        profile is None
        or not profile.is_active_member
        or not profile.user.is_active
        or not roles.has_role(profile.user, roles.MEMBERS)
    ):
        raise Http404
    return profile


@coordinator_required
def record(request):
    """Pick the member who phoned or wrote: a search among active members, by name."""
    form = MemberSearchForm(request.GET or None)
    results = []
    searched = False
    if form.is_bound and form.is_valid() and form.cleaned_data["q"].strip():
        searched = True
        query = form.cleaned_data["q"]
        profiles = member_selectors.members_found_by_coordination(request.user, query)
        for profile in profiles[:SEARCH_RESULTS]:
            # Each row shows what the member may keep for the coordination: logged (R-C8).
            member_services.record_profile_access(coordinator=request.user, subject=profile.user)
            shown = {item.key: item.value for item in privacy.visible_fields(request.user, profile)}
            results.append(
                {
                    "public_id": profile.user.public_id,
                    "name": privacy.person_for(
                        request.user, profile, context=privacy.IDENTIFY
                    ).name,
                    "display_name": shown.get("display_name", ""),
                    "organisation": shown.get("organisation", ""),
                    "job_title": shown.get("job_title", ""),
                }
            )
    return render(
        request,
        "helprequests/coordination/record_search.html",
        {"form": form, "results": results, "searched": searched},
    )


@coordinator_required
def record_for(request, member_id):
    """The request form, prefilled from the member's profile, recorded by the coordinator."""
    profile = _active_member_profile(request.user, member_id)

    def page(status, error):
        context = {
            "form": form,
            "member_name": privacy.person_for(request.user, profile).name,
            "member_id": member_id,
        }
        return render(request, "helprequests/coordination/record_form.html", context, status=status)

    if request.method != "POST":
        form = request_form(profile=profile, form_class=RecordHelpRequestForm)
        return page(200, None)
    form = request_form(data=request.POST, profile=profile, form_class=RecordHelpRequestForm)
    return act(
        request,
        form,
        lambda data: services.submit_request(
            by=request.user, data=form.request_data(), on_behalf_of=profile.user
        ),
        success=lambda created: (
            _("La demande %(reference)s est enregistrée pour ce membre.")
            % {"reference": created.reference}
        ),
        done=lambda created: redirect("helprequests:coord_detail", public_id=created.public_id),
        page=page,
    )
