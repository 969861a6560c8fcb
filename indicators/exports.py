"""The dashboard's figures as rows, for the CSV and XLSX exports: one row per month, one column
per indicator, the same numbers as the page (indicators.selectors.dashboard)."""

import csv
import io

from django.utils.translation import gettext as _


def _blank(value):
    return "" if value is None else value


def rows(board):
    """The header, then one row per month."""
    channels = board.channels
    header = [
        _("Mois"),
        _("Demandes"),
        _("Urgentes"),
        _("Part urgente (%)"),
        _("Prises en compte"),
        _("Délai médian de prise en compte (h)"),
        _("Prises en compte dans le délai (%)"),
        _("Acceptées"),
        _("Déclinées"),
        _("Orientées vers le niveau national"),
        _("Retirées"),
        *[_("Thème : %(name)s") % {"name": name or _("sans thème")} for name in board.themes],
        *[_("Canal : %(name)s") % {"name": label} for _value, label in channels],
        _("Entretiens tenus"),
        _("Entretiens annulés à temps"),
        _("Entretiens annulés tardivement"),
        _("Absences du membre"),
        _("Questionnaires de satisfaction"),
        _("Satisfaction moyenne (1 à 5)"),
        _("Appréciations d’entretien"),
        _("Appréciation moyenne des entretiens (1 à 5)"),
    ]
    body = []
    for month in board.months:
        body.append(
            [
                month.month.strftime("%Y-%m"),
                month.requests,
                month.urgent,
                _blank(month.urgent_share),
                month.acknowledged,
                _blank(month.median_acknowledgement_hours),
                _blank(month.in_time_share),
                month.accepted,
                month.declined,
                month.referred,
                month.withdrawn,
                *[month.by_theme.get(name, 0) for name in board.themes],
                *[month.by_channel.get(value, 0) for value, _label in channels],
                month.sessions_held,
                month.sessions_cancelled,
                month.sessions_cancelled_late,
                month.sessions_no_show,
                month.satisfaction_answers,
                _blank(month.satisfaction_mean),
                month.session_ratings,
                _blank(month.session_rating_mean),
            ]
        )
    return [header, *body]


def as_csv(board):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerows(rows(board))
    return out.getvalue()


def as_xlsx(board):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _("Indicateurs")
    for row in rows(board):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
