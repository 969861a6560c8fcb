"""The buttons of the member's request page (helprequests/member/detail.html): consenting to share
contact details with a helper (R-C10), asking for quotes and answering them (R-C5), answering a
supervision request (R-K8).

Each is one service call; a refusal or a form problem shows the request page again, as it is
now, with the reason above it (member.member_page).
"""

from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.permissions import member_required
from portal.refusals import act, refusal_text

from .. import selectors, services
from ..forms.member import ConsentForm, OfferAnswerForm, OffersForm, SupervisionAnswerForm
from .member import member_page


def _act(request, obj, form, action, success):
    """Run `action(cleaned_data)` for a valid form; show a refusal on the request page."""

    def page(status, error):
        if error is None:
            return member_page(request, obj, error=_form_problem(form), status=status)
        obj.refresh_from_db()
        return member_page(request, obj, error=refusal_text(error), status=status)

    return act(
        request,
        form,
        action,
        success=success,
        done=lambda _result: redirect("helprequests:detail", public_id=obj.public_id),
        page=page,
    )


def _form_problem(form):
    if "version" in form.errors or form.non_field_errors():
        return _("Ce formulaire est incomplet ou a été modifié : rechargez la page et recommencez.")
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def _routing_of(obj, routing_id):
    routing = obj.routings.filter(pk=routing_id).first()
    if routing is None:
        raise Http404
    return routing


@member_required
@require_POST
def consent(request, public_id):
    """R-C10: give or withdraw the member's consent to share contact details with one helper."""
    obj = selectors.request_for_member(request.user, public_id)
    form = ConsentForm(request.POST)

    def action(data):
        routing = _routing_of(obj, data["routing"])
        if data["give"]:
            return services.give_member_consent(
                routing=routing, by=request.user, version=data["version"]
            )
        return services.withdraw_member_consent(
            routing=routing, by=request.user, version=data["version"]
        )

    def success(routing):
        if request.POST.get("give") != "1":
            return _("Votre accord est retiré : vos coordonnées ne seront plus transmises.")
        if routing.helper_consent_at:
            return _(
                "Votre accord est enregistré. L’aidant·e avait déjà donné le sien : vos "
                "coordonnées sont échangées, les siennes figurent sur cette page."
            )
        return _(
            "Votre accord est enregistré. Vos coordonnées passeront dès que l’aidant·e aura aussi "
            "donné le sien."
        )

    return _act(request, obj, form, action, success)


@member_required
@require_POST
def offers(request, public_id):
    """R-C5: ask for quotes."""
    obj = selectors.request_for_member(request.user, public_id)
    form = OffersForm(request.POST)

    def action(data):
        services.ask_for_offers(request=obj, by=request.user, version=data["version"])

    return _act(
        request,
        obj,
        form,
        action,
        _("Votre souhait de recevoir des devis est transmis à l’aidant·e et à la coordination."),
    )


@member_required
@require_POST
def answer_offer(request, public_id, offer_id):
    """R-C5: accept or decline one quote."""
    obj = selectors.request_for_member(request.user, public_id)
    offer = obj.offers.filter(pk=offer_id).first()
    if offer is None:
        raise Http404
    form = OfferAnswerForm(request.POST)

    def action(data):
        services.answer_offer(
            offer=offer, by=request.user, accept=data["accept"], version=data["version"]
        )

    success = (
        _("Vous avez accepté ce devis.")
        if request.POST.get("accept") == "1"
        else _("Vous avez refusé ce devis.")
    )
    return _act(request, obj, form, action, success)


@member_required
@require_POST
def supervision_answer(request, public_id, share_id):
    """R-K8: agree or not to an anonymised summary shared with a supervisor."""
    obj = selectors.request_for_member(request.user, public_id)
    share = obj.supervisions.filter(pk=share_id).first()
    if share is None:
        raise Http404
    form = SupervisionAnswerForm(request.POST)

    def action(data):
        services.answer_supervision(
            share=share, by=request.user, agree=data["agree"], version=data["version"]
        )

    success = (
        _("Merci : votre accord est enregistré.")
        if request.POST.get("agree") == "1"
        else _("C’est noté : rien ne sera partagé en supervision.")
    )
    return _act(request, obj, form, action, success)
