"""Answering a survey (served by its CMS page) and the coordination's results and export."""

import csv

from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from members.permissions import coordinator_required
from portal.refusals import act

from . import selectors, services
from .charts import bar_chart


def serve_survey(survey, request):
    """SurveyPage.serve: the form for a member who may answer; a POST goes to the service,
    whose refusal is shown above the form as it was filled in (nothing typed is lost)."""
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())

    def page(status, error):
        context = survey.get_context(request)
        context["form"] = form
        return TemplateResponse(request, survey.get_template(request), context, status=status)

    if request.method != "POST":
        form = survey.get_form(page=survey, user=request.user)
        return page(200, None)
    form = survey.get_form(request.POST, page=survey, user=request.user)
    return act(
        request,
        form,
        lambda data: services.answer_survey(survey=survey, by=request.user, data=data),
        success=None,
        done=lambda _result: survey.render_landing_page(request),
        page=page,
    )


@coordinator_required
def coordination(request):
    return render(
        request,
        "surveys/coordination/list.html",
        {"surveys": selectors.surveys_for_coordination(), "threshold": selectors.threshold()},
    )


@coordinator_required
def results(request, survey_id):
    survey = selectors.survey_for_coordination(survey_id)
    outcome = selectors.results(survey)
    for question in outcome.questions:
        if question.kind == "counts":
            question.chart = bar_chart(question.rows, outcome.threshold)
    return render(request, "surveys/coordination/results.html", {"results": outcome})


def _cell(value):
    """A spreadsheet must not read a member's text as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@coordinator_required
def export(request, survey_id):
    survey = selectors.survey_for_coordination(survey_id)
    outcome = selectors.results(survey)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="sondage-{survey.pk}.csv"'
    response.write("\ufeff")  # spreadsheets then read the file as UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("Question"), _("Réponse"), _("Nombre")])
    hidden = _("moins de %(count)d") % {"count": outcome.threshold}
    if not outcome.enough:
        writer.writerow([_("Réponses"), "", hidden])
    for question in outcome.questions:
        for row in question.rows:
            count = hidden if row.count is None else row.count
            writer.writerow([_cell(question.label), _cell(row.label), count])
        for text in question.texts:
            writer.writerow([_cell(question.label), _cell(text), ""])
    return response
