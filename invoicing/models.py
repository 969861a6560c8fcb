"""Helpers' invoices to the operator (R-A3, R-A8).

- BillingSettings: the threshold, the VAT rate and the operator as recipient, set by the
  coordination in the Wagtail admin, with the dated rates per session (SessionRate): a rate
  applies to the sessions held from its date on, and each invoice line keeps its own amount, so
  a change never rewrites what was billed.
- HelperBusinessDetails: who issues the helper's invoices (name or company, address, SIRET, VAT).
- Invoice and InvoiceLine: a draft, then an issued document, immutable (IssuedInvoiceIsImmutable):
  what it states is copied onto it when it is issued. A credit note is an Invoice of kind
  CREDIT_NOTE that cancels one invoice.
- BilledSession: the claim of one session by one line, unique, so that a session sits on at most
  one invoice that is not cancelled (a credit note releases its invoice's claims).
- InvoiceCounter: each helper's numbering per year, the row locked to allocate a number.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from .errors import IssuedInvoiceIsImmutable
from .siret import validate_siret
from .storage import invoice_path, private_invoices

# R-A3: 60 EUR excl. tax per session, until the coordination records another rate.
DEFAULT_RATE = Decimal("60.00")
# R-A8: an invoice once unbilled work reaches 300 EUR excl. tax.
DEFAULT_THRESHOLD = Decimal("300.00")
DEFAULT_VAT_RATE = Decimal("20.00")
VAT_EXEMPTION_MENTION = "TVA non applicable, art. 293 B du CGI"


@register_setting(icon="doc-full")
class BillingSettings(BaseGenericSetting, ClusterableModel):
    """What the helpers' invoices follow, set by the coordination (R-A3, R-A8)."""

    threshold = models.DecimalField(
        _("seuil d’une facture (EUR HT)"),
        max_digits=8,
        decimal_places=2,
        default=DEFAULT_THRESHOLD,
        validators=[MinValueValidator(Decimal("1"))],
        help_text=_(
            "Un brouillon de facture est préparé dès que les entretiens non facturés d’un·e "
            "aidant·e atteignent ce montant."
        ),
    )
    vat_rate = models.DecimalField(
        _("taux de TVA (%)"),
        max_digits=5,
        decimal_places=2,
        default=DEFAULT_VAT_RATE,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_("Appliqué aux aidant·es assujetti·es à la TVA."),
    )
    operator_name = models.CharField(
        _("destinataire des factures (nom de l’opérateur)"), max_length=200, blank=True
    )
    operator_address = models.TextField(_("adresse de l’opérateur"), blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("threshold"), FieldPanel("vat_rate")], heading=_("Montants")),
        MultiFieldPanel(
            [FieldPanel("operator_name"), FieldPanel("operator_address")],
            heading=_("Destinataire des factures"),
        ),
        InlinePanel("rates", heading=_("Tarifs par entretien"), label=_("tarif")),
    ]

    class Meta:
        verbose_name = _("réglages des factures des aidant·es")


