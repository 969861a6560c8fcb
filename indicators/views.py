"""The coordination's indicators (R-P8, R-P7, R-K13): the dashboard and its exports.

Reads only, through indicators.selectors; coordinators only (members.permissions).
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from members.permissions import coordinator_required

from . import charts, exports, selectors
from .forms import DashboardFilter


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
    return render(
        request,
        "indicators/dashboard.html",
        {
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
