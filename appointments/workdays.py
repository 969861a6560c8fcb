"""French working days and the checks of a helper's availability (R-A5).

A working day is Monday to Friday, except the public holidays of metropolitan France, taken from
the maintained `holidays` library (Easter Monday, Ascension and Whit Monday move every year; the
law may add or remove a day, and the library follows it). Alsace-Moselle's two extra days are not
counted: the networks work across France.

The availability checks answer the warnings a helper sees on their availability page: too few
slots in a week, a bookable horizon that is too short. They take plain values (the helper's free
slots as aware datetimes, absences as date ranges, today) so they are tested without a database.
"""

import math
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

import holidays
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

NORMAL_WEEK_WORKING_DAYS = 5


@lru_cache(maxsize=64)
def _public_holidays(year):
    # One frozen set per year: the library's own object grows as it is queried, which is not
    # something to share between threads.
    return frozenset(holidays.country_holidays("FR", years=year))


def is_public_holiday(day):
    return day in _public_holidays(day.year)


def is_working_day(day):
    """Monday to Friday and not a French public holiday."""
    return day.weekday() < 5 and not is_public_holiday(day)


def add_working_days(day, n):
    """The day `n` working days after `day` (before it when `n` is negative).

    `day` itself is not counted, so the result is always a working day, except for `n == 0`,
    which returns `day` unchanged. Friday + 1 is the next Monday; the day before 14 July + 1
    is 15 July.
    """
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    while remaining:
        day += timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start, end):
    """How many working days fall after `start`, up to and including `end` (0 if end <= start).

    The inverse of `add_working_days`: `working_days_between(d, add_working_days(d, n)) == n`.
    """
    return sum(
        1
        for offset in range(1, (end - start).days + 1)
        if is_working_day(start + timedelta(offset))
    )


def booking_working_days():
    return settings.APPOINTMENT_BOOKING_WORKING_DAYS


def booking_window(today):
    """(first day, last day) members may book in: from today to APPOINTMENT_BOOKING_WORKING_DAYS
    working days after it (60 by default, the recommended horizon of R-A5)."""
    return today, add_working_days(today, booking_working_days())


def min_weekly_slots():
    return getattr(settings, "APPOINTMENT_MIN_WEEKLY_SLOTS", 5)


def min_horizon_working_days():
    return getattr(settings, "APPOINTMENT_MIN_HORIZON_WORKING_DAYS", 30)


def recommended_horizon_working_days():
    return getattr(settings, "APPOINTMENT_RECOMMENDED_HORIZON_WORKING_DAYS", 60)


FEW_SLOTS = ngettext_lazy(
    "Vous proposez moins de %(minimum)d créneaux par semaine (hors jours fériés et absences) "
    "la semaine du %(weeks)s.",
    "Vous proposez moins de %(minimum)d créneaux par semaine (hors jours fériés et absences) "
    "les semaines du %(weeks)s.",
    "count",
)
SHORT_HORIZON = ngettext_lazy(
    "Vos créneaux ne couvrent que %(days)d jour ouvré : proposez-en sur au moins "
    "%(minimum)d jours ouvrés (%(recommended)d recommandés).",
    "Vos créneaux ne couvrent que %(days)d jours ouvrés : proposez-en sur au moins "
    "%(minimum)d jours ouvrés (%(recommended)d recommandés).",
    "days",
)
BELOW_RECOMMENDED_HORIZON = _(
    "Vos créneaux couvrent %(days)d jours ouvrés : %(recommended)d sont recommandés."
)


@dataclass(frozen=True)
class AvailabilityCheck:
    """What `check_availability` found; `warnings` are the French sentences to show.

    `thin_weeks` are the Mondays of the weeks with too few slots; `horizon` counts the working
    days from today to the last free slot (`working_days_between`).
    """

    thin_weeks: tuple
    horizon: int
    minimum_horizon: int
    recommended_horizon: int
    # The count asked of a full week of work, for the message.
    weekly_minimum: int

    @property
    def warnings(self):
        found = []
        if self.thin_weeks:
            weeks = ", ".join(
                date_format(monday, "SHORT_DATE_FORMAT") for monday in self.thin_weeks
            )
            found.append(
                FEW_SLOTS
                % {"count": len(self.thin_weeks), "minimum": self.weekly_minimum, "weeks": weeks}
            )
        params = {
            "days": self.horizon,
            "minimum": self.minimum_horizon,
            "recommended": self.recommended_horizon,
        }
        if self.horizon < self.minimum_horizon:
            found.append(SHORT_HORIZON % params)
        elif self.horizon < self.recommended_horizon:
            found.append(BELOW_RECOMMENDED_HORIZON % params)
        return found


def _absent(day, absences):
    return any(start <= day <= end for start, end in absences)


def _is_thin(monday, slot_days, absences, weekly_minimum):
    week = [monday + timedelta(days=i) for i in range(7)]
    open_days = sum(1 for day in week if is_working_day(day) and not _absent(day, absences))
    needed = math.ceil(weekly_minimum * open_days / NORMAL_WEEK_WORKING_DAYS)
    return sum(1 for day in slot_days if monday <= day <= week[-1]) < needed


def check_availability(*, free_slots, absences, today):
    """Check a helper's availability (R-A5: 5 slots a week, 30 working days ahead, 60 advised).

    - `free_slots`: the start of each concrete slot, aware datetimes (any zone; the day
      they fall on is read in the site's zone, Europe/Paris). "Mes disponibilités" passes the
      slots the helper offers, booked ones included (selectors.availability_page).
    - `absences`: (first day, last day) pairs, both days included.
    - `today`: the date the check is made, in Europe/Paris.

    Slots that fall in an absence, or on or before `today`, count for nothing.

    Horizon: the working days from `today` to the day of the last counted slot. Below
    APPOINTMENT_MIN_HORIZON_WORKING_DAYS (30) it is a warning; below
    APPOINTMENT_RECOMMENDED_HORIZON_WORKING_DAYS (60) a softer one.

    Weekly slots: every ISO week (Monday to Sunday) from the Monday after `today` that ends
    on or before the day of the last counted slot is checked, and always the next week, even
    with no slot at all. The current week is not checked (part of it is already over), nor the
    week the horizon ends in (that is the horizon's warning). A week must hold at least
    APPOINTMENT_MIN_WEEKLY_SLOTS (5) slots, scaled down by the working days it loses to public
    holidays and absences, rounded up: 4 in the week of Ascension, 3 in a week with two days of
    absence, none in a week of holiday.
    """
    zone = timezone.get_default_timezone()
    days = sorted(
        day
        for day in (slot.astimezone(zone).date() for slot in free_slots)
        if day > today and not _absent(day, absences)
    )
    last = days[-1] if days else today
    weekly_minimum = min_weekly_slots()

    mondays = [today + timedelta(days=7 - today.weekday())]
    while mondays[-1] + timedelta(days=13) <= last:  # the following week ends by `last`
        mondays.append(mondays[-1] + timedelta(days=7))
    thin_weeks = tuple(
        monday for monday in mondays if _is_thin(monday, days, absences, weekly_minimum)
    )

    return AvailabilityCheck(
        thin_weeks=thin_weeks,
        horizon=working_days_between(today, last),
        minimum_horizon=min_horizon_working_days(),
        recommended_horizon=recommended_horizon_working_days(),
        weekly_minimum=weekly_minimum,
    )
