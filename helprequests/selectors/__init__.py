"""What each viewer may see of help requests (STYLE.md: reads for a viewer go through here).

A package by concern, each module a read that imports no service (tests/test_selectors_layout.py):
  requests.py   which requests a viewer reaches and how they stand to one (guardian's answer)
  queue.py      the coordination's queue with its clocks, routings, suggested helpers
  brief.py      the pseudonymous brief for a helper
  contacts.py   contact between the member and the taking helper, and how each names the other
  thread.py     the thread and the history, named for the viewer
  records.py    alerts, delays, offers, outcome, supervision
The clock and the network's settings they read are helprequests/clocks.py and
helprequests/network_settings.py, which the services read too.

CONTRACT (views call exactly these; querysets already narrowed to the viewer):

  requests_of(member) -> QuerySet[HelpRequest]           the member's own requests, newest first
  request_for_member(member, public_id) -> HelpRequest   Http404 unless guardian view_helprequest
        holds (the requester's, from submission until erasure)
  request_for_coordinator(user, public_id) -> HelpRequest  Http404 if unknown (caller logs access)
  coordination_queue(*, now=None) -> list[HelpRequest]   open requests, urgent first then oldest,
        each with `.clock` ("green" | "amber" | "red" | None) and `.due_at`
  routings_for_helper(helper) -> QuerySet[Routing]       the routings whose request they hold
        view_brief on (offered to / taken by them), each with `.takes_part`
  routing_for_helper(helper, public_id) -> Routing       Http404 unless guardian view_brief holds;
        `.takes_part` when they also hold take_part
  brief_of(request, viewer) -> Brief                     pseudonymous brief for a helper (R-C9):
        reference, theme, subject?, description, since, needed_by, urgent, channel,
        organisation_label (name only if its confidentiality level allows), organisation_policy
        (context, max sessions), alert_procedure (the organisation's or the default, always);
        never the member's name or contact
  member_contact(routing, viewer) -> ContactEntry | None  only when routing.contact_shared and
        the viewer is that routing's helper (R-C10); from members.privacy.person_for
  helper_contact(routing, viewer) -> ContactEntry | None  the same, the other way, for the member
  thread_of(request, viewer) -> list[Message]            each with `.author_label` by role, never a
        name to a helper beyond the person presenter's once contact is shared (the same name
        as the contact box)
  history_of(request, viewer) -> list[Transition]        with labels for the viewer's role
  suggested_helpers(request, viewer=None) -> list[User]  helpers ranked by theme, skills (those
        members/privacy.py lets the viewer see), load;
        excluding those who declined or stepped aside
  alerts_log() -> QuerySet[Alert]                        coordinators' alert log

Also (beyond the contract, for the pages):
  viewer_role(request, viewer) -> "member" | "helper" | "coordinator" | None
  takes_part(request, viewer) -> bool                    guardian take_part: the helper who took it
  open_alerts() / alert_procedure_of(request)
  acknowledgement_hours() -> int                         the delay the network set (R-P4)
  acknowledgement_state(request, now=None) -> "green" | "amber" | "red" | None   the clock
  routings_of(request) -> list[Routing]                  every routing of a request (coordination)
  routings_for_member(request, member) -> list[Routing]  live routings, `.helper_label` for them
  delays_of(request) / offers_of(request) / outcome_of(request) / alerts_of(request)
  supervision_shares_of(request) / supervision_cases_for(helper)
  questionnaire_waiting(member) -> QuerySet[HelpRequest] resolved, waiting for their answer

Who is the member or a helper of a request is guardian's answer alone (helprequests.access); the
routing rows are read after it, for what they record (since when, which helper).
"""

from ..clocks import acknowledgement_state
from ..network_settings import acknowledgement_hours
from .brief import Brief, OrganisationPolicy, brief_of
from .contacts import helper_contact, member_contact, routings_for_member
from .queue import coordination_queue, routings_of, suggested_helpers
from .records import (
    alert_procedure_of,
    alerts_log,
    alerts_of,
    delays_of,
    offers_of,
    open_alerts,
    outcome_of,
    supervision_cases_for,
    supervision_shares_of,
)
from .requests import (
    questionnaire_waiting,
    request_for_coordinator,
    request_for_member,
    requests_of,
    routing_for_helper,
    routings_for_helper,
    takes_part,
    viewer_role,
)
from .thread import (
    ACTOR_LABELS,
    COORDINATION_LABEL,
    HELPER_ACTIONS_HIDDEN_FROM_OTHERS,
    NOTES_FOR_MEMBER,
    ROLE_AFTER_NAME,
    YOU_LABEL,
    history_of,
    thread_of,
)

__all__ = [
    "ACTOR_LABELS",
    "Brief",
    "COORDINATION_LABEL",
    "HELPER_ACTIONS_HIDDEN_FROM_OTHERS",
    "NOTES_FOR_MEMBER",
    "OrganisationPolicy",
    "ROLE_AFTER_NAME",
    "YOU_LABEL",
    "acknowledgement_hours",
    "acknowledgement_state",
    "alert_procedure_of",
    "alerts_log",
    "alerts_of",
    "brief_of",
    "coordination_queue",
    "delays_of",
    "helper_contact",
    "history_of",
    "member_contact",
    "offers_of",
    "open_alerts",
    "outcome_of",
    "questionnaire_waiting",
    "request_for_coordinator",
    "request_for_member",
    "requests_of",
    "routing_for_helper",
    "routings_for_helper",
    "routings_for_member",
    "routings_of",
    "suggested_helpers",
    "supervision_cases_for",
    "supervision_shares_of",
    "takes_part",
    "thread_of",
    "viewer_role",
]
