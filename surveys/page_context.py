"""What the survey list and a survey page show a visitor (see home/context_builders.py for why
the models do not import the selectors). Loaded by `SurveysConfig.ready()`."""

from home.context_builders import builds

from . import selectors
from .models import SurveyIndexPage, SurveyPage


@builds(SurveyIndexPage)
def survey_index_page(page, request):
    return {"surveys": selectors.surveys_listed(request, page)}


@builds(SurveyPage)
def survey_page(page, request):
    return {"state": selectors.survey_state(page, request.user)}
