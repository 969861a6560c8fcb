"""Availability, booking and sessions pages (R-A3, R-A5, R-K2).

Every action goes through appointments.services; a refusal (AppointmentError) becomes a message
on the page the person comes back to, and nothing is changed. Reads start from
appointments.selectors, narrowed to the viewer.
"""

import datetime

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.permissions import coordinator_required, helper_required, member_required
from portal.refusals import refusal_text

from . import permissions, selectors, services
from .errors import AppointmentError
from .feed_views import feed_links
from .forms import (
    AbsenceForm,
    BookForm,
    CancelForm,
    ExtensionForm,
    HelperFeedbackForm,
    MemberFeedbackForm,
    SingleSlotForm,
    TermsForm,
    UrgentForm,
    WeeklySlotForm,
)
from .models import SessionStatus


def _refused(request, error):
    messages.error(request, refusal_text(error))


def _acted(request, form, action, done):
    """Run `action(data)` on a valid form: True once it went through (with the message `done`);
    otherwise the refusal is shown on the form and nothing changed."""
    if not form.is_valid():
        return False
    try:
        action(form.cleaned_data)
    except AppointmentError as error:
        form.add_error(None, error)
        return False
    messages.success(request, done)
    return True


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


@helper_required
def availability(request):
    """ "Mes disponibilités": the helper's weekly slots, single slots and absences, and their
    coming week of free slots and sessions (R-A5, R-P3)."""
    forms = {kind: form_class(prefix=kind) for kind, form_class in AVAILABILITY_FORMS.items()}
    status = 200
    if request.method == "POST":
        kind = request.POST.get("kind")
        if kind in AVAILABILITY_FORMS:
            form = forms[kind] = AVAILABILITY_FORMS[kind](request.POST, prefix=kind)
            if _acted(
                request, form, lambda data: _add(kind, request.user, data), _("C’est enregistré.")
            ):
                return redirect("appointments:availability")
        status = 400
    start = _week_start(request)
    weekly, single, absences = selectors.availability_of(request.user)
    return render(
        request,
        "appointments/availability.html",
        {
            "forms": forms,
            "weekly": weekly,
            "single": single,
            "absences": absences,
            "slots_wanted": selectors.too_few_weekly_slots(weekly),
            "week": selectors.helper_week(request.user, start),
            "previous_week": start - datetime.timedelta(days=7)
            if start > timezone.localdate()
            else None,
            "next_week": start + datetime.timedelta(days=7),
        },
        status=status,
    )


@helper_required
@require_POST
def remove_slot(request, pk):
    availability = selectors.availability_for(request.user, pk)
    services.remove_slot(availability=availability, by=request.user)
    messages.success(request, _("Le créneau est retiré. Les entretiens déjà réservés restent."))
    return redirect("appointments:availability")


@helper_required
@require_POST
def remove_absence(request, pk):
    absence = selectors.absence_for(request.user, pk)
    services.remove_absence(absence=absence, by=request.user)
    messages.success(request, _("L’absence est retirée."))
    return redirect("appointments:availability")


# --- Booking -----------------------------------------------------------------------------------


def _book_from(request, obj):
    """The POST of a slot button: book it, or say why not."""
    form = BookForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez un créneau."))
        return
    try:
        services.book_session(
            request=obj,
            starts_at=form.cleaned_data["starts_at"],
            by=request.user,
            remote_details=form.cleaned_data["remote_details"],
        )
    except AppointmentError as error:
        _refused(request, error)
    else:
        messages.success(
            request, _("L’entretien est réservé. L’aidant·e et la coordination sont prévenu·es.")
        )


@member_required
def book(request, public_id):
    """The member's booking page, reached from their request (R-A1, R-K2): the request's
    sessions, its quota, and the free slots of the helper who took it."""
    obj = selectors.request_for_member_booking(request.user, public_id)
    terms_form = TermsForm(prefix="terms")
    status = 200
    if request.method == "POST" and request.POST.get("action") == "terms":
        terms_form = TermsForm(request.POST, prefix="terms")
        if _acted(
            request,
            terms_form,
            lambda data: services.confirm_terms(
                request=obj,
                by=request.user,
                contribution=data["contribution"] or "none",
                amount_eur=data["amount_eur"],
            ),
            _("Merci. Vous pouvez maintenant choisir un créneau."),
        ):
            return redirect("appointments:book", public_id=obj.public_id)
        status = 400
    elif request.method == "POST":
        _book_from(request, obj)
        return redirect("appointments:book", public_id=obj.public_id)
    return render(
        request,
        "appointments/book.html",
        {
            "booking": selectors.booking_page(obj, request.user),
            "book_form": BookForm(),
            "terms_form": terms_form,
            "contributions": settings.APPOINTMENT_CONTRIBUTIONS,
            "usual_price": settings.APPOINTMENT_USUAL_PRICE_EUR,
        },
        status=status,
    )


