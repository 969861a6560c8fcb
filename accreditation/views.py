"""Accreditation pages (issue #19): the helper's own page, the member's complaint, and the
coordination's overview, helper and complaint pages.

Every change goes through accreditation.services by way of portal.refusals.act (a refusal shown
on the form, 409, nothing changed); reads start from accreditation.selectors. Complaints are read
by coordinators only; the helper reads their outcome, and who filed one only when allowed.
"""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from appointments import selectors as appointment_selectors
from helprequests import selectors as request_selectors
from members import privacy
from members.permissions import coordinator_required, helper_required, member_required
from portal.refusals import act

from . import permissions, selectors, services
from .forms import (
    ComplaintForm,
    DecisionForm,
    InsuranceForm,
    OutcomeForm,
    PauseForm,
    ResumeForm,
    SupervisionForm,
    TrainingForm,
)
from .models import Change

# --- The helper's page ----------------------------------------------------------------------

HELPER_FORMS = {
    "pause": PauseForm,
    "resume": ResumeForm,
    "insurance": InsuranceForm,
    "training": TrainingForm,
    "supervision": SupervisionForm,
}


def _helper_action(name, helper, data):
    if name == "pause":
        return services.pause(
            helper=helper, by=helper, pause_reason=data["pause_reason"], return_on=data["return_on"]
        )
    if name == "resume":
        return services.resume(helper=helper, by=helper)
    if name == "insurance":
        return services.save_insurance(helper=helper, by=helper, **data)
    if name == "training":
        return services.add_training(helper=helper, by=helper, **data)
    return services.save_supervision(helper=helper, by=helper, **data)


SUCCESS = {
    "pause": gettext_lazy(
        "Votre activité est en pause : la coordination ne vous propose plus de demandes."
    ),
    "resume": gettext_lazy(
        "Bon retour parmi nous : des demandes peuvent de nouveau vous être proposées."
    ),
    "insurance": gettext_lazy("Votre assurance est enregistrée."),
    "training": gettext_lazy("La formation est enregistrée."),
    "supervision": gettext_lazy("Votre supervision est enregistrée."),
}


@helper_required
def mine(request):
    """The helper's accreditation: where they stand and why, their pause, their obligations,
    and the complaints about them with their outcome (R-K14..R-K17)."""
    helper = request.user
    row = selectors.accreditation_of(helper)
    action = request.POST.get("action") if request.method == "POST" else None
    if action is not None and action not in HELPER_FORMS:
        raise Http404
    initial = {
        "insurance": {
            "insurer": row.insurer,
            "policy_number": row.policy_number,
            "expires_on": row.insurance_expires_on,
        },
        "supervision": {"kind": row.supervision_kind, "name": row.supervision},
    }
    forms = {
        name: form_class(
            request.POST if action == name else None, initial=initial.get(name), prefix=name
        )
        for name, form_class in HELPER_FORMS.items()
    }

    def page(status=200, error=None):
        complaints = [
            (complaint, selectors.complainant_for_helper(complaint, helper))
            for complaint in selectors.complaints_about(helper)
        ]
        context = {
            "accreditation": row,
            "forms": forms,
            "may_pause": permissions.may_pause(row),
            "may_resume": permissions.may_resume(row),
            "complaints": complaints,
            "training": selectors.training_of(helper),
            "changes": selectors.changes_of(helper).exclude(kind=Change.Kind.COMPLAINT),
        }
        return render(request, "accreditation/mine.html", context, status=status)

    if action is not None:
        return act(
            request,
            forms[action],
            lambda data: _helper_action(action, helper, data),
            success=SUCCESS[action],
            done=reverse("accreditation:mine"),
            page=page,
        )
    return page()


# --- A member's complaint ----------------------------------------------------------------------


def _complaint_page(request, *, about_request=None, about_session=None):
    member = request.user
    helpers = selectors.helpers_member_had(member, request=about_request, session=about_session)
    if not helpers.exists():
        raise Http404
    form = ComplaintForm(
        request.POST or None,
        helpers=helpers,
        helper_label=lambda user: privacy.person_for(member, user).name,
    )

    def page(status=200, error=None):
        return render(
            request,
            "accreditation/complain.html",
            {"form": form, "about_request": about_request, "about_session": about_session},
            status=status,
        )

    if request.method == "POST":
        return act(
            request,
            form,
            lambda data: services.file_complaint(
                by=member,
                helper=data["helper"],
                charter_article=data["charter_article"],
                account=data["account"],
                anonymous=data["anonymous"],
                request=about_request,
                session=about_session,
            ),
            success=_("Votre plainte a été transmise à la coordination."),
            done=reverse("accreditation:my_complaints"),
            page=page,
        )
    return page()


