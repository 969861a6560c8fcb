from django.contrib.contenttypes.models import ContentType
from wagtail import hooks

from .models import SurveyPage


@hooks.register("filter_form_submissions_for_user")
def keep_survey_answers_out_of_the_admin(user, editable_forms):
    """Survey answers are read only through the coordination's results, where small counts are
    hidden (surveys.selectors.results): Wagtail's submissions list and export would show each
    answer whole, to anyone who may edit the page."""
    return editable_forms.exclude(content_type=ContentType.objects.get_for_model(SurveyPage))