# --- Sessions ----------------------------------------------------------------------------------


@member_required
def mine(request):
    """ "Mes entretiens": the sessions where the person is the member or the helper, and the box
    of their private calendar feed (R-K9, feed_views)."""
    upcoming, past = selectors.sessions_of(request.user)
    feed = feed_links(selectors.calendar_feed_of(request.user))
    return render(
        request, "appointments/mine.html", {"upcoming": upcoming, "past": past, "feed": feed}
    )


@member_required
def cancel(request, public_id):
    session = selectors.session_for(request.user, public_id)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.cancel_session(
                session=session, by=request.user, reason=form.cleaned_data["reason"]
            )
        except AppointmentError as error:
            _refused(request, error)
        else:
            if session.status == SessionStatus.CANCELLED_LATE:
                messages.warning(
                    request,
                    _(
                        "L’entretien est annulé. Comme il commençait dans moins de %(hours)s "
                        "heures, il reste dû à l’aidant·e et compte parmi vos entretiens."
                    )
                    % {"hours": settings.APPOINTMENT_LATE_CANCEL_HOURS},
                )
            else:
                messages.success(request, _("L’entretien est annulé."))
        return redirect("appointments:mine")
    return render(
        request,
        "appointments/cancel.html",
        {"session": session, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _helper_note(request, public_id, action, done_message):
    session = selectors.session_for(request.user, public_id)
    try:
        action(session=session, by=request.user)
    except AppointmentError as error:
        _refused(request, error)
    else:
        messages.success(request, done_message)
    return redirect("appointments:mine")


@helper_required
@require_POST
def no_show(request, public_id):
    return _helper_note(request, public_id, services.mark_no_show, _("L’absence est notée."))


@helper_required
@require_POST
def done(request, public_id):
    return _helper_note(request, public_id, services.mark_done, _("L’entretien est noté tenu."))


@member_required
@require_POST
def remote_details(request, public_id):
    """R-K9: the helper (or a coordinator) gives the call or video details of a session."""
    session = selectors.session_for(request.user, public_id)
    try:
        services.set_remote_details(
            session=session, by=request.user, details=request.POST.get("remote_details", "")
        )
    except AppointmentError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Les détails sont enregistrés ; le membre est prévenu."))
    return redirect("appointments:mine")


@helper_required
@require_POST
def propose(request, public_id):
    """R-A10: after a session held, the helper proposes another session or another helper."""
    session = selectors.session_for(request.user, public_id)
    try:
        services.propose_next_step(session=session, by=request.user, step=request.POST.get("step"))
    except AppointmentError as error:
        _refused(request, error)
    else:
        messages.success(request, _("C’est transmis."))
    return redirect("appointments:mine")


@member_required
def feedback(request, public_id):
    """After a session held: the helper's questionnaire (R-A7) or the member's word (R-K13)."""
    session = selectors.session_for(request.user, public_id)
    if session.role not in (permissions.MEMBER, permissions.HELPER):
        raise Http404
    form_class = HelperFeedbackForm if session.role == permissions.HELPER else MemberFeedbackForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.give_feedback(session=session, by=request.user, data=form.cleaned_data)
        except AppointmentError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Merci, votre retour est enregistré."))
        return redirect("appointments:mine")
    return render(
        request,
        "appointments/feedback.html",
        {"session": session, "form": form},
        status=400 if request.method == "POST" else 200,
    )


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
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "urgent":
            urgent_form = UrgentForm(request.POST, prefix="urgent")
            if _acted(
                request,
                urgent_form,
                lambda data: services.book_session(
                    request=obj, by=request.user, outside_slots=True, **data
                ),
                _("L’entretien urgent est fixé."),
            ):
                return redirect("appointments:coord_request", public_id=obj.public_id)
            status = 400
        elif request.POST.get("action") == "extend":
            extension_form = ExtensionForm(request.POST, prefix="extension")
            if _acted(
                request,
                extension_form,
                lambda data: services.grant_extra_sessions(request=obj, by=request.user, **data),
                _("Les entretiens supplémentaires sont accordés."),
            ):
                return redirect("appointments:coord_request", public_id=obj.public_id)
            status = 400
        else:
            _book_from(request, obj)
            return redirect("appointments:coord_request", public_id=obj.public_id)
    return render(
        request,
        "appointments/coord_request.html",
        {
            "booking": selectors.booking_page(obj, request.user),
            "book_form": BookForm(),
            "extension_form": extension_form,
            "urgent_form": urgent_form,
            "extensions": selectors.extensions_of(obj),
            "feedbacks": selectors.feedbacks_of(obj),
        },
        status=status,
    )
