"""The member's pages of help requests: asking (R-C1, R-P2), following one's requests and their
history, withdrawing (R-C4), consenting to share contact details (R-C10), offers (R-C5), the
satisfaction questionnaire (R-P7) and supervision agreements (R-K8).

Views stay thin: forms check what was typed, helprequests.services changes state and refuses what
is not allowed with a RequestError, which is shown on the page with everything typed kept.
Reads go through helprequests.selectors, narrowed to the member.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from members import selectors as member_selectors
from members.permissions import member_required
from portal.refusals import act, refusal_text, show_refusal

from .. import permissions, selectors, services
from ..errors import RequestError
from ..forms.member import (
    ConsentForm,
    HelpRequestForm,
    OfferAnswerForm,
    OffersForm,
    QuestionnaireForm,
    SupervisionAnswerForm,
    WithdrawForm,
    description_limit,
)
from ..forms.thread import MessageForm
from ..models import OfferStatus, RoutingStatus, SatisfactionAnswer, Status

# --- Shared with the coordination pages ------------------------------------------------------


def thread_context(request_obj, viewer, viewer_role, message_form=None):
    """What the thread partial of helprequests/partials/thread.html reads."""
    return {
        "request_obj": request_obj,
        "messages_list": selectors.thread_of(request_obj, viewer),
        "message_form": message_form or MessageForm(),
        "viewer_role": viewer_role,
    }


def refreshed(form, obj):
    """After a refusal, the form as typed but carrying the version now shown: the page shows the
    request's current state, so sending again is a decision taken on what is true now."""
    obj.refresh_from_db()
    data = form.data.copy()
    data["version"] = str(obj.version)
    form.data = data
    return form


def versioned(form_class, obj, **kwargs):
    """An unbound action form carrying the request's current version."""
    return form_class(initial={"version": obj.version}, **kwargs)


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
    if request.method == "POST":
        form = request_form(data=request.POST, profile=profile)
        if form.is_valid():
            try:
                created = services.submit_request(by=request.user, data=form.request_data())
            except RequestError as error:
                show_refusal(form, error)
            else:
                messages.success(
                    request,
                    _("Votre demande est envoyée. Sa référence : %(reference)s.")
                    % {"reference": created.reference},
                )
                return redirect("helprequests:detail", public_id=created.public_id)
    else:
        form = request_form(profile=profile)
    return render(
        request,
        "helprequests/member/ask.html",
        {"form": form, "acknowledgement_hours": selectors.acknowledgement_hours()},
    )


# --- My requests -----------------------------------------------------------------------------


@member_required
def mine(request):
    rows = list(selectors.requests_of(request.user).select_related("theme"))
    return render(request, "helprequests/member/mine.html", {"rows": rows})


NEXT_STEPS = {
    Status.ACKNOWLEDGED: gettext_lazy(
        "La coordination a pris en compte votre demande et vous dira bientôt si le réseau "
        "peut la prendre, et pour quelle date."
    ),
    Status.ACCEPTED: gettext_lazy(
        "Le réseau prend votre demande : la coordination cherche l’aidant·e qui peut y répondre."
    ),
    Status.ROUTED: gettext_lazy(
        "Votre demande, sans votre nom, a été proposée à un·e ou plusieurs aidant·es. Vous "
        "serez prévenu·e dès que l’un·e d’elles ou d’eux l’aura prise en charge."
    ),
    Status.TAKEN: gettext_lazy(
        "Un·e aidant·e a pris votre demande. Vous pouvez échanger par les messages ci-dessous "
        "et, si vous le souhaitez, lui transmettre vos coordonnées."
    ),
    Status.IN_PROGRESS: gettext_lazy(
        "L’aidant·e travaille sur votre demande. Dites-le-nous si le problème est réglé ou "
        "n’existe plus."
    ),
    Status.RESOLVED: gettext_lazy(
        "Votre demande est résolue. Répondez au court questionnaire : votre réponse clôt la "
        "demande."
    ),
    Status.DECLINED: gettext_lazy(
        "Le réseau ne peut pas prendre cette demande. Le motif et, quand c’est possible, une "
        "autre ressource sont indiqués ci-dessous."
    ),
    Status.WITHDRAWN: gettext_lazy("Vous avez retiré cette demande. Personne n’y travaille plus."),
    Status.REFERRED: gettext_lazy(
        "Votre demande a été transmise au niveau national, qui prendra le relais."
    ),
    Status.CLOSED: gettext_lazy("Cette demande est close. Merci de votre confiance."),
}


# R-P5: an urgent request gets a call outside the weekly slots, not the usual 48 hours.
URGENT_NEXT_STEPS = {
    Status.SUBMITTED: gettext_lazy(
        "Vous avez signalé votre demande comme urgente : la coordination vous rappelle dès que "
        "possible, sans attendre les créneaux habituels. Si quelqu’un est en danger, "
        "n’attendez pas son appel : composez un numéro d’urgence ci-dessous."
    ),
}


