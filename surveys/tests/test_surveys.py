"""Answering a survey once and anonymously, and the coordination's results with small counts
hidden (R-C14, R-K13)."""

import csv
import io

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from surveys import services
from surveys.errors import SurveyError
from surveys.models import SurveyAnswer, SurveyResponder

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def index():
    return f.survey_index()


def test_a_member_answers_once_and_the_answer_carries_no_identity(index, client_for):
    survey = f.survey(index)
    person = f.member()

    response = client_for(person).post(survey.url, f.answer(une_remarque="Merci à l’équipe"))

    assert response.status_code == 200
    assert "Merci, votre réponse est enregistrée." in response.content.decode()
    stored = SurveyAnswer.objects.get(page=survey)
    assert SurveyResponder.objects.filter(survey=survey, user=person).count() == 1
    assert stored.form_data["une_remarque"] == "Merci à l’équipe"
    assert str(person.pk) not in str(stored.form_data)
    assert person.email not in str(stored.form_data)
    assert stored.submit_time == timezone.localtime().replace(
        hour=0, minute=0, second=0, microsecond=0
    )


def test_nothing_in_the_database_links_an_answer_to_its_author():
    answer_columns = {
        c.name
        for c in connection.introspection.get_table_description(
            connection.cursor(), SurveyAnswer._meta.db_table
        )
    }
    responder_columns = {
        c.name
        for c in connection.introspection.get_table_description(
            connection.cursor(), SurveyResponder._meta.db_table
        )
    }

    assert answer_columns == {"id", "form_data", "page_id", "submit_time"}
    assert responder_columns == {"id", "survey_id", "user_id"}
    assert SurveyAnswer._meta.pk.get_internal_type() == "UUIDField"
    assert SurveyResponder._meta.pk.get_internal_type() == "UUIDField"


def test_answering_twice_is_refused_with_a_message_and_the_first_answer_is_kept(index, client_for):
    survey = f.survey(index)
    client = client_for(f.member())
    client.post(survey.url, f.answer())

    response = client.post(survey.url, f.answer(une_remarque="Deuxième essai"))

    assert response.status_code == 409
    page = response.content.decode()
    assert "Vous avez déjà répondu à ce sondage" in page
    assert "Deuxième essai" in page  # what was typed is still on the page
    assert SurveyAnswer.objects.filter(page=survey).count() == 1


def test_answering_after_the_closing_date_is_refused_and_nothing_is_stored(index, client_for):
    survey = f.survey(index, opens_in_days=-10, closes_in_days=-1)

    response = client_for(f.member()).post(survey.url, f.answer(une_remarque="Trop tard ?"))

    assert response.status_code == 409
    assert "Ce sondage est clos" in response.content.decode()
    assert "Trop tard ?" in response.content.decode()
    assert not SurveyAnswer.objects.exists() and not SurveyResponder.objects.exists()


def test_a_survey_not_yet_open_is_refused(index):
    survey = f.survey(index, opens_in_days=2)
    with pytest.raises(SurveyError, match="pas encore ouvert"):
        services.answer_survey(survey=survey, by=f.member(), data=f.answer())


def test_a_person_outside_the_membres_group_cannot_answer(index):
    from members.tests.factories import UserFactory

    survey = f.survey(index)
    with pytest.raises(SurveyError, match="réservés aux membres"):
        services.answer_survey(survey=survey, by=UserFactory(), data=f.answer())
    assert not SurveyAnswer.objects.exists()


def answered_by(survey, count, **overrides):
    for _ in range(count):
        services.answer_survey(survey=survey, by=f.member(), data=f.answer(**overrides))


def test_results_hide_every_count_under_the_threshold(index, client_for, settings):
    settings.SURVEY_SMALL_COUNT_THRESHOLD = 5
    survey = f.survey(index)
    answered_by(survey, 6, comment_jugez_vous_les_formations="Très bien")
    answered_by(survey, 2, comment_jugez_vous_les_formations="Passable")

    page = client_for(f.coordinator()).get(reverse("surveys:results", args=[survey.pk]))
    text = page.content.decode()

    assert "8 réponses." in text
    assert "6 (75 %)" in text
    assert "moins de 5" in text
    assert ">2<" not in text and "2 (25 %)" not in text
    assert "<svg" in text


def test_no_result_at_all_while_the_survey_has_fewer_answers_than_the_threshold(
    index, client_for, settings
):
    settings.SURVEY_SMALL_COUNT_THRESHOLD = 5
    survey = f.survey(index)
    answered_by(survey, 4, une_remarque="Une phrase qui pourrait me trahir")
    client = client_for(f.coordinator())

    page = client.get(reverse("surveys:results", args=[survey.pk])).content.decode()
    export = client.get(reverse("surveys:export", args=[survey.pk])).content.decode()

    assert "Moins de 5 réponses pour l’instant" in page
    assert "trahir" not in page and "trahir" not in export
    assert "4" not in export.replace("\ufeff", "")


def test_the_csv_export_gives_counts_per_question_with_small_counts_hidden(
    index, client_for, settings
):
    settings.SURVEY_SMALL_COUNT_THRESHOLD = 3
    survey = f.survey(index)
    answered_by(survey, 4, quels_sujets_vous_interessent=["Écoute", "Droit"])
    answered_by(survey, 1, quels_sujets_vous_interessent=["Management"], une_remarque="=1+1")

    response = client_for(f.coordinator()).get(reverse("surveys:export", args=[survey.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))

    assert rows[0] == ["Question", "Réponse", "Nombre"]
    topics = {row[1]: row[2] for row in rows if row[0] == "Quels sujets vous intéressent ?"}
    assert topics == {"Écoute": "4", "Management": "moins de 3", "Droit": "4"}
    assert ["Une remarque ?", "'=1+1", ""] in rows


def test_editors_cannot_read_survey_answers_in_the_admin(index, client_for):
    survey = f.survey(index)
    answered_by(survey, 1)
    client = client_for(f.editor())

    listing = client.get(f"/admin/forms/submissions/{survey.pk}/")
    forms = client.get("/admin/forms/")

    assert listing.status_code in (302, 403)
    assert survey.title not in forms.content.decode()
