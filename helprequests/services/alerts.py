"""R-A12: a serious case, a danger or unlawful acts — the coordinators are alerted at once.

The alert is flagged on the request until a coordinator records what was done; the Alert rows
are the alerts' own log. The e-mail tells every coordinator that an alert is waiting, with the
link, never what it is about; the organisation's alert procedure is shown on the request's page
(selectors.alert_procedure_of).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import permissions
from ..errors import RequestError
from ..models import Alert, AlertKind
from . import common


@transaction.atomic
def raise_alert(*, request, by, kind, note, version=None):
    request = common.lock(request)
    role = permissions.check("raise_alert", request, by)
    common.check_version(request, version)
    if kind not in AlertKind.values:
        raise RequestError(_("Choisissez la nature de l’alerte."), code="kind")
    note = common.clean_text(note, label=_("Note"), max_length=common.NOTE_MAX_LENGTH)
    now = timezone.now()
    alert = Alert.objects.create(
        request=request, kind=kind, note=note, raised_by=by, raised_by_role=role, raised_at=now
    )
    request.alert_raised = True
    common.touch(
        request, action="raise_alert", actor=by, role=role, now=now, fields=["alert_raised"]
    )
    common.logger.warning(
        "help request %s: alert %s raised by user %s", request.pk, alert.pk, by.pk
    )
    common.tell_coordinators(
        request,
        subject=_("Alerte sur une demande d’aide"),
        message=_(
            "Une alerte vient d’être levée sur une demande d’aide (danger ou situation grave). "
            "Elle demande l’attention immédiate de la coordination ; la procédure d’alerte de "
            "l’organisation figure sur la page de la demande."
        ),
    )
    return alert


@transaction.atomic
def handle_alert(*, alert, by, note, version=None):
    """A coordinator records what was done; the flag drops when no alert is left open."""
    request = common.lock(alert.request_id)
    role = permissions.check("handle_alert", request, by)
    common.check_version(request, version)
    alert = Alert.objects.select_for_update().get(pk=alert.pk)
    if alert.handled_at is not None:
        raise RequestError(_("Cette alerte a déjà été traitée."), code="already")
    note = common.clean_text(note, label=_("Suites données"), max_length=common.NOTE_MAX_LENGTH)
    now = timezone.now()
    alert.handled_by = by
    alert.handled_at = now
    alert.handling_note = note
    alert.save(update_fields=["handled_by", "handled_at", "handling_note"])
    request.alert_raised = Alert.objects.filter(request=request, handled_at__isnull=True).exists()
    common.touch(
        request, action="handle_alert", actor=by, role=role, now=now, fields=["alert_raised"]
    )
    return alert
