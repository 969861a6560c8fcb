"""Helpers publish and remove their slots and absences (R-A5, R-P3)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import permissions, slots
from ..errors import AppointmentError
from ..models import (
    Absence,
    Availability,
)
from .common import (
    logger,
)

# --- Availability ------------------------------------------------------------------------------


def _only_helpers(helper):
    if not permissions.is_helper(helper):
        raise AppointmentError(_("Seul·es les aidant·es publient des disponibilités."))


def _minutes(time):
    return time.hour * 60 + time.minute


def _add_slot(helper, *, weekday, date, start_time):
    """Create the slot unless it overlaps one of the helper's slots on a day they share: a
    weekly slot meets the other weekly slots of its weekday and the single slots on such a day;
    a single slot meets the slots of its date and the weekly slots of its weekday."""
    length = settings.APPOINTMENT_MINUTES
    with transaction.atomic():
        _lock_helper(helper)
        day = weekday if weekday is not None else date.weekday()
        mine = list(Availability.objects.filter(helper=helper))
        times = [
            a.start_time
            for a in mine
            if (a.weekly and a.weekday == day)
            or (not a.weekly and (a.date == date if date else a.date.weekday() == day))
        ]
        if any(abs(_minutes(start_time) - _minutes(other)) < length for other in times):
            raise AppointmentError(
                _("Ce créneau chevauche un autre de vos créneaux ce jour-là."), code="overlap"
            )
        availability = Availability.objects.create(
            helper=helper, weekday=weekday, date=date, start_time=start_time
        )
    logger.info("helper %s: slot %s added", helper.pk, availability.pk)
    return availability


def add_weekly_slot(*, helper, weekday, start_time):
    """A slot every week at this time (R-A5); refused when it overlaps another slot that day."""
    _only_helpers(helper)
    return _add_slot(helper, weekday=weekday, date=None, start_time=start_time)


def add_single_slot(*, helper, date, start_time, now=None):
    """One slot on one day (R-A5, R-P3); refused in the past or over another slot."""
    _only_helpers(helper)
    now = now or timezone.now()
    moment = slots.local_moment(date, start_time)
    if moment is None:
        raise AppointmentError(
            _("Cette heure n’existe pas ce jour-là (changement d’heure)."), code="no_such_time"
        )
    if moment <= now:
        raise AppointmentError(_("Ce créneau est déjà passé."), code="past")
    return _add_slot(helper, weekday=None, date=date, start_time=start_time)


def remove_slot(*, availability, by):
    """The helper withdraws one of their slots; sessions already booked stay booked."""
    if availability.helper_id != by.pk:
        raise AppointmentError(_("Ce créneau n’est pas le vôtre."), code="role")
    availability.delete()
    logger.info("helper %s: slot removed", by.pk)


def add_absence(*, helper, starts_on, ends_on, now=None):
    """Days without slots (holidays). Sessions already booked are kept: the helper cancels them
    one by one, with a reason the member reads."""
    _only_helpers(helper)
    today = timezone.localdate(now or timezone.now())
    if ends_on < starts_on:
        raise AppointmentError(_("La fin de l’absence précède son début."), code="order")
    if ends_on < today:
        raise AppointmentError(_("Cette absence est déjà passée."), code="past")
    absence = Absence.objects.create(helper=helper, starts_on=starts_on, ends_on=ends_on)
    logger.info("helper %s: absence %s added", helper.pk, absence.pk)
    return absence


def remove_absence(*, absence, by):
    if absence.helper_id != by.pk:
        raise AppointmentError(_("Cette absence n’est pas la vôtre."), code="role")
    absence.delete()
    logger.info("helper %s: absence removed", by.pk)


def _lock_helper(helper):
    """Serialise the changes of one helper's slots (overlap checks) on their user row."""
    get_user_model().objects.select_for_update().filter(pk=helper.pk).first()
