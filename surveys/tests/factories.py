"""Surveys for tests: a members-only index, a survey with one question of each kind."""

import datetime

from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction

from events.tests.factories import coordinator, editor, helper, member, moderator
from home.tests.factories import make_home_page
from members import roles
from surveys.models import SurveyIndexPage, SurveyPage, SurveyQuestion

# People in each role, as the events tests make them.
__all__ = ["coordinator", "editor", "helper", "member", "moderator", "survey", "survey_index"]

QUESTIONS = [
    ("Comment jugez-vous les formations ?", "radio", "Très bien\nBien\nPassable"),
    ("Quels sujets vous intéressent ?", "checkboxes", "Écoute\nManagement\nDroit"),
    ("Recommanderiez-vous le réseau ?", "checkbox", ""),
    ("Une remarque ?", "multiline", ""),
]


def survey_index():
    home = make_home_page()
    index = SurveyIndexPage(title="Sondages", slug="sondages")
    home.add_child(instance=index)
    restriction = PageViewRestriction.objects.create(
        page=index, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=roles.MEMBERS)])
    return index


def survey(index, *, opens_in_days=-1, closes_in_days=10, **fields):
    now = timezone.now()
    page = SurveyPage(
        title=fields.pop("title", "Votre avis sur l’année"),
        opens_at=now + datetime.timedelta(days=opens_in_days),
        closes_at=now + datetime.timedelta(days=closes_in_days),
        **fields,
    )
    page.form_fields = [
        SurveyQuestion(label=label, field_type=kind, choices=choices, required=False)
        for label, kind, choices in QUESTIONS
    ]
    index.add_child(instance=page)
    return page


def answer(**overrides):
    data = {
        "comment_jugez_vous_les_formations": "Très bien",
        "quels_sujets_vous_interessent": ["Écoute"],
        "recommanderiez_vous_le_reseau": "on",
        "une_remarque": "",
    }
    data.update(overrides)
    return data