class SessionRate(models.Model):
    """A rate per session excl. tax, for the sessions held from `effective_from` on."""

    settings = ParentalKey(BillingSettings, on_delete=models.CASCADE, related_name="rates")
    effective_from = models.DateField(_("pour les entretiens à partir du"))
    amount = models.DecimalField(
        _("tarif par entretien (EUR HT)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )

    panels = [FieldPanel("effective_from"), FieldPanel("amount")]

    class Meta:
        ordering = ["effective_from"]
        verbose_name = _("tarif par entretien")
        verbose_name_plural = _("tarifs par entretien")
        constraints = [
            models.UniqueConstraint(fields=["settings", "effective_from"], name="one_rate_per_date")
        ]

    def __str__(self):
        return f"SessionRate {self.effective_from}"


class VatStatus(models.TextChoices):
    LIABLE = "liable", _("Assujetti·e à la TVA")
    EXEMPT = "exempt", _("Franchise en base de TVA (TVA non applicable, art. 293 B du CGI)")


class HelperBusinessDetails(models.Model):
    """Who issues a helper's invoices: they are the seller, the operator the buyer."""

    helper = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="business_details"
    )
    legal_name = models.CharField(_("nom ou raison sociale"), max_length=200)
    address = models.TextField(_("adresse"))
    siret = models.CharField(_("SIRET"), max_length=14, validators=[validate_siret])
    vat_status = models.CharField(
        _("TVA"), max_length=8, choices=VatStatus.choices, default=VatStatus.EXEMPT
    )
    vat_number = models.CharField(
        _("numéro de TVA intracommunautaire"),
        max_length=20,
        blank=True,
        help_text=_("Pour les aidant·es assujetti·es à la TVA."),
    )
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    class Meta:
        verbose_name = _("coordonnées de facturation")
        verbose_name_plural = _("coordonnées de facturation")

    def __str__(self):
        return f"HelperBusinessDetails {self.pk}"


class InvoiceKind(models.TextChoices):
    INVOICE = "invoice", _("Facture")
    CREDIT_NOTE = "credit_note", _("Avoir")


class InvoiceStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    ISSUED = "issued", _("Émise")
    PAID = "paid", _("Payée")
    CREDITED = "credited", _("Annulée par un avoir")


# An issued document changes only by these moves; everything else it states is frozen.
ALLOWED_MOVES = {
    (InvoiceStatus.ISSUED, InvoiceStatus.PAID),
    (InvoiceStatus.ISSUED, InvoiceStatus.CREDITED),
    (InvoiceStatus.PAID, InvoiceStatus.CREDITED),
}
# Fields that may change after issue: the status (by ALLOWED_MOVES), the payment date, the PDF
# written once in the same transaction as the number.
MUTABLE_AFTER_ISSUE = {"status", "paid_on", "pdf"}


class Invoice(models.Model):
    """A helper's invoice to the operator, or a credit note cancelling one (R-A8)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="invoices"
    )
    kind = models.CharField(
        _("type"), max_length=12, choices=InvoiceKind.choices, default=InvoiceKind.INVOICE
    )
    status = models.CharField(
        _("état"), max_length=10, choices=InvoiceStatus.choices, default=InvoiceStatus.DRAFT
    )
    # Changes each time the draft's lines change: the helper issues the draft they read.
    revision = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("préparée le"))
    number = models.CharField(_("numéro"), max_length=20, blank=True)
    issued_on = models.DateField(_("émise le"), null=True, blank=True)
    paid_on = models.DateField(_("payée le"), null=True, blank=True)
    credited_invoice = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="credit_note",
        verbose_name=_("facture annulée"),
    )
    reason = models.TextField(_("motif de l’avoir"), blank=True)
    # Copied when issued: the document says what was true that day.
    issuer_name = models.CharField(_("émetteur"), max_length=200, blank=True)
    issuer_address = models.TextField(_("adresse de l’émetteur"), blank=True)
    issuer_siret = models.CharField(_("SIRET de l’émetteur"), max_length=14, blank=True)
    issuer_vat_number = models.CharField(max_length=20, blank=True)
    vat_exempt = models.BooleanField(default=False)
    vat_rate = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("0"))
    recipient_name = models.CharField(_("destinataire"), max_length=200, blank=True)
    recipient_address = models.TextField(blank=True)
    sessions_count = models.PositiveSmallIntegerField(_("entretiens"), default=0)
    total_excl_tax = models.DecimalField(
        _("montant HT"), max_digits=10, decimal_places=2, default=Decimal("0")
    )
    vat_amount = models.DecimalField(
        _("TVA"), max_digits=10, decimal_places=2, default=Decimal("0")
    )
    total_incl_tax = models.DecimalField(
        _("montant TTC"), max_digits=10, decimal_places=2, default=Decimal("0")
    )
    pdf = models.FileField(
        storage=private_invoices, upload_to=invoice_path, max_length=200, blank=True
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("facture d’aidant·e")
        verbose_name_plural = _("factures d’aidant·es")
        constraints = [
            models.UniqueConstraint(
                fields=["helper"],
                condition=models.Q(status="draft"),
                name="one_draft_invoice_per_helper",
            ),
            models.UniqueConstraint(
                fields=["helper", "number"],
                condition=~models.Q(number=""),
                name="invoice_number_unique_per_helper",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft", number="")
                | (
                    ~models.Q(status="draft")
                    & ~models.Q(number="")
                    & models.Q(issued_on__isnull=False)
                ),
                name="issued_invoice_has_number_and_date",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="invoice", credited_invoice__isnull=True)
                | models.Q(kind="credit_note", credited_invoice__isnull=False),
                name="credit_note_cancels_one_invoice",
            ),
        ]

    def __str__(self):
        return f"Invoice {self.pk}"

    def save(self, *args, **kwargs):
        self._refuse_changes_once_issued()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        stored = getattr(self, "_stored", None)
        if stored is not None and stored.get("status") != InvoiceStatus.DRAFT:
            raise IssuedInvoiceIsImmutable(f"invoice {self.pk} is issued: it is never deleted")
        return super().delete(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored = dict(zip(field_names, values, strict=True))
        return instance

    @property
    def is_draft(self):
        return self.status == InvoiceStatus.DRAFT

    @property
    def is_credit_note(self):
        return self.kind == InvoiceKind.CREDIT_NOTE

    def _refuse_changes_once_issued(self):
        """The model's guard (R-A8: an issued invoice is never edited). Services are the only
        writers, but an admin action or a shell must fail just the same."""
        stored = getattr(self, "_stored", None)
        if stored is None or stored.get("status") in (None, InvoiceStatus.DRAFT):
            return
        for field in self._meta.concrete_fields:
            if field.attname in MUTABLE_AFTER_ISSUE or field.attname not in stored:
                continue
            if field.to_python(getattr(self, field.attname)) != field.to_python(
                stored[field.attname]
            ):
                raise IssuedInvoiceIsImmutable(
                    f"invoice {self.pk}: {field.name} cannot change once issued"
                )
        old, new = stored["status"], self.status
        if old != new and (old, new) not in ALLOWED_MOVES:
            raise IssuedInvoiceIsImmutable(f"invoice {self.pk}: {old} cannot become {new}")
        if old != InvoiceStatus.ISSUED and stored.get("paid_on") != self.paid_on:
            raise IssuedInvoiceIsImmutable(f"invoice {self.pk}: payment date is set once")
        if stored.get("pdf") and str(stored["pdf"]) != str(self.pdf):
            raise IssuedInvoiceIsImmutable(f"invoice {self.pk}: its PDF is written once")


class InvoiceLineKind(models.TextChoices):
    """Why a session is billed: held, missed by the member, or cancelled too late."""

    HELD = "held", _("Entretien")
    NO_SHOW = "no_show", _("Entretien manqué par le membre (dû)")
    LATE_CANCELLATION = "late_cancel", _("Entretien annulé tardivement par le membre (dû)")


class InvoiceLine(models.Model):
    """One session on an invoice: its date and the amount excl. tax at the rate of that date."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    session = models.ForeignKey(
        "appointments.Session", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    session_date = models.DateField(_("date de l’entretien"))
    amount = models.DecimalField(_("montant HT"), max_digits=10, decimal_places=2)
    # What the session was when it was drafted: each kind is named on the invoice (R-A3).
    kind = models.CharField(
        _("nature"), max_length=16, choices=InvoiceLineKind.choices, default=InvoiceLineKind.HELD
    )

    class Meta:
        ordering = ["session_date", "pk"]
        verbose_name = _("ligne de facture")
        verbose_name_plural = _("lignes de facture")

    def __str__(self):
        return f"InvoiceLine {self.pk}"

    def save(self, *args, **kwargs):
        self._refuse_unless_draft()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_unless_draft()
        return super().delete(*args, **kwargs)

    @property
    def label(self):
        """What the line bills, as the invoice names it."""
        return self.get_kind_display()

    def _refuse_unless_draft(self):
        status = Invoice.objects.filter(pk=self.invoice_id).values_list("status", flat=True)
        if status and status[0] != InvoiceStatus.DRAFT:
            raise IssuedInvoiceIsImmutable(f"invoice {self.invoice_id} is issued: lines frozen")


class BilledSession(models.Model):
    """A session claimed by a line of an invoice that is not cancelled: at most one (R-A8:
    never billed twice), held by the database's unique constraint on `session`."""

    session = models.OneToOneField(
        "appointments.Session", on_delete=models.CASCADE, related_name="billing"
    )
    line = models.OneToOneField(InvoiceLine, on_delete=models.CASCADE, related_name="claim")

    class Meta:
        verbose_name = _("entretien facturé")
        verbose_name_plural = _("entretiens facturés")

    def __str__(self):
        return f"BilledSession {self.session_id}"


class InvoiceCounter(models.Model):
    """The last number a helper gave in a year: locked (select_for_update) while a number is
    allocated, so that numbers follow each other without a gap (invoicing.numbering)."""

    helper = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["helper", "year"], name="one_counter_per_helper_year")
        ]

    def __str__(self):
        return f"InvoiceCounter {self.pk}"
