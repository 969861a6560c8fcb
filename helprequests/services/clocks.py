"""The acknowledgement clock (R-P4) and the reminders the worker sends (issue #6, item 2).

A request must be taken into account within `acknowledgement_hours` (48 by default) of its
submission: the deadline is fixed at submission (HelpRequest.acknowledge_by), so that changing
the setting later does not move the promise made to people already waiting. The colour:

  green  more than `amber_hours` left;
  amber  `amber_hours` or less left (deadline - amber_hours <= now < deadline);
  red    the deadline has passed (now >= deadline);
  None   acknowledged (or declined, withdrawn…): no clock any more.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import permissions
from ..models import HelpRequest, Status
from . import common

GREEN, AMBER, RED = "green", "amber", "red"


def acknowledgement_state(request, now=None, *, settings=None):
    if request.status != Status.SUBMITTED or request.acknowledged_at is not None:
        return None
    now = now or timezone.now()
    settings = settings or common.current_settings()
    if now >= request.acknowledge_by:
        return RED
    if now >= request.acknowledge_by - timedelta(hours=settings.amber_hours):
        return AMBER
    return GREEN


def remind_coordinators(*, now=None):
    """Tell the coordinators, once per request, about requests whose acknowledgement deadline
    is near or passed, and about promised dates within `promise_reminder_days`. Returns how many
    reminders were sent."""
    now = now or timezone.now()
    settings = common.current_settings()
    sent = 0

    near_deadline = HelpRequest.objects.filter(
        status=Status.SUBMITTED,
        acknowledged_at__isnull=True,
        reminded_at__isnull=True,
        acknowledge_by__lte=now + timedelta(hours=settings.amber_hours),
    ).values_list("pk", flat=True)
    for pk in list(near_deadline):
        with transaction.atomic():
            request = common.lock(pk)
            if request.reminded_at is not None or request.status != Status.SUBMITTED:
                continue
            request.reminded_at = now
            request.save(update_fields=["reminded_at"])
            common.tell_coordinators(
                request,
                subject=_("Une demande attend d’être prise en compte"),
                message=_(
                    "Une demande d’aide approche du délai de prise en compte (ou l’a dépassé). "
                    "Merci de la prendre en compte au plus vite."
                ),
            )
            sent += 1

    horizon = timezone.localdate(now) + timedelta(days=settings.promise_reminder_days)
    near_promise = HelpRequest.objects.filter(
        status__in=permissions.PROMISED,
        promised_by__isnull=False,
        promised_by__lte=horizon,
        promise_reminded_at__isnull=True,
    ).values_list("pk", flat=True)
    for pk in list(near_promise):
        with transaction.atomic():
            request = common.lock(pk)
            if (
                request.promise_reminded_at is not None
                or request.status not in permissions.PROMISED
            ):
                continue
            request.promise_reminded_at = now
            request.save(update_fields=["promise_reminded_at"])
            message = _(
                "La date de réponse promise pour une demande d’aide approche. Si elle ne peut "
                "pas être tenue, annoncez un report avec son motif."
            )
            common.tell_coordinators(
                request, subject=_("Une date promise approche"), message=message
            )
            taking = common.taking_routing(request)
            if taking is not None:
                common.tell_helpers(
                    request,
                    [taking.helper_id],
                    subject=_("Une date promise approche"),
                    message=message,
                )
            sent += 1
    return sent
