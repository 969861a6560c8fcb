"""What the end of a helper's work on a request does to its sessions (issue #12), registered
with helprequests.handover in apps.ready(): the coming ones are cancelled."""

from . import services


def cancel_coming_sessions(routing, *, action, by, now):
    services.cancel_sessions_of_request(
        request=routing.request, helper=routing.helper, action=action, by=by, now=now
    )
