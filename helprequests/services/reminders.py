"""The reminders the worker sends (R-P4, issue #6, item 2): once per request, to the coordinators
when its acknowledgement deadline nears or passes (the clock's amber, helprequests/clocks.py),
and to the coordinators and the taking helper when a promised date nears.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import permissions
from ..models import HelpRequest, Status
from ..network_settings import current_settings
from . import common


def remind_coordinators(*, now=None):
    """Tell the coordinators, once per request, about requests whose acknowledgement deadline
    is near or passed, and about promised dates within `promise_reminder_days`. Returns how many
    reminders were sent."""
    now = now or timezone.now()
    settings = current_settings()
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
