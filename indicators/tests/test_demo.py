"""The demo's year of history gives the dashboard real curves and a report with hidden cells."""

import io

import pytest

from home.tests.factories import ThemeFactory
from indicators import demo, reports, selectors
from members.models import Organisation

pytestmark = pytest.mark.django_db


def test_a_year_of_figures_and_a_protected_small_report():
    for _n in range(4):
        ThemeFactory()
    out = io.StringIO()
    assert demo.load(stdout=out) > 300
    assert demo.load(stdout=out) == 0  # a second run creates nothing
    board = selectors.dashboard(months=13)
    with_requests = [m for m in board.months if m.requests]
    assert len(with_requests) == 12
    assert sum(m.sessions_held for m in board.months) > 100
    assert any(m.satisfaction_mean for m in board.months)
    small = Organisation.objects.get(name=demo.SMALL)
    report = reports.report(organisation=small, months=12)
    cells = [cell for _day, cell in report.months] + [
        cell for _name, row in report.themes for cell in row
    ]
    assert any(cell.hidden for cell in cells)
    large = Organisation.objects.get(name=demo.LARGE)
    assert len(reports.report(organisation=large, months=12).remarks) == 2
