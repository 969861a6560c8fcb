"""What a viewer may see of invoices (STYLE.md: reads start here, narrowed to the viewer).

A helper sees their own invoices only (another helper's answers 404); the coordination sees
every invoice. Nothing here names a member or an organisation: an invoice knows sessions by
their date and amount only.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from appointments.models import BILLABLE_STATUSES, Session

from . import money
from .models import HelperBusinessDetails, Invoice, InvoiceKind, InvoiceStatus, VatStatus

# The coordination's filter by state: its value in the URL -> statuses and kinds it shows.
STATE_FILTERS = {
    "brouillon": (_("Brouillons"), {"status": InvoiceStatus.DRAFT}),
    "emise": (_("Émises, à payer"), {"status": InvoiceStatus.ISSUED, "kind": InvoiceKind.INVOICE}),
    "payee": (_("Payées"), {"status": InvoiceStatus.PAID}),
    "annulee": (_("Annulées par un avoir"), {"status": InvoiceStatus.CREDITED}),
    "avoir": (_("Avoirs"), {"kind": InvoiceKind.CREDIT_NOTE}),
}
COORDINATION_PAGE_SIZE = 50


def billable_unbilled_sessions():
    """R-A3, R-A8: sessions the helper is paid for (appointments.models.BILLABLE_STATUSES, the
    one answer to "is this session paid?") that sit on no invoice that is not cancelled."""
    return Session.objects.filter(
        status__in=BILLABLE_STATUSES, helper__isnull=False, billing__isnull=True
    )


def unbilled_sessions_of(helper):
    return billable_unbilled_sessions().filter(helper=helper).order_by("starts_at", "pk")


def business_details_of(helper):
    """The helper's details (a user or a user id), or None."""
    return HelperBusinessDetails.objects.filter(helper=helper).first()


# The fields an invoice cannot be issued without, with how the page names them.
REQUIRED_DETAILS = (
    ("legal_name", _("le nom ou la raison sociale")),
    ("address", _("l’adresse")),
    ("siret", _("le numéro SIRET")),
)


def missing_business_details(details):
    """The labels of what the helper has still to fill in before issuing (empty: nothing)."""
    if details is None:
        return [label for _name, label in REQUIRED_DETAILS]
    return [label for name, label in REQUIRED_DETAILS if not getattr(details, name).strip()]


def invoices_of_helper(helper):
    """The helper's own invoices and credit notes, newest first, with their number of lines."""
    return (
        Invoice.objects.filter(helper=helper)
        .annotate(line_count=Count("lines"))
        .select_related("credited_invoice")
    )


def invoice_for_helper(helper, public_id):
    """One of the helper's own invoices, else 404 (another's is not given away)."""
    invoice = (
        Invoice.objects.filter(helper=helper, public_id=public_id)
        .select_related("credited_invoice", "credit_note")
        .first()
    )
    if invoice is None:
        raise Http404
    return invoice


def invoice_for_coordination(public_id):
    invoice = (
        Invoice.objects.filter(public_id=public_id)
        .select_related("helper__business_details", "credited_invoice", "credit_note")
        .first()
    )
    if invoice is None:
        raise Http404
    return invoice


def lines_of(invoice):
    return list(invoice.lines.all())


def coordination_invoices(*, state=None):
    """Every invoice for the coordination, filtered by STATE_FILTERS[state], with the business
    name the helper invoices under (the helper's own invoicing identity, which the operator as
    recipient must read) and the number of lines, in a fixed number of queries."""
    queryset = (
        Invoice.objects.select_related("helper__business_details", "credited_invoice")
        .annotate(line_count=Count("lines"))
        .order_by("-created_at", "-pk")
    )
    if state in STATE_FILTERS:
        queryset = queryset.filter(**STATE_FILTERS[state][1])
    return queryset


def business_name_of(invoice):
    """The name on the invoice: as issued, else the helper's current business details."""
    if invoice.issuer_name:
        return invoice.issuer_name
    details = getattr(invoice.helper, "business_details", None)
    return details.legal_name if details else ""


def state_choices():
    return [(value, label) for value, (label, _filter) in STATE_FILTERS.items()]


def today():
    return timezone.localdate()


@dataclass(frozen=True)
class DraftView:
    """What the helper reads before issuing: the lines, the details the invoice will carry,
    what is missing from them, and the totals as they would be issued today."""

    invoice: object
    lines: list
    details: object
    missing: list
    exempt: bool
    vat_rate: object
    total_excl_tax: object
    vat_amount: object
    total_incl_tax: object
    recipient_name: str
    recipient_address: str


def draft_view(invoice):
    from . import billing_settings

    details = business_details_of(invoice.helper_id)
    settings_row = billing_settings.current_settings()
    lines = lines_of(invoice)
    exempt = details is None or details.vat_status == VatStatus.EXEMPT
    rate = Decimal("0") if exempt else settings_row.vat_rate
    excl, vat, total = money.totals(
        sum((line.amount for line in lines), Decimal("0")), exempt=exempt, rate=rate
    )
    return DraftView(
        invoice=invoice,
        lines=lines,
        details=details,
        missing=missing_business_details(details),
        exempt=exempt,
        vat_rate=rate,
        total_excl_tax=excl,
        vat_amount=vat,
        total_incl_tax=total,
        recipient_name=settings_row.operator_name,
        recipient_address=settings_row.operator_address,
    )


def unbilled_summary(helper):
    """(count, amount excl. tax) of the helper's billable sessions on no invoice yet."""
    from . import billing_settings

    table = billing_settings.rate_table()
    days = [
        timezone.localdate(starts_at)
        for starts_at in unbilled_sessions_of(helper).values_list("starts_at", flat=True)
    ]
    return len(days), sum((billing_settings.rate_on(day, table) for day in days), Decimal("0"))
