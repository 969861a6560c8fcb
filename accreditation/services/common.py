"""What every accreditation service shares: text checks, the helper's locked row, the log of
changes, the hand-back of open requests, and the mail to the helper (issue #19)."""

import logging

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from helprequests import permissions as request_permissions
from helprequests.models import Routing
from helprequests.services import common as request_common
from helprequests.services import hand_back

from ..errors import AccreditationError
from ..models import Accreditation, Change

logger = logging.getLogger("accreditation")

TEXT_MAX_LENGTH = 4000


def text(value, *, required_message=None, max_length=TEXT_MAX_LENGTH):
    value = (value or "").strip()
    if required_message and not value:
        raise AccreditationError(required_message)
    if len(value) > max_length:
        raise AccreditationError(
            _("Ce texte est trop long (%(max)s caractères au plus).") % {"max": max_length}
        )
    return value


def locked(helper):
    """The helper's accreditation row, created accredited on first need, locked."""
    Accreditation.objects.get_or_create(helper=helper)
    return Accreditation.objects.select_for_update().get(helper=helper)


def log(helper, kind, *, by, now, why="", status=""):
    return Change.objects.create(helper=helper, kind=kind, status=status, by=by, at=now, why=why)


def set_status(row, status, *, by, now, why, reason="", pause_reason="", return_on=None):
    row.status = status
    row.status_since = now
    row.reason = reason
    row.pause_reason = pause_reason
    row.return_on = return_on
    row.save()
    log(row.helper, Change.Kind.STATUS, by=by, now=now, why=why, status=status)
    logger.info("helper %s: accreditation %s", row.helper_id, status)


def hand_back_open_requests(helper):
    """The helper's offers and taken requests that are still open go back to the coordination;
    a resolved request (only its questionnaire awaited) stays with them."""
    note = _("L’aidant·e n’est pas disponible (agrément).")
    for routing in list(
        Routing.objects.filter(
            helper=helper,
            status__in=request_permissions.LIVE_ROUTING,
            request__status__in=request_permissions.OPEN,
        ).order_by("pk")
    ):
        hand_back(routing=routing, note=str(note))


def my_page():
    return reverse("accreditation:mine")


def tell_helper(helper, subject, message):
    request_common.send([helper], subject=subject, message=message, link=my_page())
