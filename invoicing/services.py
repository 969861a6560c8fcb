"""Every state change of invoices (STYLE.md: one function per action).

CONTRACT: keyword arguments, one transaction, the actor's right and the current state checked,
rows locked, InvoicingError (French message) on refusal with nothing changed. Mail goes through
portal.notifications.notify by way of helprequests' `send` (a fixed sentence and a link, no name).

  save_business_details(*, helper, data) -> HelperBusinessDetails
  prepare_draft(*, helper, now=None) -> Invoice | None   adds the helper's unbilled sessions
  prepare_due_drafts(*, now=None) -> int                  the worker (invoicing.jobs)
  refresh_draft(*, invoice, by, now=None) -> Refreshed    the helper: drop stale, add new lines
  issue_invoice(*, invoice, by, revision, now=None) -> Invoice
  issue_credit_note(*, invoice, by, reason, now=None) -> Invoice
  mark_paid(*, invoice, by, paid_on, now=None) -> Invoice   the coordination
  forget_helper(user, *, remove_forum_posts) -> None      account deletion

Why drafts are prepared by the worker's job rather than from appointments' mark_done or
cancel_session: a session becomes billable by several roads (held, no-show, a member's late
cancellation, an account deleted within the late-cancellation delay, an admin correction), and
a call in each would be one more place that decides; the hourly job reads the one answer
(invoicing.selectors.billable_unbilled_sessions) whatever the road, keeps appointments unaware of
invoicing, and is idempotent. An hour's delay is nothing for an invoice.
"""

import logging
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from appointments.models import BILLABLE_STATUSES, Session, SessionStatus
from helprequests.services.common import coordinators
from helprequests.services.common import send as notify
from members import roles

from . import billing_settings, money, pdf, permissions, selectors
from .errors import InvoicingError
from .models import (
    BilledSession,
    HelperBusinessDetails,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    VatStatus,
)
from .numbering import allocate_number
from .siret import normalise_siret

logger = logging.getLogger("invoicing")

# R-A8: twice a year, the remainder is invoiced: on these days (month, day), Paris time.
HALF_YEAR_ENDS = ((6, 30), (12, 31))


def _mine_link():
    return reverse("invoicing:mine")


def _lock(invoice):
    return Invoice.objects.select_for_update().get(pk=invoice.pk)


# --- Business details ----------------------------------------------------------------------------


def save_business_details(*, helper, data):
    """The helper's invoicing identity: name or company, address, SIRET, VAT status."""
    if not roles.has_role(helper, roles.HELPERS):
        raise InvoicingError(_("Seul·e un·e aidant·e facture le réseau."), code="role")
    details = selectors.business_details_of(helper) or HelperBusinessDetails(helper=helper)
    details.legal_name = (data.get("legal_name") or "").strip()
    details.address = (data.get("address") or "").strip()
    details.siret = normalise_siret(data.get("siret"))
    details.vat_status = data.get("vat_status") or VatStatus.EXEMPT
    details.vat_number = (data.get("vat_number") or "").strip().replace(" ", "")
    try:
        details.full_clean(exclude=["helper"])
    except ValidationError as error:
        raise InvoicingError(error.message_dict) from error
    if details.vat_status != VatStatus.EXEMPT and not details.vat_number:
        # An invoice that charges VAT states the issuer's VAT number.
        raise InvoicingError(
            {
                "vat_number": _(
                    "Assujetti·e à la TVA, indiquez votre numéro de TVA intracommunautaire : "
                    "il figure sur vos factures."
                )
            }
        )
    details.save()
    logger.info("invoicing: business details of user %s saved", helper.pk)
    return details


# --- Drafts --------------------------------------------------------------------------------------


def _add_lines(invoice, sessions):
    """One line per session: its date (Paris) and the rate in effect that day (R-A3); each
    claimed by a BilledSession, whose unique constraint refuses a session billed twice."""
    table = billing_settings.rate_table()
    lines = []
    for session in sessions:
        day = timezone.localdate(session.starts_at)
        lines.append(
            InvoiceLine(
                invoice=invoice,
                session=session,
                session_date=day,
                amount=billing_settings.rate_on(day, table),
                late_cancellation=session.status == SessionStatus.CANCELLED_LATE,
            )
        )
    created = InvoiceLine.objects.bulk_create(lines)
    BilledSession.objects.bulk_create(
        BilledSession(session_id=line.session_id, line=line) for line in created
    )
    return len(created)


def _stale_lines(invoice):
    """The draft's lines whose session is gone, no longer billable, or moved to another helper."""
    return [
        line
        for line in invoice.lines.select_related("session")
        if line.session is None
        or line.session.status not in BILLABLE_STATUSES
        or line.session.helper_id != invoice.helper_id
    ]


def _drop(lines):
    if lines:
        InvoiceLine.objects.filter(pk__in=[line.pk for line in lines]).delete()
    return len(lines)


