"""The outcome report (R-C13) and offers for longer accompaniment (R-C5)."""

import re
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import permissions
from ..errors import RequestError
from ..models import HelpKind, Offer, OfferStatus, OutcomeReport
from . import common

# R-C13: the report is "discreet about service, duration and price".
PRICE_OR_DURATION = re.compile(
    r"(€|\beuros?\b|\bEUR\b|\b\d+\s*(h|heures?|min|minutes?|séances?)\b)", re.IGNORECASE
)


@transaction.atomic
def file_outcome(*, request, by, help_kind, settled, note="", version=None):
    """The helper's short outcome report: the kind of help and whether it is settled; no price,
    no duration (R-C13)."""
    request = common.lock(request)
    role = permissions.check("file_outcome", request, by)
    common.check_version(request, version)
    if help_kind not in HelpKind.values:
        raise RequestError(_("Choisissez la nature de l’aide apportée."), code="help_kind")
    note = common.clean_text(
        note,
        label=_("Remarques"),
        max_length=OutcomeReport._meta.get_field("note").max_length,
        required=False,
    )
    if PRICE_OR_DURATION.search(note):
        raise RequestError(
            _("Le compte rendu reste discret : ni prix ni durée, s’il vous plaît (R-C13)."),
            code="discreet",
        )
    if OutcomeReport.objects.filter(request=request).exists():
        raise RequestError(_("Le compte rendu de cette demande est déjà déposé."), code="already")
    now = timezone.now()
    report = OutcomeReport.objects.create(
        request=request,
        helper=by,
        help_kind=help_kind,
        settled=bool(settled),
        note=note,
        filed_at=now,
    )
    common.touch(request, action="file_outcome", actor=by, role=role, now=now)
    return report


@transaction.atomic
def ask_for_offers(*, request, by, version=None):
    """R-C5: the member would like quotes for a longer accompaniment (possibly several)."""
    request = common.lock(request)
    role = permissions.check("ask_for_offers", request, by)
    common.check_version(request, version)
    request.offers_wanted = True
    common.touch(request, action="ask_for_offers", actor=by, role=role, fields=["offers_wanted"])
    taking = common.taking_routing(request)
    if taking is not None:
        common.tell_helpers(
            request,
            [taking.helper_id],
            subject=_("Des devis sont demandés"),
            message=_(
                "Le ou la membre souhaite recevoir des devis pour un accompagnement plus long."
            ),
        )
    common.tell_coordinators(
        request,
        subject=_("Des devis sont demandés"),
        message=_("Un·e membre souhaite recevoir des devis pour un accompagnement plus long."),
    )
    return request


def _price(value, label):
    try:
        price = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError, TypeError):
        raise RequestError(
            _("Le montant « %(field)s » n’est pas valide.") % {"field": label}, code="price"
        ) from None
    if price < 0 or price >= Decimal("1000000"):
        raise RequestError(
            _("Le montant « %(field)s » n’est pas valide.") % {"field": label}, code="price"
        )
    return price


@transaction.atomic
def make_offer(*, request, by, title, description, usual_price, network_price, version=None):
    """R-C5: a quote showing the network's price beside the usual one (never above it)."""
    request = common.lock(request)
    role = permissions.check("make_offer", request, by)
    common.check_version(request, version)
    title = common.clean_text(
        title, label=_("Intitulé"), max_length=Offer._meta.get_field("title").max_length
    )
    description = common.clean_text(
        description,
        label=_("Description"),
        max_length=Offer._meta.get_field("description").max_length,
    )
    usual = _price(usual_price, _("prix habituel"))
    network = _price(network_price, _("prix pour le réseau"))
    if usual <= 0:
        raise RequestError(_("Indiquez le prix habituel de cet accompagnement."), code="price")
    if network > usual:
        raise RequestError(
            _("Le prix pour le réseau ne peut pas dépasser le prix habituel."), code="price"
        )
    now = timezone.now()
    offer = Offer.objects.create(
        request=request,
        author=by,
        title=title,
        description=description,
        usual_price=usual,
        network_price=network,
        created_at=now,
    )
    common.touch(request, action="make_offer", actor=by, role=role, now=now)
    common.tell_member(
        request,
        subject=_("Un devis vous est proposé"),
        message=_(
            "Un devis vous est proposé pour votre demande d’aide. Vous pouvez l’accepter ou le "
            "refuser."
        ),
    )
    return offer


@transaction.atomic
def answer_offer(*, offer, by, accept, version=None):
    """The member accepts or declines one offer; each is answered on its own (R-C5)."""
    request = common.lock(offer.request_id)
    role = permissions.check("answer_offer", request, by)
    common.check_version(request, version)
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    if offer.status != OfferStatus.PROPOSED:
        raise RequestError(_("Vous avez déjà répondu à ce devis."), code="already")
    now = timezone.now()
    offer.status = OfferStatus.ACCEPTED if accept else OfferStatus.DECLINED
    offer.answered_at = now
    offer.save(update_fields=["status", "answered_at"])
    common.touch(request, action="answer_offer", actor=by, role=role, now=now)
    if offer.author_id:
        common.send(
            [offer.author_id],
            subject=_("Réponse à un devis"),
            message=_("Le ou la membre a répondu à un devis que vous aviez proposé."),
            link=common.coordination_link(request)
            if not _is_helper_author(offer, request)
            else common.helper_link(request),
        )
    return offer


def _is_helper_author(offer, request):
    from ..models import Routing

    return Routing.objects.filter(request=request, helper_id=offer.author_id).exists()
