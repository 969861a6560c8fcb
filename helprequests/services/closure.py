"""Closing a request: by the member's questionnaire (R-P7, R-K13), or by the worker after a wait.

At closure every helper loses access (R-C9: "only from routing until closure"); the member keeps
seeing their own request until retention erases its content.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import permissions
from ..errors import RequestError
from ..models import HelpRequest, SatisfactionAnswer, Status
from ..network_settings import current_settings
from . import common


def close(request, *, action, actor, role, now):
    request.closed_at = now
    common.move(
        request,
        action=action,
        to_status=Status.CLOSED,
        actor=actor,
        role=role,
        now=now,
        fields=["closed_at"],
    )
    common.end_routings(request, now=now, action=action, by=actor)


@transaction.atomic
def answer_questionnaire(
    *, request, by, overall, timely, would_recommend, comment="", version=None
):
    """The member's satisfaction questionnaire; sending it closes the request (R-P7).

    The answer is tied to the request only, never to the person, so that indicators read it
    without identity (R-K13).
    """
    request = common.lock(request)
    role = permissions.check("answer_questionnaire", request, by)
    common.check_version(request, version)
    try:
        overall = int(overall)
    except (TypeError, ValueError):
        overall = 0
    if not 1 <= overall <= 5:
        raise RequestError(_("Choisissez une note de 1 à 5."), code="overall")
    if timely in (None, "") or would_recommend in (None, ""):
        raise RequestError(_("Répondez à chaque question."), code="incomplete")
    comment = common.clean_text(
        comment,
        label=_("Commentaire"),
        max_length=SatisfactionAnswer._meta.get_field("comment").max_length,
        required=False,
    )
    now = timezone.now()
    SatisfactionAnswer.objects.create(
        request=request,
        overall=overall,
        timely=_as_bool(timely),
        would_recommend=_as_bool(would_recommend),
        comment=comment,
        answered_at=now,
    )
    close(request, action="answer_questionnaire", actor=by, role=role, now=now)
    return request


def _as_bool(value):
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "oui", "on")
    return bool(value)


@transaction.atomic
def close_request(*, request, by=None, now=None, version=None):
    """Close one finished request without a questionnaire: the worker's action (by=None)."""
    request = common.lock(request)
    role = permissions.check("close", request, by)
    common.check_version(request, version)
    close(request, action="close", actor=by, role=role, now=now or timezone.now())
    return request


def close_finished_requests(*, now=None):
    """Worker: requests finished (declined, resolved, withdrawn, referred) for closure_wait_days
    without a questionnaire are closed. Returns how many."""
    now = now or timezone.now()
    limit = now - timedelta(days=current_settings().closure_wait_days)
    candidates = list(
        HelpRequest.objects.filter(
            status__in=permissions.FINISHED, finished_at__lte=limit
        ).values_list("pk", flat=True)
    )
    closed = 0
    for pk in candidates:
        with transaction.atomic():
            request = common.lock(pk)
            if request.status not in permissions.FINISHED or request.finished_at > limit:
                continue
            close_request(request=request, by=None, now=now)
            closed += 1
    return closed
