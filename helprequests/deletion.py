"""What deleting an account does to help requests (R-C8, R-K7), registered in apps.ready().

For the person as a member: each open request is withdrawn first (the helpers and coordinators
are told, without content), then every request of theirs is closed and its personal content
erased at once, as retention would later; the requester link is cut.

For the person as a helper: their live routings end, as if they stepped aside, so that the
requests go back to the coordination; what they wrote in threads stays with the request
(retention erases it in time).
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermission

from . import permissions
from .models import HelpRequest, Routing, RoutingStatus, Status
from .services import common
from .services.closure import close
from .services.retention import erase_request_content

logger = logging.getLogger("helprequests")


def forget_help_requests(user, *, remove_forum_posts):
    with transaction.atomic():
        now = timezone.now()
        for pk in list(HelpRequest.objects.filter(requester=user).values_list("pk", flat=True)):
            request = common.lock(pk)
            if request.status in permissions.OPEN:
                request.finished_at = now
                common.move(
                    request,
                    action="withdraw",
                    to_status=Status.WITHDRAWN,
                    actor=None,
                    role=permissions.SYSTEM,
                    now=now,
                    fields=["finished_at"],
                )
                helpers = common.end_routings(request, now=now)
                common.tell_helpers(
                    request,
                    helpers,
                    subject=_("Une demande a été retirée"),
                    message=_(
                        "Une demande qui vous était confiée a été retirée : vous n’avez plus à y "
                        "travailler."
                    ),
                )
                common.tell_coordinators(
                    request,
                    subject=_("Une demande a été retirée"),
                    message=_("Une demande d’aide a été retirée à la suppression d’un compte."),
                )
            if request.status != Status.CLOSED:
                close(request, action="close", actor=None, role=permissions.SYSTEM, now=now)
            erase_request_content(request=request, now=now)

        for routing in list(
            Routing.objects.filter(helper=user, status__in=permissions.LIVE_ROUTING)
        ):
            request = common.lock(routing.request_id)
            routing = Routing.objects.select_for_update().get(pk=routing.pk)
            routing.request = request
            routing.status = RoutingStatus.STEPPED_ASIDE
            routing.responded_at = now
            routing.save(update_fields=["status", "responded_at"])
            common.revoke_helper(routing)
            if request.status in permissions.OPEN:
                live = Routing.objects.filter(
                    request=request, status__in=permissions.LIVE_ROUTING
                ).exists()
                common.move(
                    request,
                    action="step_aside",
                    to_status=Status.ROUTED if live else Status.ACCEPTED,
                    actor=None,
                    role=permissions.SYSTEM,
                    now=now,
                )
                common.tell_coordinators(
                    request,
                    subject=_("Un·e aidant·e s’est retiré·e d’une demande"),
                    message=_(
                        "Un·e aidant·e a quitté le réseau : une demande attend peut-être une "
                        "nouvelle proposition."
                    ),
                )

        UserObjectPermission.objects.filter(
            user=user, content_type=ContentType.objects.get_for_model(HelpRequest)
        ).delete()
        logger.info("help requests of user %s forgotten", user.pk)
