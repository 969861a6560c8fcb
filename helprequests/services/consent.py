"""R-C10: contact details pass between the member and a helper only with both agreements.

Each consent is per routing (per helper), recorded with its date and shown to both. The contact
becomes visible (helprequests.selectors.member_contact / helper_contact) only once both have
agreed and the helper has accepted the request; until then they talk through the portal's
messages.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import permissions
from ..errors import RequestError
from ..models import RoutingStatus
from . import common


@transaction.atomic
def give_member_consent(*, routing, by, version=None):
    """The member agrees that this helper receives their contact details."""
    request, routing = common.lock_routing(routing)
    role = permissions.check("give_member_consent", request, by)
    common.check_version(request, version)
    if routing.status not in permissions.LIVE_ROUTING:
        raise RequestError(_("Cet·te aidant·e ne s’occupe plus de votre demande."), code="routing")
    if routing.member_consent_at is not None:
        raise RequestError(_("Vous avez déjà donné votre accord."), code="already")
    now = timezone.now()
    routing.member_consent_at = now
    routing.save(update_fields=["member_consent_at"])
    common.touch(request, action="give_member_consent", actor=by, role=role, now=now)
    if routing.status == RoutingStatus.ACCEPTED:
        common.tell_helpers(
            request,
            [routing.helper_id],
            subject=_("Un accord a été donné"),
            message=_(
                "Le ou la membre accepte de partager ses coordonnées avec vous. Donnez aussi "
                "votre accord depuis la fiche de la demande pour que chacun voie celles de "
                "l’autre."
            )
            if routing.helper_consent_at is None
            else _("Le ou la membre accepte de partager ses coordonnées avec vous."),
        )
    return routing


@transaction.atomic
def withdraw_member_consent(*, routing, by, version=None):
    """The member takes their agreement back: the helper no longer sees the contact details."""
    request, routing = common.lock_routing(routing)
    role = permissions.check("withdraw_member_consent", request, by)
    common.check_version(request, version)
    if routing.member_consent_at is None:
        raise RequestError(_("Vous n’aviez pas donné votre accord."), code="not_given")
    now = timezone.now()
    routing.member_consent_at = None
    routing.save(update_fields=["member_consent_at"])
    common.touch(request, action="withdraw_member_consent", actor=by, role=role, now=now)
    return routing


@transaction.atomic
def give_helper_consent(*, routing, by, version=None):
    """The helper who took the request agrees to exchange contact details with the member."""
    request, routing = common.lock_routing(routing)
    role = permissions.check("give_helper_consent", request, by, routing=routing)
    common.check_version(request, version)
    if routing.helper_consent_at is not None:
        raise RequestError(_("Vous avez déjà donné votre accord."), code="already")
    now = timezone.now()
    routing.helper_consent_at = now
    routing.save(update_fields=["helper_consent_at"])
    common.touch(request, action="give_helper_consent", actor=by, role=role, now=now)
    common.tell_member(
        request,
        subject=_("Un accord a été donné"),
        message=_(
            "L’aidant·e qui a pris votre demande accepte d’échanger ses coordonnées avec vous. "
            "Elles restent cachées tant que vous n’avez pas donné votre propre accord."
        )
        if routing.member_consent_at is None
        else _("L’aidant·e qui a pris votre demande accepte d’échanger ses coordonnées avec vous."),
    )
    return routing
