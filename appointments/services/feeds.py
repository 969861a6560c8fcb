"""A person's private calendar feed: turned on, reset, turned off (R-K9).

The token is the feed's only key (a calendar application cannot log in): a reset replaces it,
so the old address stops working at once, and turning the feed off deletes it. Tokens are never
logged; the log names the user id only.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import permissions
from ..calendar_files import new_feed_token
from ..errors import AppointmentError
from ..models import CalendarFeed
from .common import logger


def _check(user):
    if not permissions.may_have_feed(user):
        raise AppointmentError(_("Vous ne pouvez pas avoir d’agenda d’entretiens."), code="role")


def open_feed(*, user, now=None):
    """The person's feed, created with a fresh token if they had none (once: a second call
    returns the same feed and address)."""
    _check(user)
    with transaction.atomic():
        feed, created = CalendarFeed.objects.select_for_update().get_or_create(
            user=user,
            defaults={"token": new_feed_token(), "created_at": now or timezone.now()},
        )
    if created:
        logger.info("user %s: calendar feed opened", user.pk)
    return feed


def reset_feed(*, user, now=None):
    """A new secret address for the person's feed; the old one answers 404 from now on."""
    _check(user)
    with transaction.atomic():
        feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
        if feed is None:
            raise AppointmentError(_("Vous n’avez pas d’agenda d’entretiens."), code="none")
        feed.token = new_feed_token()
        feed.reset_at = now or timezone.now()
        feed.save(update_fields=["token", "reset_at"])
    logger.info("user %s: calendar feed reset", user.pk)
    return feed


def close_feed(*, user):
    """Turn the person's feed off: its address answers 404 from now on. Nothing to do if none."""
    deleted, _rows = CalendarFeed.objects.filter(user=user).delete()
    if deleted:
        logger.info("user %s: calendar feed closed", user.pk)
