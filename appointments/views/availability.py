"""The helper's "Mes disponibilités": weekly and one-off slots, absences, the week, R-A5's
warnings (R-A5, R-P3)."""

import datetime

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from members.permissions import helper_required
from portal.refusals import act

from .. import selectors, services
from ..forms import (
    AbsenceForm,
    ButtonForm,
    SingleSlotForm,
    WeeklySlotForm,
)
from .common import _problem, post_else

# --- Helpers: availability ---------------------------------------------------------------------

AVAILABILITY_FORMS = {"weekly": WeeklySlotForm, "single": SingleSlotForm, "absence": AbsenceForm}


def _add(kind, helper, data):
    if kind == "weekly":
        return services.add_weekly_slot(helper=helper, **data)
    if kind == "single":
        return services.add_single_slot(helper=helper, **data)
    return services.add_absence(helper=helper, **data)


def _week_start(request):
    today = timezone.localdate()
    try:
        start = datetime.date.fromisoformat(request.GET.get("semaine", ""))
    except ValueError:
        return today
    return start if today <= start <= today + datetime.timedelta(days=366) else today


def _availability_page(request, *, bound=None, refusal=None, status=200):
    """The helper's availability page as it is now; `bound` replaces the empty form of its kind
    with the one that was sent, `refusal` is said above the page (a removal refused)."""
    forms = {
        kind: form_class(prefix=kind, viewer=request.user)
        for kind, form_class in AVAILABILITY_FORMS.items()
    }
    forms.update(bound or {})
    start = _week_start(request)
    page = selectors.availability_page(request.user, start)
    return render(
        request,
        "appointments/availability.html",
        {
            "forms": forms,
            "refusal": refusal,
            "availability": page,
            "week": page.week,
            "previous_week": start - datetime.timedelta(days=7)
            if start > timezone.localdate()
            else None,
            "next_week": start + datetime.timedelta(days=7),
        },
        status=status,
    )


@helper_required
def availability(request):
    """ "Mes disponibilités": the helper's weekly slots, single slots (shared with a partner or
    not, R-P3) and absences, their coming week of free slots and sessions, and R-A5's
    warnings."""
    if request.method != "POST":
        return _availability_page(request)
    kind = request.POST.get("kind")
    if kind not in AVAILABILITY_FORMS:
        return _availability_page(request, status=400)
    form = AVAILABILITY_FORMS[kind](request.POST, prefix=kind, viewer=request.user)
    return act(
        request,
        form,
        lambda data: _add(kind, request.user, data),
        success=_("C’est enregistré."),
        done="appointments:availability",
        page=lambda status, error: _availability_page(request, bound={kind: form}, status=status),
    )


def _removal(request, removal, success):
    """A "Retirer" button of the availability page: done, or the page again with the refusal."""
    form = ButtonForm(request.POST)
    return act(
        request,
        form,
        lambda data: removal(),
        success=success,
        done="appointments:availability",
        page=lambda status, error: _availability_page(
            request, refusal=_problem(form, error), status=status
        ),
    )


@helper_required
@post_else("appointments:availability")
def remove_slot(request, pk):
    availability = selectors.availability_for(request.user, pk)
    return _removal(
        request,
        lambda: services.remove_slot(availability=availability, by=request.user),
        _("Le créneau est retiré. Les entretiens déjà réservés restent."),
    )


@helper_required
@post_else("appointments:availability")
def remove_absence(request, pk):
    absence = selectors.absence_for(request.user, pk)
    return _removal(
        request,
        lambda: services.remove_absence(absence=absence, by=request.user),
        _("L’absence est retirée."),
    )
