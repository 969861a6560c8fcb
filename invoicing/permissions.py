"""What may be done to an invoice now: one answer, asked by the services (which enforce it) and
by the pages (which show the button only then). Who may do it is the services' and views' part:
the helper who issues, the coordination that pays."""

from .models import InvoiceKind, InvoiceStatus


def may_issue(invoice):
    return invoice.status == InvoiceStatus.DRAFT


def may_credit(invoice):
    """An issued invoice, paid or not, not already cancelled, may receive a credit note."""
    return invoice.kind == InvoiceKind.INVOICE and invoice.status in (
        InvoiceStatus.ISSUED,
        InvoiceStatus.PAID,
    )


def may_mark_paid(invoice):
    return invoice.kind == InvoiceKind.INVOICE and invoice.status == InvoiceStatus.ISSUED
