"""The one state change of a survey: a member answers it (R-C14, R-K13).

answer_survey(*, survey, by, data, now=None) -> None
    In one transaction: record that `by` answered (SurveyResponder, unique per survey and
    member) and store the answer without them (SurveyAnswer). Refuses, with a French message and
    nothing recorded, a person who is not a member, a survey not open yet or closed, and a
    second answer — the unique constraint refuses it even when two submissions cross.
"""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import permissions
from .errors import SurveyError
from .models import SurveyAnswer, SurveyResponder

logger = logging.getLogger("surveys")


def answer_day(now):
    """The answer's time as kept: midnight of its day in Paris, nothing finer."""
    local = timezone.localtime(now)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def answer_survey(*, survey, by, data, now=None):
    now = now or timezone.now()
    if not permissions.may_answer(by):
        raise SurveyError(_("Les sondages sont réservés aux membres du réseau."))
    if not survey.live:
        raise SurveyError(_("Ce sondage n’est plus publié."))
    if now < survey.opens_at:
        raise SurveyError(_("Ce sondage n’est pas encore ouvert."))
    if now >= survey.closes_at:
        raise SurveyError(_("Ce sondage est clos : votre réponse n’a pas été enregistrée."))
    try:
        with transaction.atomic():
            SurveyResponder.objects.create(survey=survey, user=by)
            SurveyAnswer.objects.create(page=survey, form_data=data, submit_time=answer_day(now))
    except IntegrityError as error:
        raise SurveyError(
            _("Vous avez déjà répondu à ce sondage : une seule réponse par membre.")
        ) from error
    logger.info("survey %s answered", survey.pk)
