"""The network's own rules that operators may change, read from the environment like every
other setting (docs/operator-guide.md): how sessions are booked and counted, and how small a
group of survey answers may be shown. Imported by base.py."""

import environ

env = environ.Env()

# Appointments (appointments/): a session lasts this long (R-A3); a member who cancels less than
# this many hours before the start leaves the session billable; a request with no organisation
# gets this many sessions (R-K2: 1 to 4).
APPOINTMENT_MINUTES = env.int("APPOINTMENT_MINUTES", default=45)
APPOINTMENT_LATE_CANCEL_HOURS = env.int("APPOINTMENT_LATE_CANCEL_HOURS", default=48)
APPOINTMENT_DEFAULT_MAX_SESSIONS = env.int("APPOINTMENT_DEFAULT_MAX_SESSIONS", default=4)
# R-K3, R-K4: before the first session the member confirms the terms; where the network asks
# for contributions, they are told the usual price and choose a contribution (1 EUR up to it).
APPOINTMENT_CONTRIBUTIONS = env.bool("APPOINTMENT_CONTRIBUTIONS", default=False)
APPOINTMENT_USUAL_PRICE_EUR = env.int("APPOINTMENT_USUAL_PRICE_EUR", default=60)
# R-A5: a helper who offers fewer weekly slots than this, or whose free slots reach fewer
# working days ahead than the minimum (or the recommended) horizon, is warned on "Mes
# disponibilités" (appointments.workdays.check_availability).
APPOINTMENT_MIN_WEEKLY_SLOTS = env.int("APPOINTMENT_MIN_WEEKLY_SLOTS", default=5)
APPOINTMENT_MIN_HORIZON_WORKING_DAYS = env.int("APPOINTMENT_MIN_HORIZON_WORKING_DAYS", default=30)
APPOINTMENT_RECOMMENDED_HORIZON_WORKING_DAYS = env.int(
    "APPOINTMENT_RECOMMENDED_HORIZON_WORKING_DAYS", default=60
)
# How far ahead members book, in working days (French public holidays excepted): the booking
# page lists a helper's free slots up to that day (appointments.workdays.booking_window). At
# least the recommended horizon, so that a helper's slots can reach it.
APPOINTMENT_BOOKING_WORKING_DAYS = env.int("APPOINTMENT_BOOKING_WORKING_DAYS", default=60)
# R-A1: whether the coordination books for the member of a request without organisation (an
# organisation's own agreement says it for its requests). Urgent sessions (R-P5) stay open.
APPOINTMENT_COORDINATORS_BOOK_WITHOUT_ORGANISATION = env.bool(
    "APPOINTMENT_COORDINATORS_BOOK_WITHOUT_ORGANISATION", default=False
)

# Surveys (surveys/): a count of answers below this number is never shown, in charts or exports,
# so that a small group's answers cannot be traced back to a person.
SURVEY_SMALL_COUNT_THRESHOLD = env.int("SURVEY_SMALL_COUNT_THRESHOLD", default=5)

# Indicators (indicators/): a count from 1 up to this number is shown as "moins de N" in the
# organisations' reports, and any figure that would give it back by subtraction is hidden too
# (indicators.suppression).
INDICATORS_SMALL_COUNT_THRESHOLD = env.int("INDICATORS_SMALL_COUNT_THRESHOLD", default=5)