def prepare_draft(*, helper, now=None):
    """Put the helper's unbilled billable sessions on their draft (made if there is none) and
    tell them. Returns the draft, or None when there was nothing to bill and no draft."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            draft = (
                Invoice.objects.select_for_update()
                .filter(helper=helper, status=InvoiceStatus.DRAFT)
                .first()
            )
            sessions = list(selectors.unbilled_sessions_of(helper).select_for_update(of=("self",)))
            if not sessions:
                return draft
            if draft is None:
                draft = Invoice.objects.create(helper=helper, created_at=now)
            else:
                draft.revision += 1
                draft.save(update_fields=["revision"])
            added = _add_lines(draft, sessions)
            notify(
                [helper.pk],
                subject=_("Une facture est prête à émettre"),
                message=_(
                    "Un brouillon de facture vous attend : vérifiez-le et émettez-le sur le site."
                ),
                link=_mine_link(),
            )
    except IntegrityError as error:
        raise InvoicingError(
            _("Le brouillon vient d’être modifié : réessayez dans un instant."), code="busy"
        ) from error
    logger.info("invoicing: draft %s of user %s, %s sessions added", draft.pk, helper.pk, added)
    return draft


def is_half_year_end(day):
    return (day.month, day.day) in HALF_YEAR_ENDS


def prepare_due_drafts(*, now=None):
    """The worker's job (R-A8): a draft for each helper whose unbilled work reaches the
    threshold, and on 30 June and 31 December for any remainder. Returns how many drafts were
    prepared or completed. Running it again changes nothing."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    threshold = billing_settings.current_settings().threshold
    table = billing_settings.rate_table()
    totals = {}
    for helper_id, starts_at in selectors.billable_unbilled_sessions().values_list(
        "helper_id", "starts_at"
    ):
        amount = billing_settings.rate_on(timezone.localdate(starts_at), table)
        totals[helper_id] = totals.get(helper_id, Decimal("0")) + amount
    due = [
        helper_id
        for helper_id, total in sorted(totals.items())
        if is_half_year_end(today) or total >= threshold
    ]
    from django.contrib.auth import get_user_model

    count = 0
    for helper in get_user_model().objects.filter(pk__in=due).order_by("pk"):
        try:
            if prepare_draft(helper=helper, now=now) is not None:
                count += 1
        except InvoicingError:
            logger.warning("invoicing: draft of user %s left for the next run", helper.pk)
    if count:
        logger.info("invoicing: %s drafts prepared", count)
    return count


@dataclass(frozen=True)
class Refreshed:
    invoice: object  # the draft, or None when nothing is left on it
    dropped: int
    added: int


def refresh_draft(*, invoice, by, now=None):
    """The helper brings their draft up to date: sessions no longer billable leave it, sessions
    billable since join it."""
    now = now or timezone.now()
    if invoice.helper_id != by.pk:
        raise InvoicingError(_("Cette facture n’est pas la vôtre."), code="role")
    with transaction.atomic():
        draft = _lock(invoice)
        if not permissions.may_issue(draft):
            raise InvoicingError(_("Cette facture est déjà émise."), code="issued")
        dropped = _drop(_stale_lines(draft))
        sessions = list(selectors.unbilled_sessions_of(by).select_for_update(of=("self",)))
        added = _add_lines(draft, sessions) if sessions else 0
        if not draft.lines.exists():
            draft.delete()
            draft = None
        elif dropped or added:
            draft.revision += 1
            draft.save(update_fields=["revision"])
    logger.info("invoicing: draft %s refreshed (-%s +%s)", invoice.pk, dropped, added)
    return Refreshed(invoice=draft, dropped=dropped, added=added)


def _dropped_message(count, emptied):
    if emptied:
        return _(
            "Plus aucun entretien de ce brouillon n’est facturable (annulé à temps ou modifié) : "
            "le brouillon est retiré, rien n’a été émis."
        )
    return ngettext(
        "%(count)d entretien n’est plus facturable (annulé à temps ou modifié) : il a été retiré "
        "du brouillon. Relisez le brouillon, puis émettez-le.",
        "%(count)d entretiens ne sont plus facturables (annulés à temps ou modifiés) : ils ont "
        "été retirés du brouillon. Relisez le brouillon, puis émettez-le.",
        count,
    ) % {"count": count}


def _details_or_refuse(helper):
    details = selectors.business_details_of(helper)
    missing = selectors.missing_business_details(details)
    if missing:
        raise InvoicingError(
            _(
                "Avant d’émettre une facture, complétez vos coordonnées de facturation : "
                "%(missing)s."
            )
            % {"missing": ", ".join(str(label) for label in missing)},
            code="details",
        )
    return details


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
                late_cancellation=line.late_cancellation,
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


def forget_helper(user, *, remove_forum_posts):
    """Account deletion (R-C8): the helper's drafts and business details go. Issued invoices
    stay, as the law keeps them (ten years), with the details copied on them when issued."""
    Invoice.objects.filter(helper=user, status=InvoiceStatus.DRAFT).delete()
    HelperBusinessDetails.objects.filter(helper=user).delete()
