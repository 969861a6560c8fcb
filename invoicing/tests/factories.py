"""Invoicing for tests (and the demo): a helper with billable sessions, their business details,
drafts and issued invoices, built through the services where a rule is involved."""

import datetime
from decimal import Decimal

from django.utils import timezone

from appointments.models import Session, SessionStatus
from appointments.tests import factories as appointments
from invoicing import services
from invoicing.models import BillingSettings, SessionRate, VatStatus

VALID_SIRET = "73282932000074"
OTHER_VALID_SIRET = "44230684400014"


def taken():
    """(cast, request): a request taken by `cast.helper` (appointments' factory)."""
    return appointments.taken()


def sessions(cast, request, count, *, start=None, status=SessionStatus.DONE, helper=None):
    """`count` sessions of the helper, one a day from `start` (by default 30 days ago), in the
    given status, written directly (the appointments services are tested there)."""
    start = start or appointments.at(timezone.localdate() - datetime.timedelta(days=30), 10)
    return Session.objects.bulk_create(
        Session(
            request=request,
            helper=helper or cast.helper,
            member=cast.member,
            starts_at=start + datetime.timedelta(days=number),
            duration_minutes=45,
            status=status,
            booked_by=cast.member,
            booked_at=start - datetime.timedelta(days=7),
        )
        for number in range(count)
    )


def business_details(helper, *, vat_status=VatStatus.EXEMPT, siret=VALID_SIRET, **overrides):
    data = {
        "legal_name": "Atelier Écoute SARL",
        "address": "12 rue des Lilas\n75011 Paris",
        "siret": siret,
        "vat_status": vat_status,
        "vat_number": "FR40732829320" if vat_status == VatStatus.LIABLE else "",
        **overrides,
    }
    return services.save_business_details(helper=helper, data=data)


def billing(*, operator_name="Association Relais", rates=(), **values):
    """The billing settings, with dated rates [(date, amount)]."""
    row = BillingSettings.load()
    row.operator_name = operator_name
    row.operator_address = "3 place de la République\n69001 Lyon"
    for name, value in values.items():
        setattr(row, name, value)
    row.save()
    for day, amount in rates:
        SessionRate.objects.create(settings=row, effective_from=day, amount=Decimal(amount))
    return row


def draft(cast, request, count=5, **kwargs):
    sessions(cast, request, count, **kwargs)
    return services.prepare_draft(helper=cast.helper)


def issued(cast, request, count=5, *, vat_status=VatStatus.EXEMPT, **kwargs):
    """An issued invoice of `cast.helper` for `count` new sessions."""
    if not hasattr(cast.helper, "business_details"):
        business_details(cast.helper, vat_status=vat_status)
    invoice = draft(cast, request, count, **kwargs)
    return services.issue_invoice(invoice=invoice, by=cast.helper, revision=invoice.revision)
