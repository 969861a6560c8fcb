"""Drafts: the helper's unbilled sessions gathered at the threshold or at each half-year's end
(R-A8), refreshed when a session changed."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from appointments.models import BILLABLE_STATUSES, SessionStatus
from helprequests.services.common import send as notify

from .. import billing_settings, permissions, selectors
from ..errors import InvoicingError
from ..models import (
    BilledSession,
    Invoice,
    InvoiceLine,
    InvoiceLineKind,
    InvoiceStatus,
)
from .common import _lock, _mine_link, logger

# R-A8: twice a year, the remainder is invoiced: on these days (month, day), Paris time.
HALF_YEAR_ENDS = ((6, 30), (12, 31))


# --- Drafts --------------------------------------------------------------------------------------


# A session missed or cancelled too late by the member is due, and named so on the invoice.
LINE_KINDS = {
    SessionStatus.NO_SHOW: InvoiceLineKind.NO_SHOW,
    SessionStatus.CANCELLED_LATE: InvoiceLineKind.LATE_CANCELLATION,
}


def _add_lines(invoice, sessions):
    """One line per session: its date (Paris) and the rate in effect that day (R-A3); each
    claimed by a BilledSession, whose unique constraint refuses a session billed twice."""
    table = billing_settings.rate_table()
    lines = []
    for session in sessions:
        day = timezone.localdate(session.starts_at)
        lines.append(
            InvoiceLine(
                invoice=invoice,
                session=session,
                session_date=day,
                amount=billing_settings.rate_on(day, table),
                kind=LINE_KINDS.get(session.status, InvoiceLineKind.HELD),
            )
        )
    created = InvoiceLine.objects.bulk_create(lines)
    BilledSession.objects.bulk_create(
        BilledSession(session_id=line.session_id, line=line) for line in created
    )
    return len(created)


def _stale_lines(invoice):
    """The draft's lines whose session is gone, no longer billable, or moved to another helper."""
    return [
        line
        for line in invoice.lines.select_related("session")
        if line.session is None
        or line.session.status not in BILLABLE_STATUSES
        or line.session.helper_id != invoice.helper_id
    ]


def _drop(lines):
    if lines:
        InvoiceLine.objects.filter(pk__in=[line.pk for line in lines]).delete()
    return len(lines)


def prepare_draft(*, helper, now=None):
    """Put the helper's unbilled billable sessions on their draft (made if there is none) and
    tell them. Returns the draft, or None when there was nothing to bill and no draft."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            draft = (
                Invoice.objects.select_for_update()
                .filter(helper=helper, status=InvoiceStatus.DRAFT)
                .first()
            )
            sessions = list(selectors.unbilled_sessions_of(helper).select_for_update(of=("self",)))
            if not sessions:
                return draft
            if draft is None:
                draft = Invoice.objects.create(helper=helper, created_at=now)
            else:
                draft.revision += 1
                draft.save(update_fields=["revision"])
            added = _add_lines(draft, sessions)
            notify(
                [helper.pk],
                subject=_("Une facture est prête à émettre"),
                message=_(
                    "Un brouillon de facture vous attend : vérifiez-le et émettez-le sur le site."
                ),
                link=_mine_link(),
            )
    except IntegrityError as error:
        raise InvoicingError(
            _("Le brouillon vient d’être modifié : réessayez dans un instant."), code="busy"
        ) from error
    logger.info("invoicing: draft %s of user %s, %s sessions added", draft.pk, helper.pk, added)
    return draft


def is_half_year_end(day):
    return (day.month, day.day) in HALF_YEAR_ENDS


def prepare_due_drafts(*, now=None):
    """The worker's job (R-A8): a draft for each helper whose unbilled work reaches the
    threshold, and on 30 June and 31 December for any remainder. Returns how many drafts were
    prepared or completed. Running it again changes nothing."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    threshold = billing_settings.current_settings().threshold
    table = billing_settings.rate_table()
    totals = {}
    for helper_id, starts_at in selectors.billable_unbilled_sessions().values_list(
        "helper_id", "starts_at"
    ):
        amount = billing_settings.rate_on(timezone.localdate(starts_at), table)
        totals[helper_id] = totals.get(helper_id, Decimal("0")) + amount
    due = [
        helper_id
        for helper_id, total in sorted(totals.items())
        if is_half_year_end(today) or total >= threshold
    ]
    from django.contrib.auth import get_user_model

    count = 0
    for helper in get_user_model().objects.filter(pk__in=due).order_by("pk"):
        try:
            if prepare_draft(helper=helper, now=now) is not None:
                count += 1
        except InvoicingError:
            logger.warning("invoicing: draft of user %s left for the next run", helper.pk)
    if count:
        logger.info("invoicing: %s drafts prepared", count)
    return count


@dataclass(frozen=True)
class Refreshed:
    invoice: object  # the draft, or None when nothing is left on it
    dropped: int
    added: int


def refresh_draft(*, invoice, by, now=None):
    """The helper brings their draft up to date: sessions no longer billable leave it, sessions
    billable since join it."""
    now = now or timezone.now()
    if invoice.helper_id != by.pk:
        raise InvoicingError(_("Cette facture n’est pas la vôtre."), code="role")
    with transaction.atomic():
        draft = _lock(invoice)
        if not permissions.may_issue(draft):
            raise InvoicingError(_("Cette facture est déjà émise."), code="issued")
        dropped = _drop(_stale_lines(draft))
        sessions = list(selectors.unbilled_sessions_of(by).select_for_update(of=("self",)))
        added = _add_lines(draft, sessions) if sessions else 0
        if not draft.lines.exists():
            draft.delete()
            draft = None
        elif dropped or added:
            draft.revision += 1
            draft.save(update_fields=["revision"])
    logger.info("invoicing: draft %s refreshed (-%s +%s)", invoice.pk, dropped, added)
    return Refreshed(invoice=draft, dropped=dropped, added=added)


def _dropped_message(count, emptied):
    if emptied:
        return _(
            "Plus aucun entretien de ce brouillon n’est facturable (annulé à temps ou modifié) : "
            "le brouillon est retiré, rien n’a été émis."
        )
    return ngettext(
        "%(count)d entretien n’est plus facturable (annulé à temps ou modifié) : il a été retiré "
        "du brouillon. Relisez le brouillon, puis émettez-le.",
        "%(count)d entretiens ne sont plus facturables (annulés à temps ou modifiés) : ils ont "
        "été retirés du brouillon. Relisez le brouillon, puis émettez-le.",
        count,
    ) % {"count": count}
