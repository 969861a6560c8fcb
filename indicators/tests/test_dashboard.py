"""Each figure of the dashboard against the hand-computed data of indicators.tests.data."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from helprequests.models import HelpRequestSettings
from helprequests.services.retention import erase_request_content
from indicators import selectors
from members.tests import factories as people

from . import data

pytestmark = pytest.mark.django_db

# Session, user, groups and second factor, the organisations of the filter, then the 7 of the
# dashboard itself, and the latest trial (none here).
PAGE_QUERIES = 19

JAN, FEB, MAR = (datetime.date(2026, m, 1) for m in (1, 2, 3))


@pytest.fixture
def world():
    return data.World()


def months(board):
    return {month.month: month for month in board.months}


def test_period_is_the_last_months_in_the_network_time_zone():
    start, end = selectors.period_bounds(3, now=data.NOW)
    assert start == data.at(1, 1, 0)
    assert end == data.at(4, 1, 0)
    start, end = selectors.period_bounds(12, now=data.at(12, 31, 23, 59, year=2025))
    assert start == data.at(1, 1, 0, year=2025)
    assert end == data.at(1, 1, 0, year=2026)


def test_requests_per_month(world):
    board = selectors.dashboard(months=3, now=data.NOW)
    by = months(board)
    assert list(by) == [JAN, FEB, MAR]
    jan, feb, mar = by[JAN], by[FEB], by[MAR]
    # r1–r4 in January (r4 at 23:30 on 31 January, Paris time); r5 in February (0:30 on
    # 1 February Paris time, still January in UTC); r6 (December 2025) is outside.
    assert (jan.requests, feb.requests, mar.requests) == (4, 1, 0)
    assert (jan.urgent, jan.urgent_share) == (1, 25.0)
    assert (feb.urgent, feb.urgent_share) == (1, 100.0)
    assert mar.urgent_share is None
    assert jan.by_theme == {"Conflits": 3, "Santé": 1}
    assert feb.by_theme == {"Santé": 1}
    assert jan.by_channel == {"phone": 2, "email": 1, "video": 1}
    assert board.themes == ["Conflits", "Santé"]


def test_acknowledgement_time(world):
    by = months(selectors.dashboard(months=3, now=data.NOW))
    jan, feb = by[JAN], by[FEB]
    # January: 2 h, 30 h, 60 h (r4 never acknowledged): median 30 h, 2 of 3 within 48 h.
    assert jan.acknowledged == 3
    assert jan.median_acknowledgement_hours == 30.0
    assert (jan.acknowledged_in_time, jan.in_time_share) == (2, 66.7)
    assert (feb.median_acknowledgement_hours, feb.in_time_share) == (10.0, 100.0)
    assert by[MAR].median_acknowledgement_hours is None


def test_the_limit_is_the_network_setting(world):
    HelpRequestSettings.objects.update_or_create(defaults={"acknowledgement_hours": 24})
    jan = months(selectors.dashboard(months=3, now=data.NOW))[JAN]
    assert (jan.acknowledged_in_time, jan.in_time_share) == (1, 33.3)


def test_what_became_of_the_requests(world):
    by = months(selectors.dashboard(months=3, now=data.NOW))
    jan, feb = by[JAN], by[FEB]
    assert (jan.accepted, jan.declined, jan.referred, jan.withdrawn) == (1, 1, 1, 1)
    assert (feb.accepted, feb.declined, feb.referred, feb.withdrawn) == (1, 0, 0, 0)


def test_sessions_and_satisfaction(world):
    by = months(selectors.dashboard(months=3, now=data.NOW))
    jan, feb, mar = by[JAN], by[FEB], by[MAR]
    assert (
        jan.sessions_held,
        jan.sessions_cancelled,
        jan.sessions_cancelled_late,
        jan.sessions_no_show,
    ) == (1, 1, 1, 0)
    assert (feb.sessions_held, feb.sessions_no_show) == (2, 1)
    assert mar.sessions_held == 1
    assert (jan.session_ratings, jan.session_rating_mean) == (1, 4.0)
    assert (feb.session_ratings, feb.session_rating_mean) == (2, 3.5)
    assert (feb.satisfaction_answers, feb.satisfaction_mean) == (2, 3.5)
    assert (mar.satisfaction_answers, mar.satisfaction_mean) == (1, 4.0)
    assert jan.satisfaction_mean is None


def test_one_organisation(world):
    by = months(selectors.dashboard(months=3, organisation=world.a, now=data.NOW))
    jan, feb, mar = by[JAN], by[FEB], by[MAR]
    assert (jan.requests, jan.urgent_share) == (3, 33.3)
    assert (jan.median_acknowledgement_hours, jan.in_time_share) == (16.0, 100.0)
    assert (jan.accepted, jan.declined, jan.referred, jan.withdrawn) == (1, 1, 0, 1)
    assert feb.requests == 0
    assert mar.sessions_held == 0  # r3's session belongs to B
    assert (feb.satisfaction_answers, feb.satisfaction_mean) == (1, 5.0)


def test_figures_survive_the_erasure_of_personal_content(world):
    before = selectors.dashboard(months=3, now=data.NOW)
    for row in (world.r1, world.r2, world.r3, world.r4, world.r5):
        erase_request_content(request=row)
    after = selectors.dashboard(months=3, now=data.NOW)
    assert after.months == before.months
    world.r1.refresh_from_db()
    assert world.r1.description == ""


@pytest.mark.parametrize("extra", [0, 40])
def test_fixed_number_of_queries_whatever_the_size(world, extra, django_assert_num_queries):
    data.bulk(extra, world.a, world.sante)
    HelpRequestSettings.load()  # the row exists, as on a running site
    # The network's settings, requests, themes, channels, delays, sessions, answers.
    with django_assert_num_queries(7):
        board = selectors.dashboard(months=3, now=data.NOW)
    assert months(board)[FEB].requests == 1 + extra


def coordinator_client(client):
    people.log_in(client, people.with_second_factor(people.coordinator()))
    return client


def test_the_page_shows_figures_and_charts(world, client):
    coordinator_client(client)
    response = client.get(reverse("indicators:dashboard"), {"months": 24})
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<svg") == 4
    assert '<title id="chart-requests-title">' in body
    assert '<desc id="chart-requests-desc">' in body
    assert 'id="indicateurs-demandes"' in body
    assert response["Cache-Control"].startswith("no-store")


@pytest.mark.parametrize("extra", [0, 30])
def test_page_queries_do_not_grow(world, client, extra, django_assert_num_queries):
    coordinator_client(client)
    url = reverse("indicators:dashboard")
    client.get(url)  # the session's first page writes what a login leaves behind
    data.bulk(extra, world.b, world.conflits)
    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get(url, {"months": 24})
    assert response.context["totals"].requests == 6 + extra  # r1 to r6 are within 24 months


def test_the_organisation_filter_on_the_page(world, client):
    coordinator_client(client)
    response = client.get(
        reverse("indicators:dashboard"), {"months": 24, "organisation": str(world.b.public_id)}
    )
    assert response.status_code == 200
    assert response.context["board"].organisation == world.b


def test_csv_export(world, client, settings):
    coordinator_client(client)
    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=data.NOW):
        response = client.get(reverse("indicators:export_csv"), {"months": 3})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    header, jan = rows[0], rows[1]
    line = dict(zip(header, jan, strict=True))
    assert line["Mois"] == "2026-01"
    assert line["Demandes"] == "4"
    assert line["Délai médian de prise en compte (h)"] == "30.0"
    assert line["Thème : Conflits"] == "3"
    assert line["Entretiens annulés tardivement"] == "1"
    assert len(rows) == 4


def test_xlsx_export(world, client):
    coordinator_client(client)
    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=data.NOW):
        response = client.get(reverse("indicators:export_xlsx"), {"months": 3})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    line = dict(zip(values[0], values[2], strict=True))
    assert line["Mois"] == "2026-02"
    assert line["Demandes"] == 1
    assert line["Satisfaction moyenne (1 à 5)"] == 3.5


@pytest.mark.parametrize("role", ["anonymous", "member", "helper", "coordinator_without_2fa"])
@pytest.mark.parametrize("name", ["dashboard", "export_csv", "export_xlsx"])
def test_only_coordinators(client, role, name):
    from members import roles

    if role == "member":
        people.log_in(client, people.member())
    elif role == "helper":
        people.log_in(client, people.UserFactory(roles=[roles.MEMBERS, roles.HELPERS]))
    elif role == "coordinator_without_2fa":
        client.force_login(people.coordinator())
    response = client.get(reverse(f"indicators:{name}"))
    if role == "anonymous":
        assert response.status_code == 302
        assert "/compte/" in response["Location"]
    elif role == "coordinator_without_2fa":
        # Sent to enter their second factor, told why (members.mfa).
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")
    else:
        assert response.status_code == 403
