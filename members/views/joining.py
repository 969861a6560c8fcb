"""Joining (R-C6), acceptance of the terms (R-C15, R-K1) and the coordinators' approval queue.

Views stay thin: forms validate, members.services.joining changes state, privacy.visible_fields
decides what a coordinator is shown of an applicant.
"""

from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from home.models import CharterKind, CharterPage
from portal.next_page import safe_next
from portal.refusals import act

from .. import privacy
from ..forms.joining import AcceptanceFilterForm, DecisionForm, QuestionnaireForm, TermsForm
from ..gate import next_step_url
from ..models import MembershipStatus, Organisation, Profile, TermsAcceptance
from ..permissions import account_required, coordinator_required
from ..services import joining, profiles

APPLICATIONS_PER_PAGE = 25
ACCEPTANCES_PER_PAGE = 50


# --- The newcomer's steps ----------------------------------------------------------------


@account_required
def questionnaire(request):
    profile = joining.ensure_profile(request.user)
    if profile.status not in joining.QUESTIONNAIRE_STEPS:
        return redirect(next_step_url(request.user) or reverse("members:pending"))
    organisations = Organisation.objects.filter(is_active=True)

    def page(status, error):
        context = {"form": form, "sections": form.sections(), "email": request.user.email}
        return render(request, "members/joining/questionnaire.html", context, status=status)

    if request.method != "POST":
        form = QuestionnaireForm(
            initial=QuestionnaireForm.initial_for(request.user, profile),
            organisations=organisations,
        )
        return page(200, None)
    form = QuestionnaireForm(request.POST, organisations=organisations)
    return act(
        request,
        form,
        lambda data: joining.submit_questionnaire(user=request.user, **form.profile_values()),
        success=None,
        done="members:accept_terms",
        page=page,
    )


@account_required
def accept_terms(request):
    user = request.user
    profile = joining.ensure_profile(user)
    if profile.status == MembershipStatus.QUESTIONNAIRE:
        return redirect("members:questionnaire")
    if profile.status in (MembershipStatus.PENDING, MembershipStatus.REJECTED):
        return redirect("members:pending")
    joining_now = profile.status == MembershipStatus.TERMS
    if joining_now:
        charter = joining.current_charters().get(CharterKind.MEMBERSHIP_TERMS)
    else:
        charter = joining.charter_due(user)
    next_url = safe_next(request)
    previous = None
    if charter is not None and not joining_now:
        previous = joining.previous_acceptance(user, charter.kind)

    def page(status, error):
        if form.is_bound and form.data.get("charter") != str(charter.pk):
            # The version changed meanwhile: show the one in force, to be read and ticked anew.
            form.data["charter"] = str(charter.pk)
            form.data.pop("accept", None)
        context = {
            "form": form,
            "charter": charter,
            "joining": joining_now,
            "previous": previous,
            "next": next_url,
        }
        return render(request, "members/joining/terms.html", context, status=status)

    ethics = joining.asks_ethics_commitment(charter)
    if request.method != "POST" or charter is None:
        form = TermsForm(initial={"charter": charter.pk if charter else None}, ethics=ethics)
        return page(200, None)
    form = TermsForm(request.POST.copy(), ethics=ethics)
    if joining_now:
        success, done = None, "members:pending"
    else:
        success, done = _("Merci : votre acceptation est enregistrée."), next_url or "/"
    return act(
        request,
        form,
        lambda data: joining.accept_terms(
            user=user,
            charter=CharterPage.objects.filter(pk=data["charter"]).first(),
            ethics_commitment=data.get("ethics", False),
        ),
        success=success,
        done=done,
        page=page,
    )


@account_required
def pending(request):
    profile = joining.ensure_profile(request.user)
    if profile.status in joining.QUESTIONNAIRE_STEPS:
        return redirect(next_step_url(request.user))
    return render(request, "members/joining/pending.html", {"profile": profile})


# --- Coordinators ------------------------------------------------------------------------


def _with_roles_loaded(user):
    """Load the viewer's groups once: privacy asks for them for every profile shown."""
    prefetch_related_objects([user], "groups")
    return user


def _application_row(viewer, profile):
    shown = {item.key: item.value for item in privacy.visible_fields(viewer, profile)}
    return {
        "profile": profile,
        "public_id": profile.user.public_id,
        "name": privacy.person_for(viewer, profile, context=privacy.IDENTIFY).name,
        "organisation": shown.get("organisation", ""),
        "job_title": shown.get("job_title", ""),
    }


@coordinator_required
def approval_queue(request):
    viewer = _with_roles_loaded(request.user)
    page = Paginator(
        privacy.profiles_prefetched(joining.pending_applications()), APPLICATIONS_PER_PAGE
    ).get_page(request.GET.get("page"))
    rows = [_application_row(viewer, profile) for profile in page.object_list]
    return render(request, "members/joining/approval_queue.html", {"page_obj": page, "rows": rows})


@coordinator_required
def decide_application(request, public_id):
    viewer = _with_roles_loaded(request.user)
    profile = privacy.profiles_prefetched(Profile.objects.filter(user__public_id=public_id)).first()
    if profile is None:
        raise Http404

    def page(status, error):
        context = {
            "form": form,
            "profile": profile,
            "row": _application_row(viewer, profile),
            "fields": [
                (item.label, ", ".join(item.value) if isinstance(item.value, list) else item.value)
                for item in privacy.visible_fields(viewer, profile)
            ],
            "is_pending": profile.status == MembershipStatus.PENDING,
        }
        return render(request, "members/joining/decide.html", context, status=status)

    if request.method != "POST":
        form = DecisionForm()
        profiles.record_profile_access(coordinator=viewer, subject=profile.user)
        return page(200, None)
    form = DecisionForm(request.POST)

    def decide(data):
        if data["decision"] == DecisionForm.APPROVE:
            joining.approve_application(public_id=public_id, by=viewer)
            return _("L’adhésion est acceptée ; la personne est prévenue.")
        joining.reject_application(public_id=public_id, by=viewer, reason=data["reason"])
        return _("L’adhésion est refusée ; la personne est prévenue.")

    def refused(status, error):
        profile.refresh_from_db(fields=["status"])
        return page(status, error)

    return act(
        request,
        form,
        decide,
        success=lambda announced: announced,
        done="members:approval_queue",
        page=refused,
    )


@coordinator_required
def acceptances(request):
    """R-C15: who accepted which version of which text, and when."""
    viewer = _with_roles_loaded(request.user)
    queryset = TermsAcceptance.objects.all()
    kind = request.GET.get("kind", "")
    if kind in CharterKind.values:
        queryset = queryset.filter(kind=kind)
    versions = sorted(set(queryset.values_list("version_label", flat=True)))
    form = AcceptanceFilterForm(request.GET or None, versions=versions)
    version = ""
    if form.is_bound and form.is_valid():
        version = form.cleaned_data["version"]
    if version:
        queryset = queryset.filter(version_label=version)
    queryset = queryset.select_related("user", "user__profile").order_by("-accepted_at", "-pk")
    page = Paginator(queryset, ACCEPTANCES_PER_PAGE).get_page(request.GET.get("page"))
    rows = []
    for acceptance in page.object_list:
        rows.append(
            {
                "acceptance": acceptance,
                "name": privacy.person_for(viewer, acceptance.user, context=privacy.IDENTIFY).name,
                "kind": CharterKind(acceptance.kind).label
                if acceptance.kind in CharterKind.values
                else acceptance.kind,
            }
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "members/joining/acceptances.html",
        {"form": form, "page_obj": page, "rows": rows, "query": query.urlencode()},
    )