def next_step(obj):
    """What happens next, in the member's words, for the request page."""
    if obj.urgent and obj.status in URGENT_NEXT_STEPS:
        return URGENT_NEXT_STEPS[obj.status]
    if obj.status == Status.SUBMITTED:
        hours = selectors.acknowledgement_hours()
        return ngettext(
            "La coordination va lire votre demande et vous répondre dans l’heure.",
            "La coordination va lire votre demande et vous répondre dans les %(hours)s heures "
            "au plus.",
            hours,
        ) % {"hours": hours}
    return NEXT_STEPS.get(obj.status, "")


def _routing_rows(obj, viewer):
    """The helpers involved, with both consents of R-C10 and the contact once shared."""
    return [
        {
            "routing": routing,
            "taken": routing.status == RoutingStatus.ACCEPTED,
            "contact": selectors.helper_contact(routing, viewer),
        }
        for routing in selectors.routings_for_member(obj, viewer)
    ]


def _answered(share):
    return share.member_agreed_at is not None or share.member_refused_at is not None


def _member_page(request, obj, *, error="", status=200):
    """The request page; `error` says why an action was refused (nothing was changed)."""
    viewer = request.user
    satisfaction = SatisfactionAnswer.objects.filter(request=obj).first()
    shares = selectors.supervision_shares_of(obj)
    delays = selectors.delays_of(obj)
    context = {
        "obj": obj,
        "next_step": next_step(obj),
        "history": selectors.history_of(obj, viewer, delays=delays),
        "delays": delays,
        "routings": _routing_rows(obj, viewer),
        "offers": selectors.offers_of(obj),
        "pending_supervisions": [share for share in shares if not _answered(share)],
        "answered_supervisions": [share for share in shares if _answered(share)],
        "satisfaction": satisfaction,
        "questionnaire_due": obj.status == Status.RESOLVED and satisfaction is None,
        # Which buttons to show: the permissions table decides (who, from which state).
        "can": dict.fromkeys(permissions.allowed_actions(viewer, obj), True),
        "OfferStatus": OfferStatus,
        "action_error": error,
    }
    context.update(thread_context(obj, viewer, "member"))
    return render(request, "helprequests/member/detail.html", context, status=status)


@member_required
def detail(request, public_id):
    obj = selectors.request_for_member(request.user, public_id)
    return _member_page(request, obj)


@member_required
def withdraw(request, public_id):
    """R-C4: a confirmation page, then the withdrawal."""
    obj = selectors.request_for_member(request.user, public_id)
    if request.method == "POST":
        form = WithdrawForm(request.POST)
        if form.is_valid():
            try:
                services.withdraw_request(
                    request=obj,
                    by=request.user,
                    version=form.cleaned_data["version"],
                    note=form.cleaned_data["note"],
                )
            except RequestError as error:
                show_refusal(form, error)
                refreshed(form, obj)
            else:
                messages.success(
                    request,
                    _(
                        "Votre demande est retirée : plus personne n’y travaille. Merci de nous "
                        "avoir prévenu·e·s."
                    ),
                )
                return redirect("helprequests:detail", public_id=obj.public_id)
    else:
        form = versioned(WithdrawForm, obj)
    return render(request, "helprequests/member/withdraw.html", {"obj": obj, "form": form})


def _act(request, obj, form, action, success):
    """Run `action(cleaned_data)` for a valid form; show a refusal on the request page."""

    def page(status, error):
        if error is None:
            return _member_page(request, obj, error=_form_problem(form), status=status)
        obj.refresh_from_db()
        return _member_page(request, obj, error=refusal_text(error), status=status)

    return act(
        request,
        form,
        action,
        success=success,
        done=lambda: redirect("helprequests:detail", public_id=obj.public_id),
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
            services.give_member_consent(routing=routing, by=request.user, version=data["version"])
        else:
            services.withdraw_member_consent(
                routing=routing, by=request.user, version=data["version"]
            )

    success = (
        _(
            "Votre accord est enregistré. Vos coordonnées passeront dès que l’aidant·e aura aussi "
            "donné le sien."
        )
        if request.POST.get("give") == "1"
        else _("Votre accord est retiré : vos coordonnées ne seront plus transmises.")
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


@member_required
def questionnaire(request, public_id):
    """R-P7, R-K13: the satisfaction questionnaire; answering it closes the request."""
    obj = selectors.request_for_member(request.user, public_id)
    answered = SatisfactionAnswer.objects.filter(request=obj).exists()
    if answered or obj.status != Status.RESOLVED:
        if answered:
            messages.info(request, _("Vous avez déjà répondu au questionnaire. Merci !"))
        else:
            messages.info(request, _("Le questionnaire s’ouvre quand la demande est résolue."))
        return redirect("helprequests:detail", public_id=obj.public_id)
    if request.method == "POST":
        form = QuestionnaireForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.answer_questionnaire(
                    request=obj,
                    by=request.user,
                    overall=data["overall"],
                    timely=data["timely"],
                    would_recommend=data["would_recommend"],
                    comment=data["comment"],
                    version=data["version"],
                )
            except RequestError as error:
                show_refusal(form, error)
            else:
                messages.success(
                    request, _("Merci pour vos réponses. Votre demande est maintenant close.")
                )
                return redirect("helprequests:detail", public_id=obj.public_id)
    else:
        form = versioned(QuestionnaireForm, obj)
    return render(request, "helprequests/member/questionnaire.html", {"obj": obj, "form": form})
