"""Helpers' pages: their own profile, the organisations they work for (R-A1, R-K6, R-K9), and the
coordinators' page that verifies helpers' qualifications."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.refusals import REFUSED, act, refusal_text

from .. import privacy, selectors
from ..forms.helpers import HelperProfileForm
from ..models import User
from ..permissions import coordinator_required, helper_required
from ..privacy import IDENTIFY
from ..services import helpers as services


@helper_required
@require_http_methods(["GET", "POST"])
def helper_profile(request):
    """A helper states qualifications, certifications, themes, languages and work mode.
    Who: helpers (group Aidants)."""
    profile = selectors.helper_profile_of(request.user)
    verifier = profile.qualifications_verified_by if profile else None
    # Named as privacy lets this helper know them, else the page says "la coordination".
    verifier_name = privacy.person_for(request.user, verifier).known_name if verifier else ""

    def page(status, error):
        context = {"form": form, "profile": profile, "verifier_name": verifier_name}
        return render(request, "members/helpers/helper_profile.html", context, status=status)

    if request.method != "POST":
        form = HelperProfileForm(initial=HelperProfileForm.initial_from(profile))
        return page(200, None)
    form = HelperProfileForm(request.POST)
    return act(
        request,
        form,
        lambda data: services.save_helper_profile(user=request.user, **data),
        success=_("Votre profil d’aidant·e est enregistré."),
        done="members:helper_profile",
        page=page,
    )


def _helpers_page(request, *, error=None, error_for=None, status=200):
    helpers = list(selectors.helpers_for_coordination())
    for helper in helpers:
        # The coordination knows whom it verifies: named as privacy names people to its tools.
        profile = getattr(helper, "helper_profile", None)
        verifier = profile.qualifications_verified_by if profile else None
        helper.shown_name = privacy.person_for(request.user, helper, context=IDENTIFY).known_name
        helper.verifier_name = (
            privacy.person_for(request.user, verifier, context=IDENTIFY).known_name
            if verifier
            else ""
        )
    return render(
        request,
        "members/helpers/helpers_admin.html",
        {"helpers": helpers, "error": error, "error_for": error_for},
        status=status,
    )


@coordinator_required
@require_http_methods(["GET"])
def helpers_admin(request):
    """Helpers with their qualifications and whether they are verified. Who: coordinators."""
    return _helpers_page(request)


@coordinator_required
@require_POST
def verify_helper(request, public_id):
    """Mark a helper's qualifications as verified (R-K6). Who: coordinators."""
    helper = get_object_or_404(User, public_id=public_id)
    try:
        services.verify_helper_qualifications(helper=helper, by=request.user)
    except ValidationError as error:
        return _helpers_page(
            request, error=refusal_text(error), error_for=helper.public_id, status=REFUSED
        )
    messages.success(request, _("Les qualifications sont marquées comme vérifiées."))
    return redirect("members:helpers_admin")


@helper_required
@require_http_methods(["GET"])
def organisations(request):
    """The organisations the network works for, as helpers may know them (R-A1). Who: helpers."""
    items = [
        (organisation, selectors.organisation_label(organisation, request.user))
        for organisation in selectors.organisations_for_helpers()
    ]
    return render(request, "members/helpers/organisations.html", {"organisations": items})


@helper_required
@require_http_methods(["GET"])
def organisation(request, public_id):
    """One organisation's context, themes, session limit, confidentiality and alert procedure
    (R-A1, R-A12). Who: helpers."""
    item = get_object_or_404(selectors.organisations_for_helpers(), public_id=public_id)
    return render(
        request,
        "members/helpers/organisation.html",
        {
            "organisation": item,
            "label": selectors.organisation_label(item, request.user),
            "alert_procedure": selectors.alert_procedure_of(item),
        },
    )
