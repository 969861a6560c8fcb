"""Availability, booking and sessions pages (R-A3, R-A5, R-K2).

Every action goes through appointments.services and portal.refusals.act, the one road from a
service's refusal to a response: 400 when the form itself was not valid, 409 when the service
refused, the page shown again as it is now with what was typed kept and the refusal on it
(beside the form, or above the page for a bare button), and nothing changed. Reads start from
appointments.selectors, narrowed to the viewer.
"""

import datetime
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from members.permissions import coordinator_required, helper_required, member_required
from portal.refusals import act, refusal_text

from . import permissions, selectors, services
from .feed_views import feed_links
from .forms import (
    AbsenceForm,
    BookForm,
    ButtonForm,
    CancelForm,
    ExtensionForm,
    HelperFeedbackForm,
    MemberFeedbackForm,
    NextStepForm,
    OfferForm,
    RemoteDetailsForm,
    SingleSlotForm,
    TermsForm,
    UrgentForm,
    WeeklySlotForm,
)
from .models import SessionStatus


def _problem(form, error):
    """What went wrong, in words for the top of a page whose form shows no field of its own (a
    bare button, a hidden slot value): the service's refusal, else the form's own errors."""
    if error is not None:
        return refusal_text(error)
    return " ".join(str(message) for errors in form.errors.values() for message in errors)


def post_else(target):
    """A POST-only action whose URL the browser shows after a refused form: reloading it (GET)
    leads back to `target` instead of a "method not allowed" page."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in ("GET", "HEAD"):
                return redirect(target)
            if request.method != "POST":
                return HttpResponseNotAllowed(["POST"])
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


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
    moments = [moment for _day, day_moments in booking.days for moment in day_moments]
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


# --- Sessions ----------------------------------------------------------------------------------


def _mine_page(request, *, refusal=None, typed=None, status=200):
    """ "Mes entretiens" as it is now; `refusal` said above the list, `typed` the call details
    that were sent for one session ({public_id: text}), kept in its field."""
    upcoming, past = selectors.sessions_of(request.user)
    if typed:
        for session in upcoming:  # call details are given before the session only
            session.typed_remote_details = typed.get(session.public_id)
    return render(
        request,
        "appointments/mine.html",
        {
            "upcoming": upcoming,
            "past": past,
            "refusal": refusal,
            "feed": feed_links(selectors.calendar_feed_of(request.user)),
        },
        status=status,
    )


@member_required
def mine(request):
    """ "Mes entretiens": the sessions where the person is the member or the helper, and the box
    of their private calendar feed (R-K9, feed_views)."""
    return _mine_page(request)


def _late_warning(request):
    messages.warning(
        request,
        _(
            "L’entretien est annulé. Comme il commençait dans moins de %(hours)s "
            "heures, il reste dû à l’aidant·e et compte parmi vos entretiens."
        )
        % {"hours": settings.APPOINTMENT_LATE_CANCEL_HOURS},
    )


@member_required
def cancel(request, public_id):
    session = selectors.session_for(request.user, public_id)

    def page(status, error=None):
        now = timezone.now()
        context = {
            "session": session,
            "form": form,
            "may_cancel": permissions.may_cancel(session.role, session, now),
            "late": permissions.cancelling_now_is_late(session, now),
        }
        return render(request, "appointments/cancel.html", context, status=status)

    if request.method != "POST":
        form = CancelForm()
        return page(200)
    form = CancelForm(request.POST)

    def done(cancelled):
        if cancelled.status == SessionStatus.CANCELLED_LATE:
            _late_warning(request)
        return "appointments:mine"

    return act(
        request,
        form,
        lambda data: services.cancel_session(
            session=session, by=request.user, reason=data["reason"]
        ),
        success=lambda cancelled: (
            "" if cancelled.status == SessionStatus.CANCELLED_LATE else _("L’entretien est annulé.")
        ),
        done=done,
        page=page,
    )


def _session_action(request, public_id, form, action, success):
    """One button of "Mes entretiens" on one session: done, or the list again with the refusal
    above it and what was typed kept."""
    session = selectors.session_for(request.user, public_id)

    def page(status, error):
        typed = None
        if isinstance(form, RemoteDetailsForm):
            typed = {session.public_id: form.data.get("remote_details", "")}
        return _mine_page(request, refusal=_problem(form, error), typed=typed, status=status)

    return act(
        request,
        form,
        lambda data: action(session, data),
        success=success,
        done="appointments:mine",
        page=page,
    )


@helper_required
@post_else("appointments:mine")
def no_show(request, public_id):
    return _session_action(
        request,
        public_id,
        ButtonForm(request.POST),
        lambda session, data: services.mark_no_show(session=session, by=request.user),
        _("L’absence est notée."),
    )


@helper_required
@post_else("appointments:mine")
def done(request, public_id):
    return _session_action(
        request,
        public_id,
        ButtonForm(request.POST),
        lambda session, data: services.mark_done(session=session, by=request.user),
        _("L’entretien est noté tenu."),
    )


@member_required
@post_else("appointments:mine")
def remote_details(request, public_id):
    """R-K9: the helper (or a coordinator) gives the call or video details of a session."""
    return _session_action(
        request,
        public_id,
        RemoteDetailsForm(request.POST),
        lambda session, data: services.set_remote_details(
            session=session, by=request.user, details=data["remote_details"]
        ),
        _("Les détails sont enregistrés ; le membre est prévenu."),
    )


@helper_required
@post_else("appointments:mine")
def propose(request, public_id):
    """R-A10: after a session held, the helper proposes another session or another helper."""
    return _session_action(
        request,
        public_id,
        NextStepForm(request.POST),
        lambda session, data: services.propose_next_step(
            session=session, by=request.user, step=data["step"]
        ),
        _("C’est transmis."),
    )


@member_required
def feedback(request, public_id):
    """After a session held: the helper's questionnaire (R-A7) or the member's word (R-K13)."""
    session = selectors.session_for(request.user, public_id)
    if session.role not in (permissions.MEMBER, permissions.HELPER):
        raise Http404
    form_class = HelperFeedbackForm if session.role == permissions.HELPER else MemberFeedbackForm

    def page(status, error=None):
        given = selectors.feedback_given(session)
        context = {
            "session": session,
            "form": form,
            "given": given,
            "may_give": permissions.may_give_feedback(session.role, session, given),
        }
        return render(request, "appointments/feedback.html", context, status=status)

    if request.method != "POST":
        form = form_class()
        return page(200)
    form = form_class(request.POST)
    return act(
        request,
        form,
        lambda data: services.give_feedback(session=session, by=request.user, data=data),
        success=_("Merci, votre retour est enregistré."),
        done="appointments:mine",
        page=page,
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
