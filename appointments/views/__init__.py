"""Availability, booking and sessions pages (R-A3, R-A5, R-K2).

Every action goes through appointments.services and portal.refusals.act, the one road from a
service's refusal to a response: 400 when the form itself was not valid, 409 when the service
refused, the page shown again as it is now with what was typed kept and the refusal on it
(beside the form, or above the page for a bare button), and nothing changed. Reads start from
appointments.selectors, narrowed to the viewer.
"""

from .availability import availability, remove_absence, remove_slot
from .booking import book, offer
from .coordination import coord_request, coordination
from .sessions import cancel, done, feedback, mine, no_show, propose, remote_details

__all__ = [
    "availability",
    "book",
    "cancel",
    "coord_request",
    "coordination",
    "done",
    "feedback",
    "mine",
    "no_show",
    "offer",
    "propose",
    "remote_details",
    "remove_absence",
    "remove_slot",
]
