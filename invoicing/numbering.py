"""Invoice numbers: one continuous sequence per helper and per year, "F-2026-0001".

Why per helper: the helper is the seller and issues the invoice; under French invoicing rules
(CGI art. 242 nonies A) each issuer numbers its own invoices in one continuous chronological
sequence, and may start it again each year when the year is part of the number. A network-wide
sequence would mix several issuers' documents and leave gaps in each helper's books. Credit
notes take their number from the same sequence (they are documents of the same issuer).

A number is allocated under the row lock of the helper's counter for the year, inside the
transaction that issues the document: two issues at once wait for each other, and a rolled-back
issue gives its number back, so no gap appears (tests/test_concurrency.py, on PostgreSQL).
"""

from .models import InvoiceCounter


def format_number(year, sequence):
    return f"F-{year}-{sequence:04d}"


def allocate_number(helper, day):
    """The next number of `helper` for the year of `day`. Call inside transaction.atomic()."""
    # Create the year's counter if it is missing, without failing when another transaction
    # creates it at the same moment (ON CONFLICT DO NOTHING waits for that one), then lock it.
    InvoiceCounter.objects.bulk_create(
        [InvoiceCounter(helper=helper, year=day.year)], ignore_conflicts=True
    )
    counter = InvoiceCounter.objects.select_for_update().get(helper=helper, year=day.year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return format_number(day.year, counter.last)
