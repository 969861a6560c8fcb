"""R-P9: a trial's figures against its goals, on the hand-computed data of indicators.tests.data."""

import datetime
from unittest import mock

import pytest
from django.urls import reverse

from indicators import trials
from indicators.models import Trial
from members.tests import factories as people

from . import data

pytestmark = pytest.mark.django_db


@pytest.fixture
def trial():
    data.World()
    return Trial.objects.create(
        name="Essai hiver",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 2, 28),
        goal_requests=5,
        goal_in_time_share=80,
        goal_sessions_held=3,
        goal_satisfaction=4,
    )


def test_the_period_figures_against_the_goals(trial):
    result = trials.results(trial, now=data.NOW)
    assert result.ended
    # January and February: r1 to r5; 3 of the 4 acknowledged within 48 h; 1 + 2 sessions held;
    # February's answers 5 and 2 (March's 4 is after the trial).
    assert [(g.goal, g.actual, g.met) for g in result.goals] == [
        (5, 5, True),
        (80, 75.0, False),
        (3, 3, True),
        (4.0, 3.5, False),
    ]


def test_a_trial_in_progress_and_goals_left_out(trial):
    trial.ends_on = datetime.date(2026, 4, 30)
    trial.goal_requests = None
    trial.save()
    result = trials.results(trial, now=data.NOW)
    assert not result.ended
    assert len(result.goals) == 3


def test_the_latest_started_trial():
    first = Trial.objects.create(
        name="A", starts_on=datetime.date(2025, 1, 1), ends_on=datetime.date(2025, 6, 30)
    )
    Trial.objects.create(
        name="Futur", starts_on=datetime.date(2026, 6, 1), ends_on=datetime.date(2026, 9, 30)
    )
    assert trials.latest_trial(now=data.NOW) == first


def test_the_dashboard_shows_it(trial, client):
    people.log_in(client, people.with_second_factor(people.coordinator()))
    with mock.patch("django.utils.timezone.now", return_value=data.NOW):
        body = client.get(reverse("indicators:dashboard")).content.decode()
    assert "Période d’essai : Essai hiver" in body
    assert "non atteint" in body
