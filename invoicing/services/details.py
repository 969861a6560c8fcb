"""The helper's invoicing identity (name or company, address, SIRET, VAT status), what issuing
asks of it, and what account deletion removes."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from members import roles

from .. import selectors
from ..errors import InvoicingError
from ..models import (
    HelperBusinessDetails,
    Invoice,
    InvoiceStatus,
    VatStatus,
)
from ..siret import normalise_siret
from .common import logger

# --- Business details ----------------------------------------------------------------------------


def save_business_details(*, helper, data):
    """The helper's invoicing identity: name or company, address, SIRET, VAT status."""
    if not roles.has_role(helper, roles.HELPERS):
        raise InvoicingError(_("Seul·e un·e aidant·e facture le réseau."), code="role")
    details = selectors.business_details_of(helper) or HelperBusinessDetails(helper=helper)
    details.legal_name = (data.get("legal_name") or "").strip()
    details.address = (data.get("address") or "").strip()
    details.siret = normalise_siret(data.get("siret"))
    details.vat_status = data.get("vat_status") or VatStatus.EXEMPT
    details.vat_number = (data.get("vat_number") or "").strip().replace(" ", "")
    try:
        details.full_clean(exclude=["helper"])
    except ValidationError as error:
        raise InvoicingError(error.message_dict) from error
    if details.vat_status != VatStatus.EXEMPT and not details.vat_number:
        # An invoice that charges VAT states the issuer's VAT number.
        raise InvoicingError(
            {
                "vat_number": _(
                    "Assujetti·e à la TVA, indiquez votre numéro de TVA intracommunautaire : "
                    "il figure sur vos factures."
                )
            }
        )
    details.save()
    logger.info("invoicing: business details of user %s saved", helper.pk)
    return details


def _details_or_refuse(helper):
    details = selectors.business_details_of(helper)
    missing = selectors.missing_business_details(details)
    if missing:
        raise InvoicingError(
            _(
                "Avant d’émettre une facture, complétez vos coordonnées de facturation : "
                "%(missing)s."
            )
            % {"missing": ", ".join(str(label) for label in missing)},
            code="details",
        )
    return details


def forget_helper(user, *, remove_forum_posts):
    """Account deletion (R-C8): the helper's drafts and business details go. Issued invoices
    stay, as the law keeps them (ten years), with the details copied on them when issued."""
    Invoice.objects.filter(helper=user, status=InvoiceStatus.DRAFT).delete()
    HelperBusinessDetails.objects.filter(helper=user).delete()
