"""Registration actions, "Mes événements" and the coordination's attendance pages.

Event pages themselves are Wagtail pages (events.models); these views only act and list. Every
action goes through events.services; a refusal (EventError) becomes a message on the page the
person comes back to, and nothing is changed.
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from home import visibility
from members.permissions import coordinator_required, member_required
from portal.refusals import REFUSED, refusal_text

from . import selectors, services
from .calendar_file import ics_for
from .errors import EventError


def _refused(request, error):
    messages.error(request, refusal_text(error))


def _back_to(request, event):
    """The event page when the viewer may read it, else their own events."""
    if event.live and visibility.is_page_visible(request, event):
        return redirect(event.get_url(request))
    return redirect("events:mine")


# --- Members ---------------------------------------------------------------------------------


@member_required
def mine(request):
    upcoming, past = selectors.registrations_of(request.user)
    return render(request, "events/mine.html", {"upcoming": upcoming, "past": past})


@member_required
@require_POST
def register(request, event_id):
    event = selectors.event_for(request, event_id)
    try:
        registration = services.register(event=event, by=request.user)
    except EventError as error:
        _refused(request, error)
    else:
        if registration.status == "confirmed":
            messages.success(
                request,
                _(
                    "Vous êtes inscrit·e. Vous pouvez ajouter l’événement à votre agenda et "
                    "annuler à tout moment avant le début."
                ),
            )
        else:
            messages.success(
                request,
                _(
                    "L’événement est complet : vous êtes en liste d’attente. Si une place se "
                    "libère, elle vous est attribuée et vous êtes prévenu·e par e-mail."
                ),
            )
    return _back_to(request, event)


@member_required
@require_POST
def cancel(request, registration_id):
    registration = selectors.registration_of(registration_id)
    try:
        services.cancel(registration=registration, by=request.user)
    except EventError as error:
        _refused(request, error)
        return redirect("events:mine")
    messages.success(request, _("Votre inscription est annulée."))
    return _back_to(request, registration.event)


@member_required
def calendar_file(request, event_id):
    event = selectors.event_for(request, event_id)
    selectors.confirmed_registration(request, event)
    response = HttpResponse(ics_for(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="evenement-{event.pk}.ics"'
    return response


# --- Coordination ----------------------------------------------------------------------------


@coordinator_required
def coordination(request):
    return render(
        request,
        "events/coordination/events.html",
        {"events": selectors.events_for_coordination(), "now": timezone.now()},
    )


@coordinator_required
def attendance(request, event_id):
    event = selectors.event_for(request, event_id)
    status = 200
    if request.method == "POST":
        try:
            services.record_attendance(
                event=event, by=request.user, attended=request.POST.getlist("present")
            )
        except EventError as error:
            _refused(request, error)
            status = REFUSED
        else:
            messages.success(request, _("Les présences sont enregistrées."))
            return redirect("events:attendance", event_id=event.pk)
    return render(
        request,
        "events/coordination/attendance.html",
        {
            "event": event,
            "rows": selectors.attendance_sheet(event, request.user),
            "started": timezone.now() >= event.starts_at,
        },
        status=status,
    )


def _year(request):
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("annee", this_year))
    except ValueError:
        return this_year
    return year if this_year - 5 <= year <= this_year else this_year


@coordinator_required
def obligations(request):
    year = _year(request)
    return render(
        request,
        "events/coordination/obligations.html",
        {"year": year, "rows": selectors.helpers_missing_obligations(request.user, year=year)},
    )


@coordinator_required
@require_POST
def remind(request):
    count = services.remind_helpers(by=request.user)
    messages.success(
        request,
        _("Rappel envoyé à %(count)d aidant·e(s).") % {"count": count},
    )
    return redirect("events:obligations")
