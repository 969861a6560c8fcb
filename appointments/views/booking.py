"""Booking: the member's page from their request, and the helper's offer of a slot (R-A1, R-K2,
R-K3, R-P3, R-P4)."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from members.permissions import helper_required, member_required
from portal.refusals import act

from .. import permissions, selectors, services
from ..forms import (
    BookForm,
    OfferForm,
    TermsForm,
)
from .common import _problem

# --- Booking -----------------------------------------------------------------------------------


def _book(request, obj, form, page):
    """The POST of a slot button (BookForm: the slot in a hidden field): book it, or show the
    page again with the refusal above it (400 for a missing slot, 409 for one refused)."""
    return act(
        request,
        form,
        lambda data: services.book_session(
            request=obj,
            starts_at=data["starts_at"],
            by=request.user,
            remote_details=data["remote_details"],
        ),
        success=(
            _("L’entretien est réservé. L’aidant·e et la coordination sont prévenu·es.")
            if permissions.booking_role(request.user, obj) == permissions.MEMBER
            else _("L’entretien est réservé. Le membre et l’aidant·e reçoivent sa confirmation.")
        ),
        done=request.path,
        page=lambda status, error: page(status, refusal=_slot_problem(form, error)),
    )


def _slot_problem(form, error):
    if error is None and "starts_at" in form.errors:
        return _("Choisissez un créneau.")
    return _problem(form, error)


@member_required
def book(request, public_id):
    """The member's booking page, reached from their request (R-A1, R-K2): the request's
    sessions, its quota, and the free slots of the helper who took it."""
    obj = selectors.request_for_member_booking(request.user, public_id)
    terms_form = TermsForm(prefix="terms")
    book_form = BookForm()

    def page(status=200, refusal=None):
        return render(
            request,
            "appointments/book.html",
            {
                "booking": selectors.booking_page(obj, request.user),
                "book_form": book_form,
                "terms_form": terms_form,
                "refusal": refusal,
                "contributions": settings.APPOINTMENT_CONTRIBUTIONS,
                "usual_price": settings.APPOINTMENT_USUAL_PRICE_EUR,
            },
            status=status,
        )

    if request.method != "POST":
        return page()
    if request.POST.get("action") == "terms":
        terms_form = TermsForm(request.POST, prefix="terms")
        return act(
            request,
            terms_form,
            lambda data: services.confirm_terms(
                request=obj,
                by=request.user,
                contribution=data["contribution"] or "none",
                amount_eur=data["amount_eur"],
            ),
            success=_("Merci. Vous pouvez maintenant choisir un créneau."),
            done=request.path,
            page=lambda status, error: page(status),
        )
    book_form = BookForm(request.POST)
    return _book(request, obj, book_form, page)


@helper_required
def offer(request, public_id):
    """The helper who took a request offers the member one of their free slots, with how the
    member reaches them (R-P3, R-P4); the member is told and finds both on their request page."""
    obj = selectors.request_for_helper_offer(request.user, public_id)
    booking = selectors.booking_page(obj, request.user)
    moments = [slot.starts_at for _day, day_slots in booking.days for slot in day_slots]
    form = OfferForm(request.POST or None, moments=moments)

    def page(status, error):
        return render(
            request,
            "appointments/offer.html",
            {"booking": booking, "form": form},
            status=status,
        )

    if request.method != "POST":
        return page(200, None)
    return act(
        request,
        form,
        lambda data: services.book_session(request=obj, by=request.user, **data),
        success=_("L’entretien est réservé ; le membre est prévenu."),
        done=reverse("appointments:mine"),
        page=page,
        field="starts_at",
    )
