"""The coordination's indicators (R-P8, R-P7, R-K13): the dashboard and its exports; the
organisations' reports (R-A2) and the review of the helpers' remarks they quote.

Reads go through indicators.selectors and indicators.reports, the one write through
indicators.services; who may see what is indicators.permissions.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from appointments.models import HelperFeedback
from members.models import Organisation
from members.permissions import coordinator_required

from . import charts, exports, pdf, permissions, reports, selectors, services, trials
from .forms import DashboardFilter
from .permissions import report_reader_required


def _board(request):
    form = DashboardFilter(request.GET or None)
    months, organisation = form.choice()
    return form, selectors.dashboard(months=months, organisation=organisation)


def _charts(board):
    def points(attribute):
        return [(month.month, getattr(month, attribute)) for month in board.months]

    return [
        charts.month_chart(
            "requests",
            _("Demandes par mois"),
            _(
                "Nombre de demandes d’aide envoyées chaque mois ; les chiffres sont dans le "
                "tableau."
            ),
            points("requests"),
        ),
        charts.month_chart(
            "in-time",
            _("Prises en compte dans le délai (%)"),
            _(
                "Part des demandes prises en compte dans le délai du réseau, chaque mois ; "
                "les chiffres sont dans le tableau."
            ),
            points("in_time_share"),
        ),
        charts.month_chart(
            "sessions",
            _("Entretiens tenus par mois"),
            _("Nombre d’entretiens tenus chaque mois ; les chiffres sont dans le tableau."),
            points("sessions_held"),
        ),
        charts.month_chart(
            "satisfaction",
            _("Satisfaction moyenne (1 à 5)"),
            _(
                "Moyenne des questionnaires de satisfaction reçus chaque mois ; les chiffres "
                "sont dans le tableau."
            ),
            points("satisfaction_mean"),
        ),
    ]


@coordinator_required
def dashboard(request):
    form, board = _board(request)
    trial = trials.latest_trial()
    return render(
        request,
        "indicators/dashboard.html",
        {
            "trial": trials.results(trial) if trial else None,
            "form": form,
            "board": board,
            "totals": board.totals(),
            "charts": _charts(board),
            "query": request.GET.urlencode(),
        },
    )


@coordinator_required
def export_csv(request):
    _form, board = _board(request)
    response = HttpResponse(exports.as_csv(board), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="indicateurs.csv"'
    return response


@coordinator_required
def export_xlsx(request):
    _form, board = _board(request)
    response = HttpResponse(
        exports.as_xlsx(board),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="indicateurs.xlsx"'
    return response


# --- Organisation reports (R-A2) ----------------------------------------------------------------


def _months(request):
    form = DashboardFilter(request.GET or None)
    months, _organisation = form.choice()
    return months


@coordinator_required
def reports_index(request):
    """The organisations whose report a coordinator may open."""
    return render(
        request,
        "indicators/reports_index.html",
        {"organisations": selectors.organisations(), "pending": len(reports.pending_remarks())},
    )


@report_reader_required
def report(request, public_id):
    organisation = get_object_or_404(Organisation, public_id=public_id)
    refusal = permissions.check_report(request, organisation)
    if refusal is not None:
        return refusal
    months = _months(request)
    return render(
        request,
        "indicators/report.html",
        {
            "report": reports.report(organisation=organisation, months=months),
            "months": months,
            "periods": selectors.PERIODS,
        },
    )


@report_reader_required
def my_report(request):
    """An organisation contact's way in: their organisation's report."""
    organisation_id = permissions.contact_organisation_id(request.user)
    organisation = get_object_or_404(Organisation, pk=organisation_id or 0)
    return redirect("indicators:report", public_id=organisation.public_id)


@report_reader_required
def report_pdf(request, public_id):
    organisation = get_object_or_404(Organisation, public_id=public_id)
    refusal = permissions.check_report(request, organisation)
    if refusal is not None:
        return refusal
    content = pdf.render(reports.report(organisation=organisation, months=_months(request)))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="rapport-{organisation.reference}.pdf"'
    return response


@coordinator_required
def remarks(request):
    """The helpers' remarks waiting for a coordinator: approve with the text rewritten without
    names, or set aside. Only approved remarks reach a report."""
    error = None
    if request.method == "POST":
        feedback = get_object_or_404(
            HelperFeedback.objects.select_related("session__request"),
            pk=request.POST.get("feedback") or 0,
        )
        try:
            services.review_remark(
                feedback=feedback,
                kind=request.POST.get("kind", ""),
                by=request.user,
                approved=request.POST.get("decision") == "approve",
                text=request.POST.get("text", ""),
            )
        except ValidationError as refusal:
            error = refusal.messages[0]
        else:
            messages.success(request, _("La remarque est relue."))
            return redirect("indicators:remarks")
    return render(
        request,
        "indicators/remarks.html",
        {
            "pending": [
                (feedback, kind, reports.KIND_LABELS[kind], text)
                for feedback, kind, text in reports.pending_remarks()
            ],
            "error": error,
        },
        status=409 if error else 200,
    )
