"""Every state change of a help request (STYLE.md: one function per action).

CONTRACT (views call exactly these; each is atomic, locks the request row with
select_for_update, checks the actor's right and the current state, checks `version` when given
(a form posted from an older state is refused: `version` is the HelpRequest.version the form
was rendered with), records a Transition (who, role, when, note), writes who may reach the
request through helprequests.access (guardian's rows, the only source), queues notifications
with portal.notifications.notify (no content in e-mails), and returns the updated object.
Anything refused raises helprequests.errors.RequestError with a translated French message;
nothing is changed then.

Roles: "member" (the requester), "coordinator" (group Coordination), "helper" (the helper of a
routing), "system" (the worker or the account deletion: by=None).

Asking (R-C1, R-P2, R-G3)
  submit_request(*, by, data, on_behalf_of=None) -> HelpRequest
      data: theme, subject, description, since, needed_by, urgent, channel, callback_phone,
      job_title, organisation, on_behalf_of_client, offers_wanted. `by` a member submits for
      themself; a coordinator submits with on_behalf_of=<member user> (recorded_by=coordinator).
  withdraw_request(*, request, by, version=None, note="") -> HelpRequest          (member, R-C4;
      the system for a deleted account, R-C8)

Coordination (R-C2, R-P4, R-P8, R-K5)
  acknowledge_request(*, request, by, version=None, note="")
      submitted→acknowledged
  accept_request(*, request, by, promised_by, version=None, note="")
      acknowledged→accepted
  decline_request(*, request, by, reason, referral="", version=None)
      submitted|acknowledged→declined
  route_request(*, request, by, helpers, version=None, note="")
      accepted|routed→routed
  refer_to_national(*, request, by, note, version=None)
      open (not submitted)→referred
  announce_delay(*, request, by, new_date, reason, version=None) -> DelayNotice
      (coordinator or taking helper; R-C3)
  record_access(*, request, viewer) -> RequestAccess
      (each coordinator opening)

Helpers (R-C9, R-G1)
  accept_routing(*, routing, by, version=None, note="")
      offered→accepted; request routed→taken; other offers withdrawn
  decline_routing(*, routing, by, note="", version=None)
      offered→declined; request back to accepted if no live offer
  step_aside(*, routing, by, note="", version=None)
      offered|accepted→stepped_aside (may know the person, R-G1; the system for a deleted
      helper's account, R-C8, also on a resolved request, which stays resolved)
  hand_back(*, routing, note="")
      offered|accepted→withdrawn, by the system, recorded as a step aside: the helper may no
      longer work (accreditation paused, suspended or withdrawn; issue #19)
  start_work(*, request, by, version=None)                   taken→in_progress (the taking helper)
  resolve_request(*, request, by, note="", version=None)
      taken|in_progress→resolved; questionnaire sent to member

Consent (R-C10)
  give_member_consent(*, routing, by) / withdraw_member_consent(*, routing, by)   (the requester)
  give_helper_consent(*, routing, by)
      (the taking helper)

Messages (private thread)
  post_message(*, request, by, body, files=()) -> Message
      (member, coordinators, taking helper; open requests)

Alerts (R-A12)
  raise_alert(*, request, by, kind, note) -> Alert
      (taking/offered helper or coordinator) all coordinators told at once
  handle_alert(*, alert, by, note) -> Alert                 (coordinator)

Outcome and offers (R-C13, R-C5)
  file_outcome(*, request, by, help_kind, settled, note="") -> OutcomeReport   (taking helper)
  ask_for_offers(*, request, by) -> HelpRequest                                (member)
  make_offer(*, request, by, title, description, usual_price, network_price) -> Offer
      (taking helper)
  answer_offer(*, offer, by, accept: bool) -> Offer                            (member)

Closure (R-P7, R-K13)
  answer_questionnaire(*, request, by, overall, timely, would_recommend, comment="")
      resolved→closed
  close_finished_requests(*, now=None) -> int      (worker: finished for closure_wait_days → closed)
  close_request(*, request, by=None, now=None)     (worker, by=None: one finished request → closed)

Supervision (R-K8)
  ask_supervision(*, request, by, supervisor) -> SupervisionShare   (taking helper)
  answer_supervision(*, share, by, agree: bool)                     (member)
  share_summary(*, share, by, summary)                              (taking helper, after agreement)

Retention (R-K7, R-G10)
  erase_request_content(*, request, now=None)        personal content and files erased, facts kept
  erase_expired_requests(*, now=None) -> int         closed longer than retention_days

Reminders (R-P4; the clock itself is a read: helprequests/clocks.py)
  remind_coordinators(*, now=None) -> int
      requests nearing their acknowledgement deadline, promises nearing
"""

from .alerts import handle_alert, raise_alert
from .asking import submit_request, withdraw_request
from .closure import answer_questionnaire, close_finished_requests, close_request
from .consent import give_helper_consent, give_member_consent, withdraw_member_consent
from .coordination import (
    accept_request,
    acknowledge_request,
    announce_delay,
    decline_request,
    record_access,
    refer_to_national,
    route_request,
)
from .helping import (
    accept_routing,
    decline_routing,
    hand_back,
    resolve_request,
    start_work,
    step_aside,
)
from .messages import post_message
from .outcome import answer_offer, ask_for_offers, file_outcome, make_offer
from .reminders import remind_coordinators
from .retention import erase_expired_requests, erase_request_content
from .supervision import answer_supervision, ask_supervision, share_summary

__all__ = [
    "accept_request",
    "accept_routing",
    "acknowledge_request",
    "announce_delay",
    "answer_offer",
    "answer_questionnaire",
    "answer_supervision",
    "ask_for_offers",
    "ask_supervision",
    "close_finished_requests",
    "close_request",
    "decline_request",
    "decline_routing",
    "erase_expired_requests",
    "erase_request_content",
    "file_outcome",
    "give_helper_consent",
    "give_member_consent",
    "hand_back",
    "handle_alert",
    "make_offer",
    "post_message",
    "raise_alert",
    "record_access",
    "refer_to_national",
    "remind_coordinators",
    "resolve_request",
    "route_request",
    "share_summary",
    "start_work",
    "step_aside",
    "submit_request",
    "withdraw_member_consent",
    "withdraw_request",
]
