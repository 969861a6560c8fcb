"""Issuing a draft (numbered, frozen, its PDF written), credit notes, and the payment the
coordination records (R-A8)."""

from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from appointments.models import BILLABLE_STATUSES, Session
from helprequests.services.common import coordinators
from helprequests.services.common import send as notify
from members import roles

from .. import billing_settings, money, pdf, permissions
from ..errors import InvoicingError
from ..models import (
    BilledSession,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    VatStatus,
)
from ..numbering import allocate_number
from .common import _lock, _mine_link, logger
from .details import _details_or_refuse
from .drafts import _drop, _dropped_message, _stale_lines


def _store_pdf(document):
    document.pdf.save("invoice.pdf", ContentFile(pdf.render(document)), save=False)
    document.save(update_fields=["pdf"])


def issue_invoice(*, invoice, by, revision, now=None):
    """The helper issues the draft they read (R-A8): dated today, numbered in their own sequence
    without a gap (invoicing.numbering), the parties and amounts copied onto it, the PDF written,
    then frozen. A session that stopped being billable since the draft was prepared is dropped
    first and the helper asked to read the draft again: nothing is issued then."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if invoice.helper_id != by.pk:
        raise InvoicingError(_("Cette facture n’est pas la vôtre."), code="role")
    details = _details_or_refuse(by)
    with transaction.atomic():
        draft = _lock(invoice)
        if not permissions.may_issue(draft):
            raise InvoicingError(_("Cette facture est déjà émise."), code="issued")
        dropped = _drop(_stale_lines(draft))
        emptied = dropped and not draft.lines.exists()
        if emptied:
            draft.delete()
        elif dropped:
            draft.revision += 1
            draft.save(update_fields=["revision"])
    if dropped:
        # Committed: the draft the helper reads next is the one they may issue.
        logger.info("invoicing: draft %s lost %s sessions at issue", invoice.pk, dropped)
        raise InvoicingError(_dropped_message(dropped, emptied), code="dropped")

    with transaction.atomic():
        draft = _lock(invoice)
        if not permissions.may_issue(draft):
            raise InvoicingError(_("Cette facture est déjà émise."), code="issued")
        if draft.revision != revision:
            raise InvoicingError(
                _(
                    "Ce brouillon a changé depuis que vous l’avez ouvert : relisez-le, puis "
                    "émettez-le."
                ),
                code="revision",
            )
        lines = list(draft.lines.all())
        sessions = Session.objects.select_for_update().filter(
            pk__in=[line.session_id for line in lines]
        )
        if len(lines) == 0 or any(s.status not in BILLABLE_STATUSES for s in sessions):
            raise InvoicingError(
                _("Un entretien de ce brouillon vient de changer : relisez-le, puis émettez-le."),
                code="changed",
            )
        settings_row = billing_settings.current_settings()
        if not (settings_row.operator_name.strip() and settings_row.operator_address.strip()):
            raise InvoicingError(
                _(
                    "Le destinataire des factures (le nom et l’adresse du réseau) n’est pas "
                    "encore renseigné : la coordination le complète dans les réglages de "
                    "facturation. Votre brouillon vous attend."
                ),
                code="recipient",
            )
        exempt = details.vat_status == VatStatus.EXEMPT
        draft.vat_exempt = exempt
        draft.vat_rate = Decimal("0") if exempt else settings_row.vat_rate
        draft.total_excl_tax, draft.vat_amount, draft.total_incl_tax = money.totals(
            sum((line.amount for line in lines), Decimal("0")), exempt=exempt, rate=draft.vat_rate
        )
        draft.sessions_count = len(lines)
        draft.issuer_name = details.legal_name
        draft.issuer_address = details.address
        draft.issuer_siret = details.siret
        draft.issuer_vat_number = "" if exempt else details.vat_number
        draft.recipient_name = settings_row.operator_name
        draft.recipient_address = settings_row.operator_address
        draft.issued_on = today
        draft.number = allocate_number(by, today)
        draft.status = InvoiceStatus.ISSUED
        draft.save()
        _store_pdf(draft)
        notify(
            coordinators(),
            subject=_("Une facture d’aidant·e est émise"),
            message=_("Un·e aidant·e a émis une facture : elle est sur le site."),
            link=reverse("invoicing:coordination"),
        )
    logger.info("invoicing: invoice %s issued by user %s", draft.pk, by.pk)
    return draft


def issue_credit_note(*, invoice, by, reason, now=None):
    """A correction is a credit note, never an edit (R-A8): the helper cancels one of their
    issued invoices with a negative document that cites it, numbered in the same sequence. The
    invoice's sessions are billable again, on the next draft, at their own dates' rates."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    reason = (reason or "").strip()
    if invoice.helper_id != by.pk:
        raise InvoicingError(_("Cette facture n’est pas la vôtre."), code="role")
    if not reason:
        raise InvoicingError(_("Indiquez le motif de l’avoir."), code="reason")
    with transaction.atomic():
        original = _lock(invoice)
        if not permissions.may_credit(original):
            raise InvoicingError(
                _("Seule une facture émise, et pas encore annulée, peut recevoir un avoir."),
                code="state",
            )
        note = Invoice.objects.create(
            helper=original.helper,
            kind=InvoiceKind.CREDIT_NOTE,
            status=InvoiceStatus.ISSUED,
            created_at=now,
            credited_invoice=original,
            reason=reason,
            number=allocate_number(by, today),
            issued_on=today,
            issuer_name=original.issuer_name,
            issuer_address=original.issuer_address,
            issuer_siret=original.issuer_siret,
            issuer_vat_number=original.issuer_vat_number,
            vat_exempt=original.vat_exempt,
            vat_rate=original.vat_rate,
            recipient_name=original.recipient_name,
            recipient_address=original.recipient_address,
            sessions_count=original.sessions_count,
            total_excl_tax=-original.total_excl_tax,
            vat_amount=-original.vat_amount,
            total_incl_tax=-original.total_incl_tax,
        )
        # Written with the note, in its creating transaction (the model guard protects saves).
        InvoiceLine.objects.bulk_create(
            InvoiceLine(
                invoice=note,
                session_id=line.session_id,
                session_date=line.session_date,
                amount=-line.amount,
                kind=line.kind,
            )
            for line in original.lines.all()
        )
        BilledSession.objects.filter(line__invoice=original).delete()
        original.status = InvoiceStatus.CREDITED
        original.save(update_fields=["status"])
        _store_pdf(note)
        notify(
            coordinators(),
            subject=_("Un avoir est émis"),
            message=_("Un·e aidant·e a émis un avoir qui annule une facture : il est sur le site."),
            link=reverse("invoicing:coordination"),
        )
    logger.info("invoicing: credit note %s for invoice %s by user %s", note.pk, original.pk, by.pk)
    return note


