"""The worker's periodic job for events: when an editor adds seats to a full event, the people
waiting get them within the quarter hour, in order, and are told (R-C14)."""

import logging

from django.utils import timezone

from portal import schedule

from . import services
from .models import EventPage, Registration, RegistrationStatus

logger = logging.getLogger("events")


@schedule.every(minutes=15)
def fill_free_seats():
    now = timezone.now()
    waiting = Registration.objects.filter(status=RegistrationStatus.WAITING).values("event")
    promoted = 0
    for event in EventPage.objects.live().filter(pk__in=waiting, starts_at__gt=now):
        promoted += services.fill_free_seats(event=event, now=now)
    if promoted:
        logger.info("events: %s people promoted from waiting lists", promoted)
