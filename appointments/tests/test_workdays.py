"""French working days and the availability warnings (R-A5), without a database."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from appointments.workdays import (
    add_working_days,
    check_availability,
    is_working_day,
    working_days_between,
)

PARIS = ZoneInfo("Europe/Paris")
TODAY = date(2027, 3, 1)  # a Monday; Easter Monday is 29 March, Ascension 6 May


def one_slot_per_working_day(count, *, after=TODAY, skip=()):
    """A 10:00 slot on each of the `count` working days after `after`, minus the days in `skip`."""
    days = [add_working_days(after, n) for n in range(1, count + 1)]
    return [datetime(d.year, d.month, d.day, 10, tzinfo=PARIS) for d in days if d not in skip]


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 5, 1),  # Fête du travail, a Friday
        date(2027, 7, 14),  # Fête nationale, a Wednesday
        date(2027, 3, 29),  # Easter Monday
        date(2027, 5, 6),  # Ascension
        date(2027, 5, 17),  # Whit Monday
        date(2027, 11, 11),  # Armistice, a Thursday
        date(2027, 12, 25),
    ],
)
def test_french_public_holidays_are_not_working_days(day):
    assert not is_working_day(day)


def test_weekends_are_not_working_days_and_ordinary_weekdays_are():
    assert not is_working_day(date(2027, 3, 6))  # Saturday
    assert not is_working_day(date(2027, 3, 7))  # Sunday
    assert all(is_working_day(date(2027, 3, day)) for day in range(1, 6))


def test_alsace_moselle_good_friday_is_a_working_day():
    assert is_working_day(date(2027, 3, 26))


def test_adding_working_days_skips_weekends_and_holidays():
    assert add_working_days(date(2027, 7, 13), 1) == date(2027, 7, 15)
    assert add_working_days(date(2027, 3, 26), 1) == date(2027, 3, 30)  # Friday → after Easter
    assert add_working_days(date(2027, 5, 5), 2) == date(2027, 5, 10)  # over Ascension
    assert add_working_days(date(2027, 3, 6), 0) == date(2027, 3, 6)


def test_adding_negative_working_days_goes_back():
    assert add_working_days(date(2027, 3, 30), -1) == date(2027, 3, 26)


def test_working_days_between_counts_after_start_up_to_end():
    # May 2027: 21 weekdays, minus Ascension and Whit Monday (1 and 8 May are a Saturday).
    assert working_days_between(date(2027, 4, 30), date(2027, 5, 31)) == 19
    assert working_days_between(date(2027, 5, 31), date(2027, 4, 30)) == 0


@pytest.mark.parametrize("n", [1, 5, 30, 60, 250])
def test_working_days_between_undoes_add_working_days(n):
    assert working_days_between(TODAY, add_working_days(TODAY, n)) == n


def test_sixty_working_days_of_daily_slots_raise_no_warning():
    check = check_availability(free_slots=one_slot_per_working_day(60), absences=[], today=TODAY)

    assert check.horizon == 60
    assert check.thin_weeks == ()
    assert check.warnings == []


def test_a_week_with_four_slots_is_thin():
    wednesday = date(2027, 3, 10)
    slots = one_slot_per_working_day(60, skip={wednesday})

    check = check_availability(free_slots=slots, absences=[], today=TODAY)

    assert check.thin_weeks == (date(2027, 3, 8),)
    assert check.warnings == [
        "Vous proposez moins de 5 créneaux par semaine (hors jours fériés et absences) "
        "la semaine du 08/03/2027."
    ]


def test_a_holiday_week_asks_for_fewer_slots():
    # Easter week and Ascension week have four working days and four slots each.
    check = check_availability(free_slots=one_slot_per_working_day(60), absences=[], today=TODAY)

    assert date(2027, 3, 29) not in check.thin_weeks
    assert date(2027, 5, 3) not in check.thin_weeks


def test_absences_excuse_their_days_and_their_slots_do_not_count():
    slots = one_slot_per_working_day(60)
    away_all_week = (date(2027, 3, 15), date(2027, 3, 21))
    away_two_days = (date(2027, 3, 22), date(2027, 3, 23))
    without_three_slots = [
        s
        for s in slots
        if s.date() not in {date(2027, 3, 22), date(2027, 3, 23), date(2027, 3, 24)}
    ]

    check = check_availability(
        free_slots=without_three_slots, absences=[away_all_week, away_two_days], today=TODAY
    )
    # Slots offered on days of absence are not bookable: they do not make up the week.
    check_with_slots_while_away = check_availability(
        free_slots=[s for s in slots if s.date() != date(2027, 3, 24)],
        absences=[away_two_days],
        today=TODAY,
    )

    assert check.thin_weeks == (date(2027, 3, 22),)  # two slots where three are needed
    assert check_with_slots_while_away.thin_weeks == (date(2027, 3, 22),)


def test_the_current_week_and_past_slots_are_not_checked():
    wednesday = date(2027, 3, 3)
    slots = [datetime(2027, 2, 26, 10, tzinfo=PARIS), *one_slot_per_working_day(60)]

    check = check_availability(free_slots=slots, absences=[], today=wednesday)

    assert check.thin_weeks == ()
    assert check.horizon == 58


def test_a_slot_is_counted_on_its_day_in_paris():
    # Sunday 23:30 UTC is Monday 00:30 in Paris: the slot belongs to the week starting Monday.
    late = datetime(2027, 3, 14, 23, 30, tzinfo=UTC)
    slots = [*one_slot_per_working_day(60, skip={date(2027, 3, 19)}), late]

    check = check_availability(free_slots=slots, absences=[], today=TODAY)

    assert check.thin_weeks == ()


def test_no_slot_at_all_warns_about_next_week_and_the_horizon():
    check = check_availability(free_slots=[], absences=[], today=TODAY)

    assert check.horizon == 0
    assert check.thin_weeks == (date(2027, 3, 8),)
    assert check.warnings[1].startswith("Vos créneaux ne couvrent que 0 jour")


def test_a_horizon_under_thirty_working_days_is_a_warning():
    check = check_availability(free_slots=one_slot_per_working_day(29), absences=[], today=TODAY)

    assert check.horizon == 29
    assert check.warnings == [
        "Vos créneaux ne couvrent que 29 jours ouvrés : proposez-en sur au moins "
        "30 jours ouvrés (60 recommandés)."
    ]


def test_a_horizon_under_sixty_working_days_gets_the_recommendation():
    check = check_availability(free_slots=one_slot_per_working_day(30), absences=[], today=TODAY)

    assert check.warnings == ["Vos créneaux couvrent 30 jours ouvrés : 60 sont recommandés."]


def test_the_week_in_which_the_horizon_ends_is_left_to_the_horizon_warning():
    # 59 working days end on a Wednesday: that last week has three slots, and is not called thin.
    slots = one_slot_per_working_day(59)
    assert slots[-1].weekday() == 2

    check = check_availability(free_slots=slots, absences=[], today=TODAY)

    assert check.thin_weeks == ()


def test_thresholds_come_from_the_settings(settings):
    settings.APPOINTMENT_MIN_WEEKLY_SLOTS = 3
    settings.APPOINTMENT_MIN_HORIZON_WORKING_DAYS = 10
    settings.APPOINTMENT_RECOMMENDED_HORIZON_WORKING_DAYS = 20
    three_a_week = [
        s
        for s in one_slot_per_working_day(25)
        if s.weekday() in (0, 2, 4) or s.date() == date(2027, 3, 30)
    ]

    check = check_availability(free_slots=three_a_week, absences=[], today=TODAY)

    assert check.thin_weeks == ()
    assert check.warnings == []


def test_several_thin_weeks_are_named_in_one_sentence():
    slots = one_slot_per_working_day(60, skip={date(2027, 3, 9), date(2027, 3, 16)})

    check = check_availability(free_slots=slots, absences=[], today=TODAY)

    assert check.warnings == [
        "Vous proposez moins de 5 créneaux par semaine (hors jours fériés et absences) "
        "les semaines du 08/03/2027, 15/03/2027."
    ]