def mark_paid(*, invoice, by, paid_on, now=None):
    """The coordination records the payment of an issued invoice, with its date."""
    now = now or timezone.now()
    if not roles.has_role(by, roles.COORDINATORS):
        raise InvoicingError(_("Seule la coordination enregistre un paiement."), code="role")
    if paid_on is None:
        raise InvoicingError({"paid_on": _("Indiquez la date du paiement.")}, code="date")
    with transaction.atomic():
        invoice = _lock(invoice)
        if not permissions.may_mark_paid(invoice):
            raise InvoicingError(
                _("Seule une facture émise et pas encore payée peut être marquée payée."),
                code="state",
            )
        if paid_on < invoice.issued_on or paid_on > timezone.localdate(now):
            raise InvoicingError(
                {
                    "paid_on": _(
                        "La date du paiement se situe entre l’émission de la facture et "
                        "aujourd’hui."
                    )
                },
                code="date",
            )
        invoice.status = InvoiceStatus.PAID
        invoice.paid_on = paid_on
        invoice.save(update_fields=["status", "paid_on"])
        notify(
            [invoice.helper_id],
            subject=_("Une de vos factures est payée"),
            message=_("Le paiement d’une de vos factures est enregistré : voyez-le sur le site."),
            link=_mine_link(),
        )
    logger.info("invoicing: invoice %s paid, recorded by user %s", invoice.pk, by.pk)
    return invoice
