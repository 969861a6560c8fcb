"""Helpers publish and remove their slots and absences (R-A5, R-P3)."""

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accreditation.selectors import is_accredited

from .. import permissions, slots
from ..errors import AppointmentError
from ..models import (
    Absence,
    Availability,
)
from .common import (
    lock_helpers,
    logger,
)

# --- Availability ------------------------------------------------------------------------------


def _only_helpers(helper):
    if not permissions.is_helper(helper):
        raise AppointmentError(_("Seul·es les aidant·es publient des disponibilités."))
    if not is_accredited(helper):
        raise AppointmentError(
            _(
                "Vous ne pouvez pas publier de créneaux pendant une pause, une suspension ou un "
                "retrait d’agrément."
            ),
            code="status",
        )


def _minutes(time):
    return time.hour * 60 + time.minute


def _meet(a, *, weekday, date, until):
    """Whether the slot `a` and a new slot (weekday or date, up to `until`) can fall on the same
    day: two weekly slots of one weekday; a weekly slot and a single one on such a day up to the
    weekly one's last day; two single slots of one date."""
    if a.weekly and weekday is not None:
        return a.weekday == weekday
    if a.weekly:
        return a.offered_on(date)
    if weekday is not None:
        return a.date.weekday() == weekday and (until is None or a.date <= until)
    return a.date == date


def _check_partner(helper, partner):
    if partner is None:
        return
    from ..selectors import partners_for

    if not partners_for(helper).filter(pk=partner.pk).exists():
        raise AppointmentError(
            _("Choisissez comme binôme un·e autre aidant·e actif·ve."), code="partner"
        )


def _add_slot(helper, *, weekday, date, start_time, until=None, partner=None):
    """Create the slot unless it overlaps, on a day they share, a slot of the helper or of the
    partner (their own slots and the slots they share with anyone): a weekly slot meets the
    other weekly slots of its weekday and the single slots on such a day; a single slot meets
    the slots of its date and the weekly slots of its weekday still running then."""
    length = settings.APPOINTMENT_MINUTES
    people = [helper] if partner is None else sorted([helper, partner], key=lambda u: u.pk)
    with transaction.atomic():
        ids = [person.pk for person in people]
        lock_helpers(ids)
        today = timezone.localdate()
        theirs = (
            Availability.objects.filter(Q(helper_id__in=ids) | Q(partner_id__in=ids))
            .exclude(until__lt=today)
            .exclude(date__lt=today)
        )
        times = [a.start_time for a in theirs if _meet(a, weekday=weekday, date=date, until=until)]
        if any(abs(_minutes(start_time) - _minutes(other)) < length for other in times):
            raise AppointmentError(
                _("Ce créneau chevauche un autre de vos créneaux (ou de votre binôme) ce jour-là.")
                if partner
                else _("Ce créneau chevauche un autre de vos créneaux ce jour-là."),
                code="overlap",
            )
        availability = Availability.objects.create(
            helper=helper,
            partner=partner,
            weekday=weekday,
            date=date,
            until=until,
            start_time=start_time,
        )
    logger.info("helper %s: slot %s added", helper.pk, availability.pk)
    return availability


def add_weekly_slot(*, helper, weekday, start_time, until=None, partner=None, now=None):
    """A slot every week at this time (R-A5), up to `until` when given (both included), with a
    partner helper when given (R-P3); refused when it overlaps another slot that day."""
    _only_helpers(helper)
    _check_partner(helper, partner)
    if until is not None and until < timezone.localdate(now or timezone.now()):
        raise AppointmentError(_("Ce dernier jour est déjà passé."), code="past")
    return _add_slot(
        helper, weekday=weekday, date=None, start_time=start_time, until=until, partner=partner
    )


def add_single_slot(*, helper, date, start_time, partner=None, now=None):
    """One slot on one day (R-A5, R-P3), with a partner helper when given; refused in the past
    or over another slot."""
    _only_helpers(helper)
    _check_partner(helper, partner)
    now = now or timezone.now()
    moment = slots.local_moment(date, start_time)
    if moment is None:
        raise AppointmentError(
            _("Cette heure n’existe pas ce jour-là (changement d’heure)."), code="no_such_time"
        )
    if moment <= now:
        raise AppointmentError(_("Ce créneau est déjà passé."), code="past")
    return _add_slot(helper, weekday=None, date=date, start_time=start_time, partner=partner)


def remove_slot(*, availability, by):
    """The helper who published the slot withdraws it (a partner does not); sessions already
    booked stay booked."""
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
