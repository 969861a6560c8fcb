"""Two issues of the same draft at the same instant (PostgreSQL, real transactions): one number
only, and the helper's numbers follow each other without a gap.

The draft's row lock serialises the two issues: the second waits, then finds the invoice issued
and is refused; the counter row's lock serialises the numbers of one helper. SQLite serialises
whole writes, so this module runs on PostgreSQL, as CI does.
"""

import pytest
from django.db import connection
from django.utils import timezone

from appointments.tests import factories as appointments
from invoicing import services
from invoicing.errors import InvoicingError
from invoicing.models import Invoice, InvoiceCounter, InvoiceStatus
from tests.routes import race

from . import factories as f

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent transactions need PostgreSQL; CI runs this suite on it",
    ),
    pytest.mark.django_db(transaction=True),
]


def test_two_issues_of_the_same_draft_at_once_give_one_number():
    cast, request = f.taken()
    f.billing()
    f.business_details(cast.helper)
    draft = f.draft(cast, request)

    results = race(
        lambda: services.issue_invoice(invoice=draft, by=cast.helper, revision=draft.revision),
        lambda: services.issue_invoice(invoice=draft, by=cast.helper, revision=draft.revision),
        refused=InvoicingError,
    )

    refusals = [r for r in results if isinstance(r, InvoicingError)]
    assert len(refusals) == 1 and refusals[0].code == "issued"
    year = timezone.localdate().year
    assert list(Invoice.objects.values_list("status", "number")) == [
        (InvoiceStatus.ISSUED, f"F-{year}-0001")
    ]
    assert InvoiceCounter.objects.get(helper=cast.helper, year=year).last == 1


def test_an_invoice_and_a_credit_note_issued_at_once_take_consecutive_numbers():
    cast, request = f.taken()
    f.billing()
    first = f.issued(cast, request)
    draft = f.draft(cast, request, start=appointments.at(timezone.localdate(), 8))

    results = race(
        lambda: services.issue_invoice(invoice=draft, by=cast.helper, revision=draft.revision),
        lambda: services.issue_credit_note(invoice=first, by=cast.helper, reason="Erreur."),
        refused=InvoicingError,
    )

    assert not any(isinstance(r, InvoicingError) for r in results)
    year = timezone.localdate().year
    numbers = sorted(Invoice.objects.values_list("number", flat=True))
    assert numbers == [f"F-{year}-0001", f"F-{year}-0002", f"F-{year}-0003"]
