"""The invoicing pages as a helper and a coordinator use them: drafts read and issued, refusals
shown on the page with nothing issued, the PDF, payments, the CSV export, and query counts
pinned at two data sizes."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from appointments.models import SessionStatus
from appointments.tests import factories as appointments
from invoicing import services
from invoicing.models import HelperBusinessDetails, Invoice, InvoiceStatus
from members.models import Profile

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    cast, request = f.taken()
    Profile.objects.create(user=cast.coordinator, status="active")
    f.billing()
    return cast, request


def detail_url(invoice):
    return reverse("invoicing:detail", args=[invoice.public_id])


def test_the_helper_reads_the_draft_issues_it_and_downloads_the_pdf(world, client_for):
    cast, request = world
    f.business_details(cast.helper)
    draft = f.draft(cast, request)
    client = client_for(cast.helper)

    page = client.get(detail_url(draft))
    assert page.status_code == 200
    text = page.content.decode()
    assert "TVA non applicable, art. 293 B du CGI" in text and "300,00" in text
    assert cast.member.last_name not in text and cast.organisation.name not in text

    response = client.post(detail_url(draft), {"action": "issue", "revision": draft.revision})

    invoice = Invoice.objects.get()
    assert response.status_code == 302 and response["Location"] == detail_url(invoice)
    assert invoice.status == InvoiceStatus.ISSUED
    pdf = client.get(reverse("invoicing:pdf", args=[invoice.public_id]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")
    assert invoice.number in pdf["Content-Disposition"]


def test_each_line_names_what_the_member_owes_it_for(world, client_for):
    """R-A3: a missed session and a late cancellation are due, and named so on the draft."""
    cast, request = world
    f.sessions(cast, request, 3)
    start = appointments.at(timezone.localdate() - datetime.timedelta(days=5), 10)
    f.sessions(cast, request, 1, status=SessionStatus.NO_SHOW, start=start)
    f.sessions(
        cast,
        request,
        1,
        status=SessionStatus.CANCELLED_LATE,
        start=start + datetime.timedelta(days=1),
    )
    draft = services.prepare_draft(helper=cast.helper)

    text = client_for(cast.helper).get(detail_url(draft)).content.decode()

    assert text.count("Entretien manqué par le membre (dû)") == 1
    assert text.count("Entretien annulé tardivement par le membre (dû)") == 1
    assert text.count("<td>Entretien</td>") == 3


def test_missing_business_details_are_named_on_the_page_and_nothing_is_issued(world, client_for):
    cast, request = world
    draft = f.draft(cast, request)
    client = client_for(cast.helper)

    page = client.get(detail_url(draft))
    assert "le numéro SIRET" in page.content.decode()
    response = client.post(detail_url(draft), {"action": "issue", "revision": draft.revision})

    assert response.status_code == 409
    assert "complétez vos coordonnées de facturation" in response.content.decode()
    assert Invoice.objects.get().status == InvoiceStatus.DRAFT
    assert Invoice.objects.get().number == ""


def test_a_session_cancelled_after_drafting_is_dropped_with_a_message_on_the_page(
    world, client_for
):
    cast, request = world
    f.business_details(cast.helper)
    draft = f.draft(cast, request, 6)
    session = draft.lines.first().session
    session.status = SessionStatus.CANCELLED
    session.save()

    response = client_for(cast.helper).post(
        detail_url(draft), {"action": "issue", "revision": draft.revision}
    )

    assert response.status_code == 409
    assert "n’est plus facturable" in response.content.decode()
    assert Invoice.objects.get().status == InvoiceStatus.DRAFT
    assert Invoice.objects.get().lines.count() == 5


def test_a_bad_siret_is_refused_on_the_form_and_a_good_one_saved(world, client_for):
    cast, _request = world
    client = client_for(cast.helper)
    data = {
        "legal_name": "Atelier Écoute",
        "address": "12 rue des Lilas, Paris",
        "siret": "732 829 320 00075",
        "vat_status": "exempt",
    }

    response = client.post(reverse("invoicing:details"), data)
    assert response.status_code == 400
    assert "n’est pas valide" in response.content.decode()
    assert not HelperBusinessDetails.objects.exists()

    response = client.post(reverse("invoicing:details"), {**data, "siret": "732 829 320 00074"})
    assert response.status_code == 302
    assert HelperBusinessDetails.objects.get().siret == "73282932000074"


def test_the_helper_cancels_an_invoice_with_a_credit_note(world, client_for):
    cast, request = world
    invoice = f.issued(cast, request)

    response = client_for(cast.helper).post(
        detail_url(invoice), {"action": "credit", "reason": "Montant erroné."}
    )

    note = Invoice.objects.get(credited_invoice=invoice)
    assert response.status_code == 302 and response["Location"] == detail_url(note)
    assert Invoice.objects.get(pk=invoice.pk).status == InvoiceStatus.CREDITED


def test_the_coordination_marks_an_invoice_paid(world, client_for):
    cast, request = world
    invoice = f.issued(cast, request)
    url = reverse("invoicing:coord_detail", args=[invoice.public_id])
    client = client_for(cast.coordinator)

    bad = client.post(url, {"paid_on": "2000-01-01"})
    assert bad.status_code == 409
    assert Invoice.objects.get().status == InvoiceStatus.ISSUED
    response = client.post(url, {"paid_on": timezone.localdate().isoformat()})

    assert response.status_code == 302
    assert Invoice.objects.get().paid_on == timezone.localdate()


def test_the_coordinations_list_filters_by_state(world, client_for):
    cast, request = world
    paid = f.issued(cast, request)
    services.mark_paid(invoice=paid, by=cast.coordinator, paid_on=timezone.localdate())
    issued = f.issued(cast, request, start=appointments.at(timezone.localdate(), 8))
    client = client_for(cast.coordinator)

    page = client.get(reverse("invoicing:coordination"), {"etat": "payee"}).content.decode()

    assert paid.number in page and issued.number not in page


def test_the_csv_export_lists_issued_documents_for_accounting(world, client_for):
    cast, request = world
    f.billing(vat_rate=20)
    invoice = f.issued(cast, request, vat_status="liable")
    services.mark_paid(invoice=invoice, by=cast.coordinator, paid_on=timezone.localdate())
    f.draft(cast, request, start=appointments.at(timezone.localdate(), 8))

    response = client_for(cast.coordinator).get(reverse("invoicing:export"))

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:8] == [
        "Numéro",
        "Type",
        "Émetteur",
        "Émise le",
        "Entretiens",
        "Montant HT",
        "TVA",
        "Montant TTC",
    ]
    today = timezone.localdate().isoformat()
    assert rows[1:] == [
        [
            invoice.number,
            "Facture",
            "Atelier Écoute SARL",
            today,
            "5",
            "300,00",
            "60,00",
            "360,00",
            "Payée",
            today,
            "",
        ]
    ]


def test_a_business_name_that_looks_like_a_formula_is_quoted_in_the_export(world, client_for):
    cast, request = world
    f.business_details(cast.helper, legal_name="=HYPERLINK(1)")
    f.issued(cast, request)

    content = client_for(cast.coordinator).get(reverse("invoicing:export")).content.decode()

    assert ";'=HYPERLINK(1);" in content


# --- Query counts ---

MINE_QUERIES = 19
COORDINATION_QUERIES = 18


def invoices(cast, request, count):
    """`count` issued invoices of the helper, one session each."""
    f.billing(threshold=60)
    f.business_details(cast.helper)
    start = appointments.at(timezone.localdate() - datetime.timedelta(days=60), 9)
    for number in range(count):
        f.issued(cast, request, 1, start=start + datetime.timedelta(days=number))


@pytest.mark.parametrize("size", [1, 6])
def test_the_helpers_list_costs_the_same_whatever_the_number_of_invoices(
    world, size, client_for, django_assert_num_queries
):
    cast, request = world
    invoices(cast, request, size)
    client = client_for(cast.helper)

    with django_assert_num_queries(MINE_QUERIES):
        response = client.get(reverse("invoicing:mine"))

    assert response.content.decode().count('class="invoice-row"') == size


@pytest.mark.parametrize("size", [1, 6])
def test_the_coordinations_list_costs_the_same_whatever_the_number_of_invoices(
    world, size, client_for, django_assert_num_queries
):
    cast, request = world
    invoices(cast, request, size)
    client = client_for(cast.coordinator)

    with django_assert_num_queries(COORDINATION_QUERIES):
        response = client.get(reverse("invoicing:coordination"))

    assert response.content.decode().count('class="invoice-row"') == size
