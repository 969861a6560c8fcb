"""The one state change of indicators: a coordinator reviews a helper's remark (R-A2)."""

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members import roles

from .models import RemarkKind, RemarkReview

logger = logging.getLogger("indicators")


@transaction.atomic
def review_remark(*, feedback, kind, by, approved, text="", now=None):
    """Approve (with the text as reviewed, names removed by the coordinator) or set aside one
    remark of a helper's feedback. A remark is reviewed once."""
    now = now or timezone.now()
    if not roles.has_role(by, roles.COORDINATORS):
        raise ValidationError(_("Seule la coordination relit les remarques."), code="forbidden")
    if kind not in RemarkKind.values:
        raise ValidationError(_("Remarque inconnue."), code="kind")
    organisation_id = feedback.session.request.organisation_id
    if organisation_id is None:
        raise ValidationError(
            _("Cet entretien ne relève d’aucune organisation : pas de rapport."),
            code="no_organisation",
        )
    text = text.strip()
    if approved and not text:
        raise ValidationError(_("Écrivez la remarque telle qu’elle paraîtra."), code="empty")
    month = timezone.localtime(feedback.session.starts_at).date().replace(day=1)
    try:
        with transaction.atomic():
            review = RemarkReview.objects.create(
                feedback=feedback,
                kind=kind,
                organisation_id=organisation_id,
                month=month,
                text=text if approved else "",
                approved=approved,
                reviewed_by=by,
                reviewed_at=now,
            )
    except IntegrityError:
        raise ValidationError(_("Cette remarque a déjà été relue."), code="reviewed") from None
    logger.info("remark review %s: feedback %s %s", review.pk, feedback.pk, kind)
    return review
