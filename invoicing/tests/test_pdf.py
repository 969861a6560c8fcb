"""The issued PDF read back (pypdf): number, date, parties, sessions, amounts and mentions, and
no member's or organisation's name (R-A8, R-A11)."""

import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from invoicing import services
from invoicing.models import VatStatus
from portal.dates import format_date

from . import factories as f

pytestmark = pytest.mark.django_db


def text_of(document):
    with document.pdf.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


def normalised(text):
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


@pytest.fixture
def world():
    cast, request = f.taken()
    f.billing()
    return cast, request


def test_an_exempt_helpers_invoice_states_everything_and_the_art_293_b_mention(world):
    cast, request = world
    invoice = f.issued(cast, request)

    text = normalised(text_of(invoice))

    assert f"Facture n° {invoice.number}" in text
    assert format_date(timezone.localdate()) in text
    assert "Atelier Écoute SARL" in text and f.VALID_SIRET in text
    assert "Association Relais" in text and "69001 Lyon" in text
    assert "5 entretiens" in text
    for line in invoice.lines.all():
        assert line.session_date.strftime("%d/%m/%Y") in text
    assert text.count("60,00 €") == 5
    assert "300,00 €" in text
    assert "TVA non applicable, art. 293 B du CGI" in text
    for name in (
        cast.member.first_name,
        cast.member.last_name,
        cast.organisation.name,
        cast.helper.last_name,
    ):
        assert name not in text


def test_a_liable_helpers_invoice_states_the_vat_and_the_total(world):
    cast, request = world
    invoice = f.issued(cast, request, vat_status=VatStatus.LIABLE)

    text = normalised(text_of(invoice))

    assert "TVA (20 %) 60,00 €" in text
    assert "Total TTC 360,00 €" in text
    assert "293 B" not in text


def test_a_credit_note_cites_the_invoice_it_cancels_with_negative_amounts(world):
    cast, request = world
    invoice = f.issued(cast, request)
    note = services.issue_credit_note(invoice=invoice, by=cast.helper, reason="Doublon.")

    text = normalised(text_of(note))

    assert f"Avoir n° {note.number}" in text
    assert f"annulant la facture n° {invoice.number}" in text
    assert "-300,00 €" in text
    assert "Doublon" not in text
