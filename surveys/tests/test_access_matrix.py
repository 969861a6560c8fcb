"""Who reaches which survey URL: the coordination's results × every role, and the survey page
itself (a members-only CMS page) × every role."""

import pytest
from django.test import Client
from django.urls import reverse

from members.tests.factories import UserFactory, log_in
from surveys.models import SurveyAnswer
from tests.routes import url_names

from . import factories as f

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "member", "helper", "coordinator", "moderator", "editor", "without_role")
MAKERS = {
    "member": f.member,
    "helper": f.helper,
    "coordinator": f.coordinator,
    "moderator": f.moderator,
    "editor": f.editor,
    "without_role": UserFactory,
}
RESULT_URLS = ("coordination", "results", "export")


def client_as(role):
    client = Client()
    if role != "anonymous":
        log_in(client, MAKERS[role]())
    return client


def test_every_url_is_in_the_matrix():
    assert url_names("surveys") == sorted(RESULT_URLS)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", RESULT_URLS)
def test_only_coordinators_read_results(name, role):
    survey = f.survey(f.survey_index())
    args = [] if name == "coordination" else [survey.pk]

    response = client_as(role).get(reverse(f"surveys:{name}", args=args))

    if role == "anonymous":
        assert response.status_code == 302 and "/compte/login/" in response["Location"]
    elif role == "without_role":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("members:questionnaire"))
    else:
        assert response.status_code == (200 if role == "coordinator" else 403)


@pytest.mark.parametrize("role", ROLES)
def test_only_members_answer_a_survey(role):
    survey = f.survey(f.survey_index())

    response = client_as(role).post(survey.url, f.answer())

    answered = SurveyAnswer.objects.filter(page=survey).count()
    if role == "anonymous":
        assert response.status_code == 302 and "/compte/login/" in response["Location"]
        assert answered == 0
    elif role == "without_role":  # stopped at the joining step by home's page hook
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("members:questionnaire"))
        assert answered == 0
    else:
        assert response.status_code == 200
        assert answered == 1
