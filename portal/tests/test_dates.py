"""Dates as people read them (issue #17, items 3 and 8): the locale's formats, "1er" in French,
"à l’instant" rather than "il y a 0 minute" (portal/dates.py)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import timezone, translation

from members.tests import factories as people
from portal import dates

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
MY_DATA = "/membres/mes-donnees/"


def render(source, **context):
    return Template(source).render(Context(context))


def test_the_first_of_a_month_reads_1er_in_french_and_other_days_do_not():
    with translation.override("fr"):
        assert dates.format_date(date(2026, 9, 1)) == "1er septembre 2026"
        assert dates.format_date(date(2026, 9, 2)) == "2 septembre 2026"
        assert render('{{ d|date:"l j F" }}', d=date(2026, 9, 1)) == "mardi 1er septembre"


def test_an_escaped_j_is_left_alone():
    with translation.override("fr"):
        assert dates.format_date(date(2026, 9, 1), r"\j j") == "j 1er"


def test_english_dates_keep_the_plain_day_and_a_24_hour_clock():
    moment = datetime(2026, 12, 2, 0, 47, tzinfo=PARIS)
    with translation.override("en"):
        assert dates.format_date(date(2026, 9, 1)) == "1 September 2026"
        shown = render("{{ d|date:'DATETIME_FORMAT' }} {{ d }}", d=moment)
    assert shown == "2 December 2026, 00:47 2 December 2026, 00:47"
    assert "a.m." not in shown


def test_french_date_and_time_read_with_a():
    with translation.override("fr"):
        shown = render("{{ d|date:'DATETIME_FORMAT' }}", d=datetime(2026, 9, 1, 9, 5, tzinfo=PARIS))
    assert shown == "1er septembre 2026 à 09:05"


def test_under_a_minute_ago_is_just_now_not_zero_minutes():
    now = timezone.now()
    with translation.override("fr"):
        assert dates.ago(now - timedelta(seconds=20), now) == "à l’instant"
        assert dates.ago(now - timedelta(minutes=5), now) == "il y a 5\xa0minutes"


def test_my_data_in_english_shows_no_american_date(client_for):
    member = people.member(email="dates@relais.test")
    member.date_joined = datetime(2026, 12, 2, 0, 47, tzinfo=PARIS)
    member.save(update_fields=["date_joined"])
    client = client_for(member)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = client.get(MY_DATA).content.decode()

    assert "2 December 2026, 00:47" in page
    assert "a.m." not in page and "Dec. 2" not in page


def test_my_data_in_french_writes_1er(client_for):
    member = people.member(email="dates@relais.test")
    member.date_joined = datetime(2026, 9, 1, 14, 30, tzinfo=PARIS)
    member.save(update_fields=["date_joined"])

    page = client_for(member).get(MY_DATA).content.decode()

    assert "1er septembre 2026 à 14:30" in page
