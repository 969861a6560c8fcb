"""A helper's invoice from the threshold to its payment, in two browsers (issue #13).

The demo helper (aidant@relais.test) holds billable sessions below the threshold: three from the
appointments demo, and the late cancellation of the appointments journey when it ran first. Held
sessions take them up to the threshold, and the worker's hourly job prepares the draft and tells
the helper. The helper fills in their business details, reads the draft (one line a
late cancellation, still due), issues it and downloads the PDF, whose text names the number and
the total. A coordinator, with a second factor and on a phone, finds the invoice among those to
pay and records the payment with its date; the helper sees it paid. The helper's pages and the
coordination's list are checked at 375 px on the way (tests/e2e/phone.py).
"""

import datetime
import io
import re
from types import SimpleNamespace

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone
from pypdf import PdfReader

from appointments.models import Session
from appointments.tests.factories import at
from invoicing import jobs, selectors
from invoicing.models import DEFAULT_RATE, BillingSettings, Invoice, InvoiceStatus
from invoicing.tests.factories import sessions
from members.demo import COORDINATOR_EMAIL
from members.models import User
from tests.e2e.helprequest_journey import _log_in, _main_text, _person, log_in_with_second_factor
from tests.e2e.phone import assert_works_on_a_phone, phone

HELPER_EMAIL = "aidant@relais.test"
LEGAL_NAME = "Hélène Dubois, écoute et médiation (EI)"
SIRET = "938 641 527 00016"


def _held_sessions_reach_the_threshold():
    """The helper's unbilled work, topped up with held sessions on their demo request up to the
    threshold; then the worker's job, as it runs every hour. Returns the helper and the draft."""
    helper = User.objects.get(email=HELPER_EMAIL)
    count, amount = selectors.unbilled_summary(helper)
    assert count > 0 and amount < BillingSettings.load().threshold  # the demo's starting point
    missing = int((BillingSettings.load().threshold - amount) / DEFAULT_RATE)
    request = Session.objects.filter(helper=helper).latest("starts_at").request
    start = at(timezone.localdate() - datetime.timedelta(days=10), 11)
    cast = SimpleNamespace(helper=helper, member=request.requester)
    sessions(cast, request, missing, start=start)
    jobs.prepare_due_drafts()
    draft = Invoice.objects.get(helper=helper, status=InvoiceStatus.DRAFT)
    assert draft.lines.count() == count + missing
    return helper, draft


def _walk_on_a_phone(page, base, paths):
    for path in paths:
        response = page.goto(base + path)
        page.wait_for_load_state("networkidle")
        assert response.status == 200, path
        assert_works_on_a_phone(page)


def _pdf_text(download):
    with open(download.path(), "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def a_helper_issues_the_invoice_at_the_threshold_and_the_coordination_marks_it_paid(
    live_server, browser, mailbox
):
    base = live_server.url
    mailbox.clear()
    helper, draft = _held_sessions_reach_the_threshold()
    told = [m for m in mailbox if m["To"] == HELPER_EMAIL]
    assert len(told) == 1 and "Une facture est prête à émettre" in told[0]["Subject"]

    # The helper reads their invoices; the details are missing, so they fill them in.
    person = _person(browser)
    _log_in(person, base, HELPER_EMAIL)
    person.locator(".account-menu summary").click()
    person.get_by_role("link", name="Mes factures").click()
    person.wait_for_url(re.compile(r"/factures/$"))
    assert person.locator("tr.invoice-row", has_text="Brouillon").count() == 1
    person.locator("#missing-details").get_by_role("link", name="Les compléter").click()
    person.get_by_label("Nom ou raison sociale").fill(LEGAL_NAME)
    person.get_by_label("Adresse").fill("5 impasse des Tisserands\n31000 Toulouse")
    person.get_by_label("Numéro SIRET").fill(SIRET)
    person.get_by_label("Franchise en base de TVA", exact=False).check()
    person.get_by_role("button", name="Enregistrer").click()
    person.wait_for_url(re.compile(r"/factures/$"))
    assert "Vos coordonnées de facturation sont enregistrées." in _main_text(person)
    assert person.locator("#missing-details").count() == 0

    # On a phone, the same pages fit and read well, the draft included.
    small = phone(browser)
    _log_in(small, base, HELPER_EMAIL)
    _walk_on_a_phone(
        small, base, ["/factures/", f"/factures/{draft.public_id}/", "/factures/coordonnees/"]
    )

    # The draft: five sessions, the late cancellation named, the exemption, 300 euros.
    person.locator("tr.invoice-row", has_text="Brouillon").get_by_role("link").click()
    person.wait_for_url(re.compile(rf"/factures/{draft.public_id}/$"))
    text = _main_text(person)
    assert "Brouillon de facture" in text and LEGAL_NAME in text
    assert person.locator("tr.invoice-line").count() == 5
    assert "Entretien annulé tardivement par le membre (dû)" in text
    assert "TVA non applicable, art. 293 B du CGI" in text
    assert "300,00" in text

    person.get_by_role("button", name="Émettre la facture").click()
    person.wait_for_load_state()
    issued = Invoice.objects.get(pk=draft.pk)
    assert issued.status == InvoiceStatus.ISSUED and issued.number.startswith("F-")
    assert f"La facture {issued.number} est émise." in _main_text(person)
    with person.expect_download() as info:
        person.get_by_role("link", name="Télécharger le PDF").click()
    assert info.value.suggested_filename == f"facture-{issued.number}.pdf"
    pdf = _pdf_text(info.value)
    assert issued.number in pdf and "300,00" in pdf and "293 B" in pdf
    assert LEGAL_NAME in pdf and "Camille" not in pdf  # the issuer, never the member
    _walk_on_a_phone(small, base, [f"/factures/{issued.public_id}/"])
    small.context.close()

    # The coordination, on a phone with its second factor, finds it among those to pay.
    coordinator = User.objects.get(email=COORDINATOR_EMAIL)
    Authenticator.objects.filter(user=coordinator, type=Authenticator.Type.TOTP).delete()
    secret = generate_totp_secret()
    TOTP.activate(coordinator, secret)
    desk = phone(browser)
    log_in_with_second_factor(
        desk, base, COORDINATOR_EMAIL, secret, next_path="/factures/coordination/"
    )
    desk.goto(base + "/factures/coordination/")
    assert_works_on_a_phone(desk)
    desk.get_by_label("État").select_option("emise")
    desk.get_by_role("button", name="Filtrer").click()
    desk.wait_for_url(re.compile(r"etat=emise"))
    row = desk.locator("tr.invoice-row", has_text=LEGAL_NAME)
    assert row.count() == 1
    row.get_by_role("link").click()
    desk.wait_for_url(re.compile(rf"/factures/coordination/{issued.public_id}/$"))
    assert_works_on_a_phone(desk)
    today = timezone.localdate()
    desk.get_by_label("Payée le").fill(today.isoformat())
    desk.get_by_role("button", name="Marquer payée").click()
    desk.wait_for_load_state()
    assert "Le paiement est enregistré." in _main_text(desk)
    paid = Invoice.objects.get(pk=draft.pk)
    assert (paid.status, paid.paid_on) == (InvoiceStatus.PAID, today)
    desk.context.close()

    # The helper sees it paid.
    person.goto(base + "/factures/")
    row = person.locator("tr.invoice-row", has_text=issued.number)
    assert "Payée" in row.inner_text()
    assert selectors.unbilled_summary(helper)[0] == 0
    person.context.close()
