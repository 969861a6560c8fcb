"""What deleting an account does to help requests (R-C8, R-K7), registered in apps.ready().

Every change goes through the services, as the system (by=None), so that each is recorded in
the request's history, told once through portal.notifications.notify, and takes away access
through helprequests.access like any other:

For the person as a member: each open request is withdrawn (`withdraw_request`: the helpers and
coordinators are told, without content), then every request of theirs is closed
(`close_request`) and its personal content erased at once (`erase_request_content`), as
retention would later; the requester link is cut.

For the person as a helper: each of their live routings ends (`step_aside`), so that the
requests go back to the coordination (a resolved request stays resolved); what they wrote in
threads stays with the request (retention erases it in time).
"""

import logging

from django.db import transaction

from . import permissions
from .models import HelpRequest, Routing, Status
from .services import close_request, common, erase_request_content, step_aside, withdraw_request

logger = logging.getLogger("helprequests")


def forget_help_requests(user, *, remove_forum_posts):
    with transaction.atomic():
        for pk in list(HelpRequest.objects.filter(requester=user).values_list("pk", flat=True)):
            request = common.lock(pk)
            if request.status in permissions.OPEN:
                request = withdraw_request(request=request, by=None)
            if request.status != Status.CLOSED:
                request = close_request(request=request, by=None)
            erase_request_content(request=request)

        for routing in list(
            Routing.objects.filter(helper=user, status__in=permissions.LIVE_ROUTING)
        ):
            step_aside(routing=routing, by=None)
        logger.info("help requests of user %s forgotten", user.pk)
