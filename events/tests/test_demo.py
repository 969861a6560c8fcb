"""The demo network's events and survey (`manage.py load_demo`), loaded twice."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from events.models import EventPage, Registration
from surveys import selectors as survey_selectors
from surveys.models import SurveyPage, SurveyResponder

pytestmark = pytest.mark.django_db


def test_the_demo_has_upcoming_events_a_full_one_a_past_meeting_and_an_answered_survey(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False):
        call_command("load_demo", verbosity=0)
    now = timezone.now()

    upcoming = EventPage.objects.live().filter(starts_at__gt=now)
    assert upcoming.count() == 3
    full = [e for e in upcoming if e.registrations.filter(status="confirmed").count() == e.seats]
    assert len(full) == 1
    assert full[0].registrations.filter(status="waiting").count() == 3
    past = EventPage.objects.live().get(ends_at__lt=now)
    assert past.registrations.filter(attended=True).count() == 4
    assert past.registrations.filter(attended=False).count() == 1
    survey = SurveyPage.objects.live().get()
    assert survey.opens_at < now < survey.closes_at
    results = survey_selectors.results(survey)
    assert results.total == 12 and results.enough

    counts = (Registration.objects.count(), SurveyResponder.objects.count())
    with django_capture_on_commit_callbacks(execute=False):
        call_command("load_demo", verbosity=0)
    assert (Registration.objects.count(), SurveyResponder.objects.count()) == counts
