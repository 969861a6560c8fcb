"""R-K8: with the member's agreement, a helper shares an anonymised summary with a supervisor.

Nothing reaches the supervisor before the member agrees; the supervisor never gets the request,
only the summary the helper writes (no name, no organisation: the helper's responsibility,
which the form reminds them of).
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members import roles

from .. import permissions
from ..errors import RequestError
from ..models import SupervisionShare
from . import common


@transaction.atomic
def ask_supervision(*, request, by, supervisor, version=None):
    request = common.lock(request)
    role = permissions.check("ask_supervision", request, by)
    common.check_version(request, version)
    if (
        supervisor is None
        or not roles.has_role(supervisor, roles.HELPERS)
        or not supervisor.is_active
    ):
        raise RequestError(
            _("La personne choisie n’est pas aidant·e du réseau."), code="supervisor"
        )
    if supervisor.pk in (by.pk, request.requester_id):
        raise RequestError(
            _("Choisissez une autre personne pour la supervision."), code="supervisor"
        )
    if SupervisionShare.objects.filter(
        request=request, supervisor=supervisor, member_refused_at__isnull=True
    ).exists():
        raise RequestError(_("Cette supervision est déjà demandée."), code="already")
    now = timezone.now()
    share = SupervisionShare.objects.create(
        request=request, helper=by, supervisor=supervisor, asked_at=now
    )
    common.touch(request, action="ask_supervision", actor=by, role=role, now=now)
    common.tell_member(
        request,
        subject=_("Votre accord est demandé"),
        message=_(
            "L’aidant·e qui suit votre demande souhaite en parler, de façon anonyme, avec un·e "
            "superviseur·e. Rien n’est partagé sans votre accord : répondez sur la page de la "
            "demande."
        ),
    )
    return share


@transaction.atomic
def answer_supervision(*, share, by, agree, version=None):
    request = common.lock(share.request_id)
    role = permissions.check("answer_supervision", request, by)
    common.check_version(request, version)
    share = SupervisionShare.objects.select_for_update().get(pk=share.pk)
    if share.member_agreed_at or share.member_refused_at:
        raise RequestError(_("Vous avez déjà répondu."), code="already")
    now = timezone.now()
    if agree:
        share.member_agreed_at = now
    else:
        share.member_refused_at = now
    share.save(update_fields=["member_agreed_at", "member_refused_at"])
    common.touch(
        request,
        action="answer_supervision",
        actor=by,
        role=role,
        now=now,
        note="accord" if agree else "refus",
    )
    if share.helper_id:
        common.tell_helpers(
            request,
            [share.helper_id],
            subject=_("Réponse à votre demande de supervision"),
            message=_("Le ou la membre a répondu à votre demande de supervision."),
        )
    return share


@transaction.atomic
def share_summary(*, share, by, summary, version=None):
    request = common.lock(share.request_id)
    role = permissions.check("share_summary", request, by)
    common.check_version(request, version)
    share = SupervisionShare.objects.select_for_update().get(pk=share.pk)
    if share.helper_id != by.pk:
        raise RequestError(_("Vous ne pouvez pas faire cela pour cette demande."), code="role")
    if share.member_agreed_at is None:
        raise RequestError(
            _("Le ou la membre n’a pas donné son accord : rien ne peut être partagé."),
            code="no_consent",
        )
    summary = common.clean_text(
        summary,
        label=_("Résumé anonymisé"),
        max_length=SupervisionShare._meta.get_field("summary").max_length,
    )
    now = timezone.now()
    share.summary = summary
    share.shared_at = now
    share.save(update_fields=["summary", "shared_at"])
    common.touch(request, action="share_summary", actor=by, role=role, now=now)
    common.send(
        [share.supervisor_id],
        subject=_("Un cas vous est confié en supervision"),
        message=_("Un·e aidant·e partage avec vous le résumé anonyme d’un cas, pour en parler."),
        link=reverse("helprequests:helper_requests"),
    )
    return share
