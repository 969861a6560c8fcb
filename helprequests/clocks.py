"""The acknowledgement clock (R-P4): a pure read, shown by the coordination's queue and request
page; the reminders the worker sends from it are a service (services/reminders.py).

A request must be taken into account within `acknowledgement_hours` (48 at most, the setting) of
its submission: the deadline is fixed at submission (HelpRequest.acknowledge_by), so that
changing the setting later does not move the promise made to people already waiting. The colour:

  green  more than `amber_hours` left;
  amber  `amber_hours` or less left (deadline - amber_hours <= now < deadline);
  red    the deadline has passed (now >= deadline);
  None   acknowledged (or declined, withdrawn…): no clock any more.
"""

from datetime import timedelta

from django.utils import timezone

from .models import Status
from .network_settings import current_settings

GREEN, AMBER, RED = "green", "amber", "red"


def acknowledgement_state(request, now=None, *, settings=None):
    """The request's clock colour at `now` (default: now), or None once it stopped. Pass
    `settings` (network_settings.current_settings()) to read them once for many requests."""
    if request.status != Status.SUBMITTED or request.acknowledged_at is not None:
        return None
    now = now or timezone.now()
    settings = settings or current_settings()
    if now >= request.acknowledge_by:
        return RED
    if now >= request.acknowledge_by - timedelta(hours=settings.amber_hours):
        return AMBER
    return GREEN
