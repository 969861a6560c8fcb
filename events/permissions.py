"""Who may do what with events, in one table the tests walk (STYLE.md).

Reading an event page is not decided here: that is the page's view restriction
(home/visibility.py). This table says who may take a place, by the event's audience, and who
runs the events' follow-up. Services ask it before changing anything; the event page asks the
same functions through events.selectors.event_view, so buttons and refusals always agree.
"""

from members import roles

from .models import EventAudience

# The role a person must hold to register, by audience. "Everyone" events may sit on public
# pages, but a place is always held by an account of the network.
AUDIENCE_ROLE = {
    EventAudience.EVERYONE: roles.MEMBERS,
    EventAudience.MEMBERS: roles.MEMBERS,
    EventAudience.HELPERS: roles.HELPERS,
}

# Actions beyond one's own place (attendance, the helpers' yearly obligations, reminders).
COORDINATION = roles.COORDINATORS


def may_register(user, event):
    """May this person take a place at this event (audience only; dates are the service's)?"""
    return user.is_authenticated and roles.has_role(user, AUDIENCE_ROLE[event.audience])


def may_coordinate(user):
    return roles.has_role(user, COORDINATION)
