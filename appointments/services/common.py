"""What the appointments services share: the logger, the refusals about a slot, the link a
notification carries, and the session's row lock."""

import logging

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from helprequests.services.common import send as notify

from ..models import Session

logger = logging.getLogger("appointments")

TAKEN = _("Ce créneau vient d’être pris : choisissez-en un autre.")
NOT_OFFERED = _("Ce créneau n’est pas (ou plus) proposé par l’aidant·e : choisissez-en un autre.")


def _session_link(session):
    return reverse("appointments:mine")


def _lock_session(session):
    return Session.objects.select_for_update().get(pk=session.pk)


def lock_helpers(ids):
    """Serialise the changes of these helpers' slots and bookings (overlap checks, a pair's
    shared slot booked from two requests) on their user rows, always in the order of their
    ids so that two transactions locking the same pair cannot wait for each other."""
    list(
        get_user_model()
        .objects.select_for_update()
        .filter(pk__in=sorted(set(ids)))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


__all__ = [
    "NOT_OFFERED",
    "TAKEN",
    "_lock_session",
    "_session_link",
    "lock_helpers",
    "logger",
    "notify",
]
