"""Reads of surveys for one viewer, and THE computation of results (R-C14, R-K13).

Results are computed in one place, `results`, for the coordination's page, its charts and its
CSV export alike: a count under settings.SURVEY_SMALL_COUNT_THRESHOLD is never given (it reads
"moins de N"), and nothing at all is shown while the survey has fewer answers than that, texts
included. Results are per question only — never one row per answer — so that answers cannot be
crossed to single a person out.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db.models import Count, Exists, OuterRef
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.contrib.forms.forms import FormBuilder

from home import visibility

from . import permissions
from .models import CHOICE_TYPES, TEXT_TYPES, SurveyAnswer, SurveyPage, SurveyResponder


@dataclass(frozen=True)
class SurveyState:
    """Where a viewer stands with a survey, decided once for the page."""

    opened: bool
    closed: bool
    answered: bool
    refusal: str  # "", "login", "not_member", "not_yet", "closed", "answered"

    @property
    def may_answer(self):
        return self.refusal == ""


def survey_state(survey, user, now=None):
    now = now or timezone.now()
    opened, closed = now >= survey.opens_at, now >= survey.closes_at
    answered = (
        user.is_authenticated and SurveyResponder.objects.filter(survey=survey, user=user).exists()
    )
    if not user.is_authenticated:
        refusal = "login"
    elif not permissions.may_answer(user):
        refusal = "not_member"
    elif answered:
        refusal = "answered"
    elif not opened:
        refusal = "not_yet"
    elif closed:
        refusal = "closed"
    else:
        refusal = ""
    return SurveyState(opened=opened, closed=closed, answered=answered, refusal=refusal)


def surveys_listed(request, index):
    """The surveys under an index this request may read, newest first, each with `answered`."""
    queryset = visibility.visible_pages(request, SurveyPage.objects.descendant_of(index))
    if request.user.is_authenticated:
        queryset = queryset.annotate(
            answered=Exists(
                SurveyResponder.objects.filter(survey=OuterRef("pk"), user=request.user)
            )
        )
    return list(queryset.order_by("-opens_at", "pk"))


def surveys_for_coordination():
    return list(
        SurveyPage.objects.live().annotate(answers=Count("responders")).order_by("-opens_at", "pk")
    )


def survey_for_coordination(survey_id):
    survey = SurveyPage.objects.live().filter(pk=survey_id).first()
    if survey is None:
        raise Http404
    return survey


# --- Results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    label: str
    count: int | None  # None: under the threshold, not shown
    percent: int = 0


@dataclass
class QuestionResult:
    label: str
    kind: str  # "counts" or "texts"
    rows: list = field(default_factory=list)
    texts: list = field(default_factory=list)
    chart: object = None  # drawn by surveys.charts for the page


@dataclass(frozen=True)
class SurveyResults:
    survey: SurveyPage
    total: int
    threshold: int
    questions: list

    @property
    def enough(self):
        return self.total >= self.threshold


def threshold():
    return max(int(settings.SURVEY_SMALL_COUNT_THRESHOLD), 1)


def _ordered_counts(question, values):
    """(label, count) for each possible value of a counted question, in the survey's order."""
    counts = {}
    for value in values:
        for item in value if isinstance(value, list) else [value]:
            if item in (None, ""):
                continue
            counts[item] = counts.get(item, 0) + 1
    if question.field_type == "checkbox":
        return [(_("Oui"), counts.get(True, 0)), (_("Non"), counts.get(False, 0))]
    if question.field_type in CHOICE_TYPES:
        choices = [value for value, _label in FormBuilder([]).get_formatted_field_choices(question)]
        extra = sorted(str(key) for key in counts if key not in choices)
        return [(choice, counts.get(choice, 0)) for choice in choices + extra]

    def as_number(key):
        try:
            return Decimal(str(key))
        except InvalidOperation:
            return Decimal(0)

    return [(str(key), counts[key]) for key in sorted(counts, key=as_number)]


def results(survey):
    """The survey's results with small counts suppressed (see the module's docstring)."""
    limit = threshold()
    answers = list(SurveyAnswer.objects.filter(page=survey).values_list("form_data", flat=True))
    total = len(answers)
    questions = []
    if total >= limit:
        for question in survey.form_fields.all():
            values = [answer.get(question.clean_name) for answer in answers]
            if question.field_type in TEXT_TYPES:
                texts = sorted(str(v).strip() for v in values if v and str(v).strip())
                questions.append(QuestionResult(label=question.label, kind="texts", texts=texts))
                continue
            rows = [
                Row(label=str(label), count=count, percent=round(100 * count / total))
                if count >= limit
                else Row(label=str(label), count=None)
                for label, count in _ordered_counts(question, values)
            ]
            questions.append(QuestionResult(label=question.label, kind="counts", rows=rows))
    return SurveyResults(survey=survey, total=total, threshold=limit, questions=questions)
