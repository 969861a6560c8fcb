"""The demo network's invoices (`manage.py load_demo`), loaded twice (issue #13, item 5)."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from appointments.models import Session, SessionStatus
from invoicing import selectors
from invoicing.demo import HELPER_EMAIL
from invoicing.models import BillingSettings, Invoice, InvoiceLine, InvoiceStatus
from members.models import User

pytestmark = pytest.mark.django_db


def counts():
    return (Invoice.objects.count(), InvoiceLine.objects.count(), Session.objects.count())


def test_a_demo_helper_has_a_paid_an_issued_invoice_and_a_draft_at_the_threshold(monkeypatch):
    sent = []
    monkeypatch.setattr(
        "helprequests.services.common.notify", lambda recipients, **mail: sent.append(mail)
    )
    call_command("load_demo", verbosity=0)

    helper = User.objects.get(email=HELPER_EMAIL)
    invoices = {invoice.status: invoice for invoice in Invoice.objects.filter(helper=helper)}
    assert set(invoices) == {InvoiceStatus.PAID, InvoiceStatus.ISSUED, InvoiceStatus.DRAFT}
    paid, issued, draft = (invoices[s] for s in ("paid", "issued", "draft"))
    assert (paid.number, issued.number) == (
        f"F-{paid.issued_on.year}-0001",
        f"F-{issued.issued_on.year}-0002",
    )
    assert paid.pdf and issued.pdf and paid.vat_exempt
    assert paid.issued_on < paid.paid_on <= timezone.localdate()
    assert paid.issued_on < issued.issued_on < timezone.localdate()
    assert issued.total_incl_tax == Decimal("300.00") and issued.sessions_count == 5
    assert issued.lines.filter(kind="late_cancel").count() == 1
    assert paid.recipient_name == BillingSettings.load().operator_name != ""
    # The draft reaches the threshold, and nothing of the helper is left unbilled.
    assert sum(line.amount for line in draft.lines.all()) >= BillingSettings.load().threshold
    assert selectors.unbilled_summary(helper) == (0, Decimal("0"))
    last_session = max(line.session.starts_at for line in draft.lines.select_related("session"))
    assert last_session < draft.created_at < timezone.now()
    # Every session invoiced was billable, and the demo sent nothing.
    assert not InvoiceLine.objects.exclude(
        session__status__in=(SessionStatus.DONE, SessionStatus.NO_SHOW, "cancelled_late")
    ).exists()
    assert not [mail for mail in sent if mail["link"].startswith("/factures/")]

    before = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == before
