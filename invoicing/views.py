"""Invoicing pages (R-A8): the helper's "Mes factures" and the coordination's list.

Every action goes through invoicing.services by way of portal.refusals.act (a refusal shown on
the form, 409, nothing changed); reads start from invoicing.selectors. A helper reaches their
own invoices only (another's answers 404). There is no page that edits an issued invoice.
"""

import csv

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from members.permissions import coordinator_required, helper_required
from portal.refusals import act

from . import money, permissions, selectors, services
from .forms import BusinessDetailsForm, CreditNoteForm, IssueForm, PaidForm, RefreshForm


def _pdf_response(invoice):
    if not invoice.pdf:
        raise Http404
    prefix = _("avoir") if invoice.is_credit_note else _("facture")
    return FileResponse(
        invoice.pdf.open("rb"),
        as_attachment=True,
        filename=f"{prefix}-{invoice.number}.pdf",
        content_type="application/pdf",
    )


# --- Helpers ------------------------------------------------------------------------------------


@helper_required
def mine(request):
    """ "Mes factures": the helper's invoices, what is not billed yet, and their details."""
    count, amount = selectors.unbilled_summary(request.user)
    details = selectors.business_details_of(request.user)
    return render(
        request,
        "invoicing/mine.html",
        {
            "invoices": selectors.invoices_of_helper(request.user),
            "unbilled_count": count,
            "unbilled_amount": amount,
            "missing": selectors.missing_business_details(details),
        },
    )


@helper_required
def details(request):
    """The helper's business details, which their invoices carry when issued."""
    current = selectors.business_details_of(request.user)
    initial = (
        {
            name: getattr(current, name)
            for name in ("legal_name", "address", "siret", "vat_status", "vat_number")
        }
        if current
        else {}
    )
    form = BusinessDetailsForm(request.POST or None, initial=initial)

    def page(status=200, error=None):
        return render(request, "invoicing/details.html", {"form": form}, status=status)

    if request.method == "POST":
        return act(
            request,
            form,
            lambda data: services.save_business_details(helper=request.user, data=data),
            success=_("Vos coordonnées de facturation sont enregistrées."),
            done=reverse("invoicing:mine"),
            page=page,
        )
    return page()


ACTIONS = ("issue", "refresh", "credit")


@helper_required
def detail(request, public_id):
    """One of the helper's invoices: a draft to read and issue (or bring up to date), an issued
    one to download or cancel with a credit note."""
    invoice = selectors.invoice_for_helper(request.user, public_id)
    action = request.POST.get("action") if request.method == "POST" else None
    forms = {
        "issue": IssueForm(
            request.POST if action == "issue" else None,
            initial={"revision": invoice.revision},
        ),
        "refresh": RefreshForm(request.POST if action == "refresh" else None),
        "credit": CreditNoteForm(request.POST if action == "credit" else None),
    }

    def page(status=200, error=None):
        context = {
            "invoice": invoice,
            "forms": forms,
            "may_credit": permissions.may_credit(invoice),
        }
        if invoice.is_draft:
            context["draft"] = selectors.draft_view(invoice)
        else:
            context["lines"] = selectors.lines_of(invoice)
        return render(request, "invoicing/detail.html", context, status=status)

    if action == "issue":
        return act(
            request,
            forms["issue"],
            lambda data: services.issue_invoice(
                invoice=invoice, by=request.user, revision=data["revision"]
            ),
            success=lambda issued: (
                _("La facture %(number)s est émise.") % {"number": issued.number}
            ),
            done=lambda issued: reverse("invoicing:detail", args=[issued.public_id]),
            page=page,
        )
    if action == "refresh":
        return act(
            request,
            forms["refresh"],
            lambda data: services.refresh_draft(invoice=invoice, by=request.user),
            success=_refreshed_message,
            done=lambda result: (
                reverse("invoicing:detail", args=[invoice.public_id])
                if result.invoice
                else reverse("invoicing:mine")
            ),
            page=page,
        )
    if action == "credit":
        return act(
            request,
            forms["credit"],
            lambda data: services.issue_credit_note(
                invoice=invoice, by=request.user, reason=data["reason"]
            ),
            success=lambda note: _("L’avoir %(number)s est émis.") % {"number": note.number},
            done=lambda note: reverse("invoicing:detail", args=[note.public_id]),
            page=page,
        )
    if request.method == "POST":
        return page(status=400)
    return page()


