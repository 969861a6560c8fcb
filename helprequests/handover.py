"""What other apps do when the helper who took a request stops working on it (issue #12).

The helper's accepted routing ends when the member withdraws the request (R-C4), the helper
steps aside (R-G1; the system does it for a deleted account, R-C8), the coordination refers it
to the national level (R-P8) or it is closed. helprequests does not know what later apps tie to
that work (appointments keeps the sessions booked with that helper), so each registers here the
function that settles its own part, and it runs inside the service's transaction, after the
routing's new state is saved (members.deletion is the same pattern for account deletion):

    from helprequests import handover

    @handover.register
    def cancel_coming_sessions(routing, *, action, by, now):
        ...

A hook receives the routing (its `request` locked and already in its new state), the action
that ended it (a helprequests.permissions.RULES name: "withdraw", "step_aside", "close",
"answer_questionnaire", "refer"), who did it (None: the system) and the moment. It raises
ValidationError to refuse the whole change.
"""

_hooks = []


def register(fn):
    """Add a hook; usable as a decorator. Registering twice has no effect."""
    if fn not in _hooks:
        _hooks.append(fn)
    return fn


def hooks():
    return tuple(_hooks)


def helper_left(routing, *, action, by, now):
    """Called by helprequests.services.common.routing_ended, the one place that knows."""
    for hook in hooks():
        hook(routing, action=action, by=by, now=now)
