"""A helper's status: their own pause (R-K15) and the coordination's suspension, withdrawal
and reinstatement (R-K14). Stopping work hands the helper's open requests back to the
coordination (common.hand_back_open_requests)."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helprequests.services import common as request_common

from .. import permissions
from ..errors import AccreditationError
from ..models import NOT_WORKING, PauseReason, Status
from .common import hand_back_open_requests, locked, set_status, tell_helper, text

# --- The helper's pause (R-K15) -------------------------------------------------------------


@transaction.atomic
def pause(*, helper, by, pause_reason="", return_on=None, now=None):
    """The helper stops receiving requests and being booked for a while: health, holidays,
    workload. The category and the expected return are optional; their open requests go back
    to the coordination."""
    permissions.check("pause", helper=helper, by=by)
    now = now or timezone.now()
    if pause_reason and pause_reason not in PauseReason.values:
        raise AccreditationError(_("Choisissez l’un des motifs proposés."))
    if return_on is not None and return_on <= timezone.localdate(now):
        raise AccreditationError(_("Le retour prévu doit être une date à venir."))
    row = locked(helper)
    if not permissions.may_pause(row):
        raise AccreditationError(_("Vous ne pouvez vous mettre en pause que si vous êtes agréé·e."))
    set_status(
        row,
        Status.PAUSED,
        by=by,
        now=now,
        why=PauseReason(pause_reason).label if pause_reason else "",
        pause_reason=pause_reason,
        return_on=return_on,
    )
    hand_back_open_requests(helper)
    return row


@transaction.atomic
def resume(*, helper, by, now=None):
    permissions.check("resume", helper=helper, by=by)
    now = now or timezone.now()
    row = locked(helper)
    if not permissions.may_resume(row):
        raise AccreditationError(_("Votre activité n’est pas en pause."))
    set_status(row, Status.ACCREDITED, by=by, now=now, why="")
    request_common.send(
        request_common.coordinators(),
        subject=_("Un·e aidant·e est de nouveau disponible"),
        message=_(
            "Un·e aidant·e a mis fin à sa pause : des demandes peuvent de nouveau lui être "
            "proposées."
        ),
        link=reverse("accreditation:coordination"),
    )
    return row


# --- The coordination's decisions (R-K14) ---------------------------------------------------


def _decide(action, *, helper, by, reason, to_status, refused, now):
    """One decision of the coordination, open in the states permissions.decisions_for gives."""
    permissions.check(action, helper=helper, by=by)
    reason = text(reason, required_message=_("Indiquez le motif : l’aidant·e le lira sur sa page."))
    row = locked(helper)
    if action not in permissions.decisions_for(row):
        raise AccreditationError(refused)
    set_status(row, to_status, by=by, now=now, why=reason, reason=reason)
    if to_status in NOT_WORKING:
        hand_back_open_requests(helper)
    tell_helper(
        helper,
        _("Votre agrément a changé"),
        _("La coordination a modifié votre agrément. Vous en trouverez le motif sur votre page."),
    )
    return row


@transaction.atomic
def suspend(*, helper, by, reason, now=None):
    return _decide(
        "suspend",
        helper=helper,
        by=by,
        reason=reason,
        to_status=Status.SUSPENDED,
        refused=_("Seul·e un·e aidant·e agréé·e ou en pause peut être suspendu·e."),
        now=now or timezone.now(),
    )


@transaction.atomic
def withdraw(*, helper, by, reason, now=None):
    return _decide(
        "withdraw",
        helper=helper,
        by=by,
        reason=reason,
        to_status=Status.WITHDRAWN,
        refused=_("L’agrément de cet·te aidant·e est déjà retiré."),
        now=now or timezone.now(),
    )


@transaction.atomic
def reinstate(*, helper, by, reason, now=None):
    return _decide(
        "reinstate",
        helper=helper,
        by=by,
        reason=reason,
        to_status=Status.ACCREDITED,
        refused=_(
            "Seul·e un·e aidant·e suspendu·e ou dont l’agrément a été retiré peut être rétabli·e."
        ),
        now=now or timezone.now(),
    )
