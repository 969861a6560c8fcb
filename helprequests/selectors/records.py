"""What is recorded around a request, read as it is: alerts and their procedure (R-A12),
delays (R-C3), offers (R-C5), the outcome (R-C13) and supervision (R-K8). The pages that show
these have already checked that the viewer may see the request."""

from members import selectors as member_selectors

from ..models import Alert, DelayNotice, Offer, OutcomeReport, SupervisionShare

# --- Alerts (R-A12) --------------------------------------------------------------------------


def alerts_log():
    """The coordinators' alert log (R-A12), newest first."""
    return Alert.objects.select_related(
        "request", "request__organisation", "request__theme", "raised_by", "handled_by"
    ).order_by("-raised_at", "-pk")


def open_alerts():
    return alerts_log().filter(handled_at__isnull=True)


def alerts_of(request):
    return list(alerts_log().filter(request_id=request.pk))


def alert_procedure_of(request):
    """R-A1, R-A12: the alert procedure of the request's organisation, or the default one."""
    return member_selectors.alert_procedure_of(request.organisation)


# --- Around the request ----------------------------------------------------------------------


def delays_of(request):
    """R-C3: the delays announced, with their reasons (the member sees them)."""
    return list(DelayNotice.objects.filter(request_id=request.pk).order_by("at", "pk"))


def offers_of(request):
    """R-C5: the offers attached to the request, usual price beside the network's."""
    return list(Offer.objects.filter(request_id=request.pk).order_by("created_at", "pk"))


def outcome_of(request):
    return OutcomeReport.objects.filter(request_id=request.pk).first()


# --- Supervision (R-K8) ----------------------------------------------------------------------


def supervision_shares_of(request):
    return list(
        SupervisionShare.objects.filter(request_id=request.pk)
        .select_related("supervisor")
        .order_by("asked_at", "pk")
    )


def supervision_cases_for(helper):
    """Summaries shared with this helper as a supervisor (R-K8): no request, no member."""
    return SupervisionShare.objects.filter(
        supervisor=helper, shared_at__isnull=False, member_agreed_at__isnull=False
    ).order_by("-shared_at")
