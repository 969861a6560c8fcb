"""The billing settings as the coordination set them (BillingSettings, in the Wagtail admin): the
rate of a session by its date, the threshold, the VAT rate, the operator as recipient.

A pure read: services, selectors and the job import it alike (as helprequests.network_settings).
"""

from .models import DEFAULT_RATE, BillingSettings, SessionRate


def current_settings():
    """The settings row (created with its defaults the first time)."""
    return BillingSettings.load()


def rate_table():
    """[(effective_from, amount)] oldest first: read once, then asked for many sessions."""
    return list(
        SessionRate.objects.order_by("effective_from").values_list("effective_from", "amount")
    )


def rate_on(day, table=None):
    """R-A3: the rate excl. tax of a session held on `day`: the latest rate in effect that day,
    else the default 60 EUR. A rate dated after a session never changes it."""
    amount = DEFAULT_RATE
    for effective_from, rate in rate_table() if table is None else table:
        if effective_from > day:
            break
        amount = rate
    return amount
