"""Every state change of invoices (STYLE.md: one function per action).

CONTRACT: keyword arguments, one transaction, the actor's right and the current state checked,
rows locked, InvoicingError (French message) on refusal with nothing changed. Mail goes through
portal.notifications.notify by way of helprequests' `send` (a fixed sentence and a link, no name).

  save_business_details(*, helper, data) -> HelperBusinessDetails
  prepare_draft(*, helper, now=None) -> Invoice | None   adds the helper's unbilled sessions
  prepare_due_drafts(*, now=None) -> int                  the worker (invoicing.jobs)
  refresh_draft(*, invoice, by, now=None) -> Refreshed    the helper: drop stale, add new lines
  issue_invoice(*, invoice, by, revision, now=None) -> Invoice
  issue_credit_note(*, invoice, by, reason, now=None) -> Invoice
  mark_paid(*, invoice, by, paid_on, now=None) -> Invoice   the coordination
  forget_helper(user, *, remove_forum_posts) -> None      account deletion

Why drafts are prepared by the worker's job rather than from appointments' mark_done or
cancel_session: a session becomes billable by several roads (held, no-show, a member's late
cancellation, an account deleted within the late-cancellation delay, an admin correction), and
a call in each would be one more place that decides; the hourly job reads the one answer
(invoicing.selectors.billable_unbilled_sessions) whatever the road, keeps appointments unaware of
invoicing, and is idempotent. An hour's delay is nothing for an invoice.
"""

from .details import forget_helper, save_business_details
from .drafts import (
    HALF_YEAR_ENDS,
    is_half_year_end,
    prepare_draft,
    prepare_due_drafts,
    refresh_draft,
)
from .issuing import issue_credit_note, issue_invoice, mark_paid

__all__ = [
    "HALF_YEAR_ENDS",
    "forget_helper",
    "is_half_year_end",
    "issue_credit_note",
    "issue_invoice",
    "mark_paid",
    "prepare_draft",
    "prepare_due_drafts",
    "refresh_draft",
    "save_business_details",
]
