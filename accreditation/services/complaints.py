"""A member's complaint about a helper and the coordination's outcome (R-K1, R-K14)."""

import logging

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helprequests.services import common as request_common

from .. import permissions, selectors
from ..errors import AccreditationError
from ..models import Change, Complaint, Outcome, Status
from .common import locked, log, tell_helper, text
from .states import withdraw

logger = logging.getLogger("accreditation")

# --- Complaints (R-K1, R-K14) -----------------------------------------------------------------


@transaction.atomic
def file_complaint(
    *, by, helper, charter_article, account, anonymous=True, request=None, session=None, now=None
):
    """A member complains about a helper they had on their request or session. It goes to the
    coordination only; the helper is told that a complaint exists, not by whom unless the
    member allows it (`anonymous=False`)."""
    permissions.check("complain", helper=helper, by=by)
    if (request is None) == (session is None):
        raise AccreditationError(_("Une plainte porte sur une seule demande ou un seul entretien."))
    if not selectors.helpers_member_had(by, request=request, session=session).filter(pk=helper.pk):
        raise AccreditationError(
            _(
                "Vous ne pouvez déposer une plainte que concernant un·e aidant·e qui vous a "
                "accompagné·e sur cette demande ou cet entretien."
            )
        )
    charter_article = text(
        charter_article,
        required_message=_("Indiquez l’article de la charte qu’invoque votre plainte."),
        max_length=120,
    )
    account = text(account, required_message=_("Dites ce qui s’est passé."))
    now = now or timezone.now()
    locked(helper)
    complaint = Complaint.objects.create(
        helper=helper,
        filed_by=by,
        request=request,
        session=session,
        charter_article=charter_article,
        account=account,
        anonymous=bool(anonymous),
        filed_at=now,
    )
    log(helper, Change.Kind.COMPLAINT, by=None, now=now, why=charter_article)
    request_common.send(
        request_common.coordinators(),
        subject=_("Une plainte concernant un·e aidant·e a été reçue"),
        message=_(
            "Un membre a déposé une plainte concernant un·e aidant·e. Elle attend votre décision."
        ),
        link=reverse("accreditation:complaint", args=[complaint.public_id]),
    )
    tell_helper(
        helper,
        _("Une plainte concernant votre pratique a été reçue"),
        _("Une plainte concernant votre pratique a été reçue ; la coordination va l’examiner."),
    )
    logger.info("complaint %s about helper %s filed", complaint.pk, helper.pk)
    return complaint


@transaction.atomic
def record_outcome(*, complaint, by, outcome, note, now=None):
    """The coordination judges the complaint against the charter: dismissed, a reminder, a
    sanction, or the withdrawal of the accreditation (which withdraws it, with `note` as its
    reason). The helper reads the outcome and its note."""
    permissions.check("record_outcome", helper=complaint.helper, by=by)
    if outcome not in Outcome.values:
        raise AccreditationError(_("Choisissez l’une des suites proposées."))
    note = text(note, required_message=_("Expliquez la suite donnée : l’aidant·e la lira."))
    now = now or timezone.now()
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if not permissions.may_record_outcome(complaint):
        raise AccreditationError(_("Une suite a déjà été donnée à cette plainte."))
    complaint.outcome = outcome
    complaint.outcome_note = note
    complaint.decided_by = by
    complaint.decided_at = now
    complaint.save(update_fields=["outcome", "outcome_note", "decided_by", "decided_at"])
    log(
        complaint.helper,
        Change.Kind.OUTCOME,
        by=by,
        now=now,
        why=f"{Outcome(outcome).label} : {note}",
    )
    if outcome == Outcome.WITHDRAWAL:
        row = locked(complaint.helper)
        if row.status != Status.WITHDRAWN:
            withdraw(helper=complaint.helper, by=by, reason=note, now=now)
            return complaint
    tell_helper(
        complaint.helper,
        _("La suite donnée à une plainte est disponible"),
        _(
            "La coordination a enregistré la suite donnée à une plainte. Vous la trouverez sur "
            "votre page."
        ),
    )
    return complaint
