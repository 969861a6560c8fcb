"""The coordination's pages: every session with filters, and one request's sessions with its
quota, extensions, booking for the member and urgent sessions (R-A1, R-A6, R-A10, R-P5)."""

import datetime

from django.shortcuts import render
from django.utils.translation import gettext as _

from members.permissions import coordinator_required
from portal.refusals import act

from .. import selectors, services
from ..forms import (
    BookForm,
    ExtensionForm,
    UrgentForm,
)
from ..models import SessionStatus
from .booking import _book

# --- Coordination ------------------------------------------------------------------------------


def _filters(request):
    status = request.GET.get("etat") or None
    if status not in SessionStatus.values:
        status = None
    try:
        helper = int(request.GET.get("aidant") or 0) or None
    except ValueError:
        helper = None
    try:
        day = datetime.date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        day = None
    return {"status": status, "helper": helper, "day": day}


@coordinator_required
def coordination(request):
    """Every session, with filters by state, helper and day (R-A6)."""
    filters = _filters(request)
    return render(
        request,
        "appointments/coordination.html",
        {
            "sessions": selectors.coordination_page(
                request.user, page=request.GET.get("page"), **filters
            ),
            "filters": filters,
            "statuses": SessionStatus.choices,
            "helpers": selectors.helper_choices(request.user),
        },
    )


@coordinator_required
def coord_request(request, public_id):
    """One request's sessions for the coordination: its quota, extensions granted with their
    reason (R-A10), booking for the member (R-A1) and urgent sessions outside the slots (R-P5)."""
    obj = selectors.request_for_booking(request.user, public_id)
    extension_form = ExtensionForm(prefix="extension")
    urgent_form = UrgentForm(prefix="urgent")
    book_form = BookForm()

    def page(status=200, refusal=None):
        return render(
            request,
            "appointments/coord_request.html",
            {
                "booking": selectors.booking_page(obj, request.user),
                "book_form": book_form,
                "extension_form": extension_form,
                "urgent_form": urgent_form,
                "refusal": refusal,
                "extensions": selectors.extensions_of(obj),
                "feedbacks": selectors.feedbacks_of(obj),
            },
            status=status,
        )

    if request.method != "POST":
        return page()
    action = request.POST.get("action")
    if action == "urgent":
        urgent_form = UrgentForm(request.POST, prefix="urgent")
        return act(
            request,
            urgent_form,
            lambda data: services.book_session(
                request=obj, by=request.user, outside_slots=True, **data
            ),
            success=_("L’entretien urgent est fixé."),
            done=request.path,
            page=lambda status, error: page(status),
        )
    if action == "extend":
        extension_form = ExtensionForm(request.POST, prefix="extension")
        return act(
            request,
            extension_form,
            lambda data: services.grant_extra_sessions(request=obj, by=request.user, **data),
            success=_("Les entretiens supplémentaires sont accordés."),
            done=request.path,
            page=lambda status, error: page(status),
        )
    book_form = BookForm(request.POST)
    return _book(request, obj, book_form, page)
