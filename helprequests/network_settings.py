"""The network's settings for help requests (HelpRequestSettings, set in the admin): delays,
clocks and limits (R-P4, R-P7, R-K7).

A pure read: services, selectors and forms import it alike, so that reads never import services.
"""

from .models import HelpRequestSettings


def current_settings():
    """The settings row, as the network set it (created with its defaults the first time)."""
    return HelpRequestSettings.load()


def acknowledgement_hours():
    """R-P4: the delay within which a request is taken into account, as the network set it."""
    return current_settings().acknowledgement_hours