@member_required
def complain_about_request(request, public_id):
    """A complaint about the helper who took one of the member's requests (R-K1)."""
    help_request = request_selectors.request_for_member(request.user, public_id)
    return _complaint_page(request, about_request=help_request)


@member_required
def complain_about_session(request, public_id):
    """A complaint about a helper of one of the member's sessions (R-K1)."""
    session = appointment_selectors.session_for(request.user, public_id)
    if not permissions.may_complain_about_session(session, request.user):
        raise Http404
    return _complaint_page(request, about_session=session)


@member_required
def my_complaints(request):
    """The complaints the member made, with their state (not their outcome's explanation, which
    is written for the helper)."""
    complaints = [
        (complaint, privacy.person_for(request.user, complaint.helper))
        for complaint in selectors.complaints_filed_by(request.user)
    ]
    return render(request, "accreditation/my_complaints.html", {"complaints": complaints})


# --- The coordination --------------------------------------------------------------------------


@coordinator_required
def coordination(request):
    """Every helper's status and what they are missing (insurance, training in the last twelve
    months, supervision), and the complaints, open ones first."""
    viewer = request.user
    rows = selectors.obligations_overview()
    for row in rows:
        row["person"] = privacy.person_for(viewer, row["helper"], context=privacy.LISTING)
    complaints = [
        (complaint, privacy.person_for(viewer, complaint.helper, context=privacy.LISTING))
        for complaint in selectors.complaints_for_coordination()
    ]
    return render(
        request,
        "accreditation/coordination.html",
        {"rows": rows, "complaints": complaints},
    )


DECISIONS = {
    "suspend": services.suspend,
    "withdraw": services.withdraw,
    "reinstate": services.reinstate,
}


@coordinator_required
def helper_detail(request, public_id):
    """One helper's accreditation for the coordination: decide, and read the log, complaints
    and training."""
    helper = selectors.helper_for_coordination(public_id)
    row = selectors.accreditation_of(helper)
    allowed = permissions.decisions_open_to(request.user, row, helper=helper)
    form = DecisionForm(request.POST or None)
    form.fields["decision"].choices = [c for c in DecisionForm.ACTIONS if c[0] in allowed]

    def page(status=200, error=None):
        context = {
            "helper": helper,
            "person": privacy.person_for(request.user, helper),
            "accreditation": row,
            "may_decide": bool(allowed),
            "form": form,
            "changes": [
                (change, privacy.person_for(request.user, change.by) if change.by_id else None)
                for change in selectors.changes_of(helper)
            ],
            "complaints": selectors.complaints_about(helper),
            "training": selectors.training_of(helper),
        }
        return render(request, "accreditation/helper.html", context, status=status)

    if request.method == "POST":
        return act(
            request,
            form,
            lambda data: DECISIONS[data["decision"]](
                helper=helper, by=request.user, reason=data["reason"]
            ),
            success=_("La décision est enregistrée ; l’aidant·e en est informé·e."),
            done=reverse("accreditation:helper", args=[helper.public_id]),
            page=page,
        )
    return page()


@coordinator_required
def complaint_detail(request, public_id):
    """One complaint, all of it, and its outcome to record (R-K14)."""
    complaint = selectors.complaint_for_coordination(public_id)
    form = OutcomeForm(request.POST or None)

    def page(status=200, error=None):
        context = {
            "complaint": complaint,
            "helper_person": privacy.person_for(request.user, complaint.helper),
            "member_person": privacy.person_for(request.user, complaint.filed_by),
            "may_record_outcome": permissions.outcome_open_to(request.user, complaint),
            "form": form,
        }
        return render(request, "accreditation/complaint.html", context, status=status)

    if request.method == "POST":
        return act(
            request,
            form,
            lambda data: services.record_outcome(
                complaint=complaint, by=request.user, outcome=data["outcome"], note=data["note"]
            ),
            success=_("La suite donnée est enregistrée ; l’aidant·e en est informé·e."),
            done=reverse("accreditation:complaint", args=[complaint.public_id]),
            page=page,
        )
    return page()
