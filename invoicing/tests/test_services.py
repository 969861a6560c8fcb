"""Billable sessions, drafts at the threshold and each half-year, numbering, credit notes,
payments and the immutability of issued invoices (R-A3, R-A8)."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from appointments.models import SessionStatus
from appointments.tests import factories as appointments
from invoicing import services
from invoicing.errors import InvoicingError, IssuedInvoiceIsImmutable
from invoicing.models import (
    BilledSession,
    HelperBusinessDetails,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    VatStatus,
)
from invoicing.siret import validate_siret

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    cast, request = f.taken()
    f.billing()
    return cast, request


# --- SIRET ---


@pytest.mark.parametrize("value", ["73282932000074", "732 829 320 00074", "35600000000048"])
def test_a_siret_with_14_digits_and_a_good_checksum_is_accepted(value):
    validate_siret(value)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("7328293200007", "siret_length"),
        ("7328293200007A", "siret_length"),
        ("73282932000075", "siret_checksum"),
    ],
)
def test_a_siret_too_short_or_with_a_bad_checksum_is_refused(value, code):
    with pytest.raises(ValidationError) as error:
        validate_siret(value)
    assert error.value.code == code


# --- Thresholds and the half-year job ---


def test_below_the_threshold_the_job_prepares_no_draft(world):
    cast, request = world
    f.sessions(cast, request, 4)

    assert services.prepare_due_drafts() == 0
    assert not Invoice.objects.exists()


def test_the_fifth_session_reaches_300_euros_and_the_job_prepares_a_draft_and_tells_the_helper(
    world, mailbox, django_capture_on_commit_callbacks
):
    cast, request = world
    f.sessions(cast, request, 4)
    f.sessions(
        cast,
        request,
        1,
        status=SessionStatus.CANCELLED_LATE,
        start=appointments.at(timezone.localdate() - datetime.timedelta(days=2), 10),
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert services.prepare_due_drafts() == 1
    draft = Invoice.objects.get()
    assert draft.status == InvoiceStatus.DRAFT and draft.helper == cast.helper
    assert [line.amount for line in draft.lines.all()] == [Decimal("60.00")] * 5
    assert draft.lines.filter(kind="late_cancel").count() == 1
    assert [m["To"] for m in mailbox] == [cast.helper.email]
    body = mailbox[0].get_content()
    assert "/factures/" in body
    assert cast.member.last_name not in body and cast.organisation.name not in body


def test_running_the_job_again_changes_nothing(world, mailbox, django_capture_on_commit_callbacks):
    cast, request = world
    f.sessions(cast, request, 5)
    services.prepare_due_drafts()

    with django_capture_on_commit_callbacks(execute=True):
        assert services.prepare_due_drafts() == 0
    assert Invoice.objects.get().lines.count() == 5
    assert mailbox == []


def test_sessions_cancelled_in_time_or_still_booked_are_never_billed(world):
    cast, request = world
    f.sessions(cast, request, 5, status=SessionStatus.CANCELLED)
    f.sessions(
        cast,
        request,
        5,
        status=SessionStatus.BOOKED,
        start=appointments.at(timezone.localdate() + datetime.timedelta(days=3), 10),
    )

    with time_machine.travel(appointments.at(datetime.date(2026, 12, 31), 12)):
        assert services.prepare_due_drafts() == 0
    assert not Invoice.objects.exists()


def test_the_threshold_is_the_coordinations_setting(world):
    cast, request = world
    f.billing(threshold=Decimal("120"))
    f.sessions(cast, request, 2)

    assert services.prepare_due_drafts() == 1


@pytest.mark.parametrize("day", [datetime.date(2027, 6, 30), datetime.date(2027, 12, 31)])
def test_on_30_june_and_31_december_the_remainder_is_drafted(world, day):
    cast, request = world
    f.sessions(cast, request, 2, start=appointments.at(day - datetime.timedelta(days=20), 10))

    with time_machine.travel(appointments.at(day - datetime.timedelta(days=1), 12)):
        assert services.prepare_due_drafts() == 0
    with time_machine.travel(appointments.at(day, 12)):
        assert services.prepare_due_drafts() == 1
    assert Invoice.objects.get().lines.count() == 2


def test_a_rate_change_applies_to_sessions_from_its_date_and_each_line_keeps_its_amount(world):
    cast, request = world
    change = timezone.localdate() - datetime.timedelta(days=10)
    f.billing(rates=[(change, "65.00")])
    start = appointments.at(change - datetime.timedelta(days=2), 10)
    f.sessions(cast, request, 5, start=start)  # two before the change, three from it

    services.prepare_due_drafts()

    amounts = [line.amount for line in Invoice.objects.get().lines.all()]
    assert amounts == [Decimal("60.00")] * 2 + [Decimal("65.00")] * 3
    f.billing(rates=[(change - datetime.timedelta(days=30), "90.00")])
    assert [line.amount for line in Invoice.objects.get().lines.all()] == amounts


# --- Never twice ---


def test_a_session_cannot_be_claimed_by_two_invoices(world):
    cast, request = world
    invoice = f.draft(cast, request)
    line = invoice.lines.first()
    other = InvoiceLine.objects.create(
        invoice=invoice, session=line.session, session_date=line.session_date, amount=1
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        BilledSession.objects.create(session=line.session, line=other)


def test_a_helper_has_one_draft_at_a_time(world):
    cast, request = world
    f.draft(cast, request)

    with pytest.raises(IntegrityError), transaction.atomic():
        Invoice.objects.create(helper=cast.helper, created_at=timezone.now())


def test_sessions_billable_after_the_draft_join_it_and_it_says_it_changed(world):
    cast, request = world
    draft = f.draft(cast, request)
    revision = draft.revision

    f.sessions(cast, request, 1, start=appointments.at(timezone.localdate(), 8))
    draft = services.prepare_draft(helper=cast.helper)

    assert draft.lines.count() == 6 and draft.revision == revision + 1


# --- Issue ---


def test_issuing_numbers_dates_and_freezes_what_the_invoice_states(world):
    cast, request = world
    f.business_details(cast.helper)
    draft = f.draft(cast, request)

    with time_machine.travel(appointments.at(timezone.localdate(), 15)):
        invoice = services.issue_invoice(invoice=draft, by=cast.helper, revision=draft.revision)

    invoice.refresh_from_db()
    year = timezone.localdate().year
    assert invoice.status == InvoiceStatus.ISSUED and invoice.number == f"F-{year}-0001"
    assert invoice.issued_on == timezone.localdate()
    assert invoice.sessions_count == 5 and invoice.total_excl_tax == Decimal("300.00")
    assert invoice.vat_exempt and invoice.vat_amount == 0 and invoice.total_incl_tax == 300
    assert invoice.issuer_name == "Atelier Écoute SARL" and invoice.issuer_siret == f.VALID_SIRET
    assert invoice.recipient_name == "Association Relais"
    assert invoice.pdf.name.endswith(".pdf") and invoice.pdf.size > 1000


def test_a_helper_liable_to_vat_invoices_it_at_the_settings_rate(world):
    cast, request = world
    f.billing(vat_rate=Decimal("20"))
    invoice = f.issued(cast, request, vat_status=VatStatus.LIABLE)

    assert not invoice.vat_exempt
    assert (invoice.total_excl_tax, invoice.vat_amount, invoice.total_incl_tax) == (
        Decimal("300.00"),
        Decimal("60.00"),
        Decimal("360.00"),
    )


def test_numbers_follow_each_other_per_helper_and_credit_notes_take_the_next_one(world):
    cast, request = world
    first = f.issued(cast, request)
    second = f.issued(cast, request, start=appointments.at(timezone.localdate(), 8))
    note = services.issue_credit_note(invoice=first, by=cast.helper, reason="Montant erroné.")
    year = timezone.localdate().year

    assert [first.number, second.number, note.number] == [
        f"F-{year}-0001",
        f"F-{year}-0002",
        f"F-{year}-0003",
    ]
    other_cast, other_request = f.taken()
    assert f.issued(other_cast, other_request).number == f"F-{year}-0001"


def test_missing_business_details_refuse_the_issue_and_nothing_is_issued(world):
    cast, request = world
    draft = f.draft(cast, request)

    with pytest.raises(InvoicingError) as error:
        services.issue_invoice(invoice=draft, by=cast.helper, revision=draft.revision)

    assert error.value.code == "details"
    assert "SIRET" in error.value.messages[0]
    draft.refresh_from_db()
    assert draft.status == InvoiceStatus.DRAFT and draft.number == ""


def test_without_a_recipient_nothing_is_issued_and_the_draft_waits(world):
    cast, request = world
    f.billing(operator_name="")
    f.business_details(cast.helper)
    draft = f.draft(cast, request)

    with pytest.raises(InvoicingError) as error:
        services.issue_invoice(invoice=draft, by=cast.helper, revision=draft.revision)

    assert error.value.code == "recipient"
    draft.refresh_from_db()
    assert draft.status == InvoiceStatus.DRAFT and draft.number == ""


def test_a_helper_liable_for_vat_gives_their_vat_number(world):
    cast, _request = world
    with pytest.raises(InvoicingError) as error:
        f.business_details(cast.helper, vat_status=VatStatus.LIABLE, vat_number="")
    assert "numéro de TVA intracommunautaire" in str(error.value)
    assert not HelperBusinessDetails.objects.filter(helper=cast.helper).exists()


def test_only_the_helper_issues_their_draft(world):
    cast, request = world
    draft = f.draft(cast, request)

    with pytest.raises(InvoicingError):
        services.issue_invoice(invoice=draft, by=cast.other_helper, revision=draft.revision)


def test_a_draft_changed_since_it_was_read_is_not_issued(world):
    cast, request = world
    f.business_details(cast.helper)
    draft = f.draft(cast, request)

    with pytest.raises(InvoicingError) as error:
        services.issue_invoice(invoice=draft, by=cast.helper, revision=draft.revision - 1)

    assert error.value.code == "revision"
    assert Invoice.objects.get().status == InvoiceStatus.DRAFT


def test_a_session_no_longer_billable_is_dropped_at_issue_with_a_clear_message(world):
    cast, request = world
    f.business_details(cast.helper)
    draft = f.draft(cast, request, 6)
    moved = draft.lines.first().session
    moved.status = SessionStatus.CANCELLED
    moved.save()

    with pytest.raises(InvoicingError) as error:
        services.issue_invoice(invoice=draft, by=cast.helper, revision=draft.revision)

    assert error.value.code == "dropped"
    assert "1 entretien n’est plus facturable" in error.value.messages[0]
    draft.refresh_from_db()
    assert draft.status == InvoiceStatus.DRAFT and draft.lines.count() == 5
    assert not BilledSession.objects.filter(session=moved).exists()
    issued = services.issue_invoice(invoice=draft, by=cast.helper, revision=draft.revision)
    assert issued.sessions_count == 5


def test_refreshing_a_draft_whose_sessions_all_changed_removes_it(world):
    cast, request = world
    draft = f.draft(cast, request, 5)
    draft.lines.first().session.__class__.objects.update(status=SessionStatus.CANCELLED)

    result = services.refresh_draft(invoice=draft, by=cast.helper)

    assert result.invoice is None and result.dropped == 5
    assert not Invoice.objects.exists()


# --- Immutability, credit notes, payment ---


def test_an_issued_invoice_cannot_be_edited_nor_deleted(world):
    cast, request = world
    invoice = Invoice.objects.get(pk=f.issued(cast, request).pk)

    invoice.total_excl_tax = Decimal("1.00")
    with pytest.raises(IssuedInvoiceIsImmutable):
        invoice.save()
    invoice = Invoice.objects.get(pk=invoice.pk)
    with pytest.raises(IssuedInvoiceIsImmutable):
        invoice.delete()
    line = invoice.lines.first()
    line.amount = Decimal("1.00")
    with pytest.raises(IssuedInvoiceIsImmutable):
        line.save()
    invoice.status = InvoiceStatus.DRAFT
    with pytest.raises(IssuedInvoiceIsImmutable):
        invoice.save()
    assert Invoice.objects.get(pk=invoice.pk).total_excl_tax == Decimal("300.00")


def test_a_credit_note_cancels_the_invoice_and_frees_its_sessions_for_the_next_draft(world):
    cast, request = world
    invoice = f.issued(cast, request)

    note = services.issue_credit_note(invoice=invoice, by=cast.helper, reason="Erreur de date.")

    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.CREDITED and note.credited_invoice == invoice
    assert note.total_excl_tax == Decimal("-300.00") and note.lines.count() == 5
    assert note.pdf
    assert services.prepare_draft(helper=cast.helper).lines.count() == 5
    with pytest.raises(InvoicingError):
        services.issue_credit_note(invoice=invoice, by=cast.helper, reason="Encore.")


def test_the_coordination_marks_an_invoice_paid_with_its_date(world):
    cast, request = world
    invoice = f.issued(cast, request)

    with pytest.raises(InvoicingError):
        services.mark_paid(invoice=invoice, by=cast.helper, paid_on=timezone.localdate())
    with pytest.raises(InvoicingError):
        services.mark_paid(
            invoice=invoice,
            by=cast.coordinator,
            paid_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    paid = services.mark_paid(invoice=invoice, by=cast.coordinator, paid_on=timezone.localdate())

    assert paid.status == InvoiceStatus.PAID and paid.paid_on == timezone.localdate()
    with pytest.raises(InvoicingError):
        services.mark_paid(invoice=paid, by=cast.coordinator, paid_on=timezone.localdate())


def test_deleting_the_helpers_account_removes_their_draft_and_details_and_keeps_issued_ones(world):
    cast, request = world
    issued = f.issued(cast, request)
    f.draft(cast, request, start=appointments.at(timezone.localdate(), 8))

    services.forget_helper(cast.helper, remove_forum_posts=False)

    assert list(Invoice.objects.values_list("pk", flat=True)) == [issued.pk]
    assert not hasattr(type(cast.helper).objects.get(pk=cast.helper.pk), "business_details")
