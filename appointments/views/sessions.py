""" "Mes entretiens" and what is done to one session: cancel, no-show, held, call details, next
step, feedback (R-A3, R-A7, R-A10, R-K9, R-K13)."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from members.permissions import helper_required, member_required
from portal.refusals import act

from .. import permissions, selectors, services
from ..feed_views import feed_links
from ..forms import (
    ButtonForm,
    CancelForm,
    HelperFeedbackForm,
    MemberFeedbackForm,
    NextStepForm,
    RemoteDetailsForm,
)
from ..models import SessionStatus
from .common import _problem, post_else

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
            "late": permissions.cancelling_now_is_late(session.starts_at, now),
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
