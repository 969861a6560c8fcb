"""The member's pages of help requests: asking (R-C1, R-P2), following one's requests and their
history, withdrawing (R-C4) and the satisfaction questionnaire (R-P7). The buttons of the request
page (consent, offers, supervision) post to views/member_actions.py.

Views stay thin: forms check what was typed, helprequests.services changes state and refuses what
is not allowed with a RequestError, which is shown on the page with everything typed kept.
Reads go through helprequests.selectors, narrowed to the member; what the request page shows and
offers is its RequestView (helprequests.presenters), which the templates only render.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from members import selectors as member_selectors
from members.permissions import member_required
from portal.refusals import act

from .. import selectors, services
from ..forms.member import HelpRequestForm, QuestionnaireForm, WithdrawForm, description_limit
from ..forms.thread import MessageForm
from ..models import SatisfactionAnswer
from ..presenters import allows, request_view
from .action_forms import refreshed, versioned

# --- Asking ----------------------------------------------------------------------------------


def request_form(*, data=None, profile=None, form_class=HelpRequestForm):
    """The request form, prefilled from `profile` (the member's or the one a coordinator picked);
    `form_class` is RecordHelpRequestForm when a coordinator types it for someone."""
    organisation = profile.organisation if profile is not None else None
    return form_class(
        data,
        initial=None if data is not None else HelpRequestForm.initial_from_profile(profile),
        organisations=member_selectors.organisations_to_pick(organisation),
        description_max_length=description_limit(),
    )


@member_required
def ask(request):
    """R-C1, R-P2: "Demander de l’aide"."""
    profile = member_selectors.own_profile(request.user)

    def page(status, error):
        context = {"form": form, "acknowledgement_hours": selectors.acknowledgement_hours()}
        return render(request, "helprequests/member/ask.html", context, status=status)

    if request.method != "POST":
        form = request_form(profile=profile)
        return page(200, None)
    form = request_form(data=request.POST, profile=profile)
    return act(
        request,
        form,
        lambda data: services.submit_request(by=request.user, data=form.request_data()),
        success=lambda created: (
            _("Votre demande est envoyée. Sa référence : %(reference)s.")
            % {"reference": created.reference}
        ),
        done=lambda created: redirect("helprequests:detail", public_id=created.public_id),
        page=page,
    )


# --- My requests -----------------------------------------------------------------------------


@member_required
def mine(request):
    rows = list(selectors.requests_of(request.user).select_related("theme"))
    for row in rows:
        row.questionnaire_due = allows(request.user, row, "answer_questionnaire")
    return render(request, "helprequests/member/mine.html", {"rows": rows})


def _answered(share):
    return share.member_agreed_at is not None or share.member_refused_at is not None


def member_page(request, obj, *, error="", status=200):
    """The request page, rendering its RequestView; `error` says why an action was refused
    (nothing was changed)."""
    shares = selectors.supervision_shares_of(obj)
    view = request_view(request.user, obj)
    context = {
        "view": view,
        "obj": obj,
        "offers": view.offer_rows(selectors.offers_of(obj)),
        "pending_supervisions": [share for share in shares if not _answered(share)],
        "answered_supervisions": [share for share in shares if _answered(share)],
        "satisfaction": SatisfactionAnswer.objects.filter(request=obj).first(),
        "message_form": MessageForm(),
        "action_error": error,
    }
    return render(request, "helprequests/member/detail.html", context, status=status)


@member_required
def detail(request, public_id):
    obj = selectors.request_for_member(request.user, public_id)
    return member_page(request, obj)


@member_required
def withdraw(request, public_id):
    """R-C4: a confirmation page, then the withdrawal."""
    obj = selectors.request_for_member(request.user, public_id)

    def page(status, error):
        if error is not None:
            refreshed(form, obj)
        context = {"obj": obj, "view": request_view(request.user, obj), "form": form}
        return render(request, "helprequests/member/withdraw.html", context, status=status)

    if request.method != "POST":
        form = versioned(WithdrawForm, obj)
        return page(200, None)
    form = WithdrawForm(request.POST)
    return act(
        request,
        form,
        lambda data: services.withdraw_request(
            request=obj, by=request.user, version=data["version"], note=data["note"]
        ),
        success=_(
            "Votre demande est retirée : plus personne n’y travaille. Merci de nous "
            "avoir prévenu·e·s."
        ),
        done=lambda _result: redirect("helprequests:detail", public_id=obj.public_id),
        page=page,
    )


@member_required
def questionnaire(request, public_id):
    """R-P7, R-K13: the satisfaction questionnaire; answering it closes the request."""
    obj = selectors.request_for_member(request.user, public_id)
    answered = SatisfactionAnswer.objects.filter(request=obj).exists()
    if answered or "answer_questionnaire" not in request_view(request.user, obj).may:
        if answered:
            messages.info(request, _("Vous avez déjà répondu au questionnaire. Merci !"))
        else:
            messages.info(request, _("Le questionnaire s’ouvre quand la demande est résolue."))
        return redirect("helprequests:detail", public_id=obj.public_id)

    def page(status, error):
        context = {"obj": obj, "form": form}
        return render(request, "helprequests/member/questionnaire.html", context, status=status)

    if request.method != "POST":
        form = versioned(QuestionnaireForm, obj)
        return page(200, None)
    form = QuestionnaireForm(request.POST)
    return act(
        request,
        form,
        lambda data: services.answer_questionnaire(
            request=obj,
            by=request.user,
            overall=data["overall"],
            timely=data["timely"],
            would_recommend=data["would_recommend"],
            comment=data["comment"],
            version=data["version"],
        ),
        success=_("Merci pour vos réponses. Votre demande est maintenant close."),
        done=lambda _result: redirect("helprequests:detail", public_id=obj.public_id),
        page=page,
    )
