"""The one error an invoicing service raises: its message is translated French, for the page."""

from django.core.exceptions import ValidationError


class InvoicingError(ValidationError):
    """A refused draft, issue, credit note or payment. Nothing was changed."""


class IssuedInvoiceIsImmutable(Exception):
    """An issued invoice or credit note was about to be edited or deleted: a programming error,
    never a user's (corrections are credit notes, invoicing.services.issue_credit_note)."""