def _refreshed_message(result):
    if result.invoice is None:
        return _("Plus aucun entretien n’est à facturer : le brouillon est retiré.")
    if not (result.dropped or result.added):
        return _("Le brouillon était à jour.")
    return _("Brouillon mis à jour : %(dropped)d entretien(s) retiré(s), %(added)d ajouté(s).") % {
        "dropped": result.dropped,
        "added": result.added,
    }


@helper_required
def pdf(request, public_id):
    """The PDF of one of the helper's own issued invoices (never through /media/)."""
    return _pdf_response(selectors.invoice_for_helper(request.user, public_id))


# --- Coordination -------------------------------------------------------------------------------


def _state(request):
    state = request.GET.get("etat") or None
    return state if state in selectors.STATE_FILTERS else None


@coordinator_required
def coordination(request):
    """Every helper's invoices, by state (draft, issued, paid…), to pay and to export."""
    state = _state(request)
    invoices = Paginator(
        selectors.coordination_invoices(state=state), selectors.COORDINATION_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "invoicing/coordination.html",
        {"invoices": invoices, "state": state, "states": selectors.state_choices()},
    )


@coordinator_required
def coord_detail(request, public_id):
    """One invoice for the coordination: what it states, its PDF, and its payment."""
    invoice = selectors.invoice_for_coordination(public_id)
    form = PaidForm(request.POST or None, initial={"paid_on": selectors.today()})

    def page(status=200, error=None):
        return render(
            request,
            "invoicing/coord_detail.html",
            {
                "invoice": invoice,
                "lines": selectors.lines_of(invoice),
                "business_name": selectors.business_name_of(invoice),
                "form": form,
                "may_mark_paid": permissions.may_mark_paid(invoice),
            },
            status=status,
        )

    if request.method == "POST":
        return act(
            request,
            form,
            lambda data: services.mark_paid(invoice=invoice, by=request.user, **data),
            success=_("Le paiement est enregistré."),
            done=reverse("invoicing:coord_detail", args=[invoice.public_id]),
            page=page,
        )
    return page()


@coordinator_required
def coord_pdf(request, public_id):
    return _pdf_response(selectors.invoice_for_coordination(public_id))


def _cell(value):
    """A spreadsheet must not read a typed name as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@coordinator_required
def export(request):
    """The invoices of the list's filter, for accounting (drafts have no number: left out)."""
    state = _state(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="factures-aidants.csv"'
    response.write("\ufeff")  # spreadsheets then read the file as UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Numéro"),
            _("Type"),
            _("Émetteur"),
            _("Émise le"),
            _("Entretiens"),
            _("Montant HT"),
            _("TVA"),
            _("Montant TTC"),
            _("État"),
            _("Payée le"),
            _("Facture annulée"),
        ]
    )
    for invoice in selectors.coordination_invoices(state=state).exclude(status="draft"):
        writer.writerow(
            [
                invoice.number,
                invoice.get_kind_display(),
                _cell(invoice.issuer_name),
                invoice.issued_on.isoformat(),
                invoice.sessions_count,
                money.plain(invoice.total_excl_tax),
                money.plain(invoice.vat_amount),
                money.plain(invoice.total_incl_tax),
                invoice.get_status_display(),
                invoice.paid_on.isoformat() if invoice.paid_on else "",
                invoice.credited_invoice.number if invoice.credited_invoice_id else "",
            ]
        )
    return response
