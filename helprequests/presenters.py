"""What a request page shows its viewer, decided once (STYLE.md: "Pages render, they do not
decide").

    request_view(viewer, request, *, routing=None, as_role=None) -> RequestView
    allows(viewer, request, action) -> bool      one action, for the rows of a list

The member's page, the coordination's page and the helper's brief each build one RequestView
and only render it. It answers, in one place:

  role          how the viewer stands to the request (selectors.viewer_role), or the role of
                the page when its view already established it (`as_role`)
  routing       the viewer's live routing when they are its helper
  may           the actions the transitions table allows the viewer now
                (permissions.allowed_actions, the only source): a template tests
                `view.may.withdraw`, never a status
  status_label, next_step, history (labels for the role), delays
  thread        the messages the viewer may read (selectors.thread_of), None when they may not
  brief         the pseudonymous brief, for a helper (selectors.brief_of)
  contact       the member's contact, for the helper who took it (selectors.member_contact)
  helper_rows   the member's helpers, with both consents and their contact once shared
  acknowledgement_hours  the acknowledgement delay, read from the setting (R-P4)
  helper_sections(...)   the helper's page, section by section: the next action first, then
                the others in reading order, each with its anchor for the page's contents
                (issue #17, item 6)
  offer_rows(offers)  for the member: each offer, whether it still waits for an answer and
                whether they may answer it now (the one place that tests an offer's status)
  urgency       an urgent open request's own clock, and its call-back number for the coordination
  callback_phone  the number the member gave for this request: for the coordination and the
                member themselves, never a helper (their contact is `contact`, R-C10)

Who the viewer is and what they may do is computed when the view is built (no query for a
member or a coordinator, none for a helper whose routing the page passes); every other part is
computed at most once, when the page first reads it, so a page that does not show the history
does not pay for it.
"""

from dataclasses import dataclass
from functools import cached_property

from django.utils.translation import gettext_lazy, ngettext

from . import permissions, selectors
from .models import OfferStatus, RoutingStatus, Status


class Allowed(frozenset):
    """The actions allowed now; in a template `view.may.<action>` is True or False."""

    def __getitem__(self, action):
        return action in self


def request_view(viewer, request, *, routing=None, as_role=None):
    """What `viewer` sees of `request` and may do with it now.

    `routing`: the viewer's routing when the page found it (the helper's brief), so that
    neither the role nor the allowed actions look it up again. `as_role`: the page's role when
    its view already checked it (a coordinator page); otherwise selectors.viewer_role decides.
    """
    role = as_role or selectors.viewer_role(request, viewer)
    if role == permissions.HELPER and routing is None:
        routing = selectors.routing_for_helper(viewer, request.public_id)
    may = Allowed(permissions.allowed_actions(viewer, request, routing=routing))
    return RequestView(viewer=viewer, request=request, role=role, routing=routing, may=may)


def allows(viewer, request, action):
    """Whether the transitions table lets `viewer` do `action` on `request` now: for a list,
    where one RequestView per row would be too much. No query for the member's own actions."""
    rule = permissions.TRANSITIONS[action]
    return request.status in rule.from_states and (
        permissions.role_for(action, request, viewer) is not None
    )


@dataclass(frozen=True)
class Section:
    """One section of the helper's page: its anchor (the element's id), its label in the page's
    contents, and whether it holds the next thing to do."""

    anchor: str
    label: str
    is_next: bool = False

    @property
    def template(self):
        return f"helprequests/helper/sections/{self.anchor}.html"


# The helper's page in reading order (issue #17, item 6): the next action is moved first.
HELPER_SECTION_LABELS = {
    "demande": gettext_lazy("La demande"),
    "organisation": gettext_lazy("L’organisation et ses règles"),
    "reponse": gettext_lazy("Votre réponse"),
    "retrait": gettext_lazy("Se retirer"),
    "coordonnees": gettext_lazy("Échange de coordonnées"),
    "suivi": gettext_lazy("Suivi"),
    "entretiens": gettext_lazy("Entretiens"),
    "echanges": gettext_lazy("Échanges"),
    "compte-rendu": gettext_lazy("Compte rendu"),
    "devis": gettext_lazy("Devis"),
    "supervision": gettext_lazy("Supervision"),
    "resoudre": gettext_lazy("Terminer"),
    "alerte": gettext_lazy("Lever une alerte"),
}


class RequestView:
    """One request as one viewer sees it now; see the module's docstring."""

    def __init__(self, *, viewer, request, role, routing, may):
        self.viewer = viewer
        self.request = request
        self.role = role
        self.routing = routing
        self.may = may

    # --- Where the request stands -------------------------------------------------------------

    @cached_property
    def status_label(self):
        return str(Status(self.request.status).label)

    @property
    def taken(self):
        """The viewer is the helper who took the request (not only offered it)."""
        if self.routing is None or self.role != permissions.HELPER:
            return False
        return selectors.takes_part(self.request, self.viewer)

    @property
    def declined(self):
        """The decline's reason and referral are shown to the member (R-C2, R-K5)."""
        return self.request.status == Status.DECLINED

    @property
    def shows_emergency_numbers(self):
        """R-P5: an urgent request still open reminds the member of the emergency numbers."""
        return self.request.urgent and self.request.is_open

    @cached_property
    def acknowledgement_hours(self):
        return selectors.acknowledgement_hours()

    @cached_property
    def next_step(self):
        """What happens next, in the member's words."""
        request = self.request
        if request.urgent and request.status in URGENT_NEXT_STEPS:
            return URGENT_NEXT_STEPS[request.status]
        if request.status == Status.SUBMITTED:
            hours = self.acknowledgement_hours
            return ngettext(
                "La coordination va lire votre demande et vous répondre dans l’heure.",
                "La coordination va lire votre demande et vous répondre dans les %(hours)s "
                "heures au plus.",
                hours,
            ) % {"hours": hours}
        return NEXT_STEPS.get(request.status, "")

    # --- What the viewer reads ----------------------------------------------------------------

    @cached_property
    def delays(self):
        return selectors.delays_of(self.request)

    @cached_property
    def history(self):
        return selectors.history_of(
            self.request, self.viewer, as_role=self.role, delays=self.delays
        )

    @cached_property
    def thread(self):
        """The messages, or None: a helper reads the thread only once they took the request."""
        if self.role is None or (self.role == permissions.HELPER and not self.taken):
            return None
        return selectors.thread_of(self.request, self.viewer, as_role=self.role)

    @cached_property
    def brief(self):
        if self.role != permissions.HELPER:
            return None
        return selectors.brief_of(self.request, self.viewer)

    @cached_property
    def contact(self):
        """The member's contact, for the helper who took the request, under R-C10."""
        if not self.taken:
            return None
        return selectors.member_contact(self.routing, self.viewer)

    @cached_property
    def helper_rows(self):
        """For the member: each helper involved, with both consents and the contact once
        shared (R-C10)."""
        if self.role != permissions.MEMBER:
            return []
        rows = []
        for routing in selectors.routings_for_member(self.request, self.viewer):
            taken = routing.status == RoutingStatus.ACCEPTED
            consented = routing.member_consent_at is not None
            rows.append(
                {
                    "routing": routing,
                    "taken": taken,
                    "contact": selectors.helper_contact(routing, self.viewer),
                    # The consent buttons go with the helper who took the request.
                    "may_give_consent": taken
                    and not consented
                    and "give_member_consent" in self.may,
                    "may_withdraw_consent": taken
                    and consented
                    and "withdraw_member_consent" in self.may,
                }
            )
        return rows

    def offer_rows(self, offers):
        """For the member's page: each offer, whether it still waits for an answer, and whether
        the viewer may answer it now (the request's `answer_offer` rule and the offer still
        proposed, as services.answer_offer checks): the template tests no status itself."""
        may_answer = "answer_offer" in self.may
        rows = []
        for offer in offers:
            waiting = offer.status == OfferStatus.PROPOSED
            rows.append({"offer": offer, "waiting": waiting, "may_answer": waiting and may_answer})
        return rows

    # --- The helper's page, in order (issue #17, item 6) -----------------------------------------

    def helper_sections(self, *, has_outcome=False, has_offers=False, has_supervisions=False):
        """The sections the helper's page shows, the next action first. What the page holds
        besides the request (an outcome filed, offers, supervision shares) is passed by the
        view, which reads it anyway."""
        may, taken = self.may, self.taken
        shown = {
            "demande": True,
            "organisation": True,
            "reponse": may["accept_routing"] or may["decline_routing"],
            "retrait": may["step_aside"],
            "coordonnees": taken,
            "suivi": taken and (may["start_work"] or may["announce_delay"] or bool(self.delays)),
            "entretiens": taken,
            "echanges": taken and self.thread is not None,
            "compte-rendu": taken,
            "devis": taken and (has_offers or may["make_offer"]),
            "supervision": taken and (has_supervisions or may["ask_supervision"]),
            "resoudre": taken and may["resolve"],
            "alerte": may["raise_alert"],
        }
        helper_consent_missing = self.routing is not None and not self.routing.helper_consent_at
        candidates = (
            ("reponse", True),
            ("coordonnees", may["give_helper_consent"] and helper_consent_missing),
            ("suivi", may["start_work"]),
            ("compte-rendu", may["file_outcome"] and not has_outcome),
            ("resoudre", True),
        )
        next_anchor = next(
            (anchor for anchor, wanted in candidates if wanted and shown[anchor]), None
        )
        ordered = [anchor for anchor in HELPER_SECTION_LABELS if shown[anchor]]
        if next_anchor is not None:
            ordered.remove(next_anchor)
            ordered.insert(0, next_anchor)
        return [
            Section(anchor, HELPER_SECTION_LABELS[anchor], anchor == next_anchor)
            for anchor in ordered
        ]

    # --- Urgency (issue #17, item 6; R-P5) -----------------------------------------------------

    @cached_property
    def urgency(self):
        """For an urgent request still open: since when the person waits and, for the
        coordination only, the number to call back (a helper's brief stays anonymous, R-C10).
        None otherwise."""
        return urgency_of(self.request, with_phone=self.role == permissions.COORDINATOR)

    @cached_property
    def callback_phone(self):
        """The call-back number chosen for this request, for the pages that show it: the
        coordination's (it calls back) and the member's own. A helper's brief stays anonymous;
        once both agreed, the helper gets the number through `contact` (R-C10). Empty otherwise."""
        if self.role not in (permissions.COORDINATOR, permissions.MEMBER):
            return ""
        return self.request.callback_phone


def urgency_of(request, *, with_phone):
    """An urgent open request's own clock (it waits since it was sent) and, when `with_phone`
    (the coordination only: the caller says so, nothing shows it by default), its call-back
    number; or None. The coordination's queue rows and every request page read it here."""
    if not (request.urgent and request.is_open):
        return None
    return {
        "since": request.submitted_at,
        "callback_phone": request.callback_phone if with_phone else "",
        "acknowledged": request.acknowledged_at is not None,
    }


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


# R-P5: an urgent request gets a call outside the weekly slots, not the usual delay.
URGENT_NEXT_STEPS = {
    Status.SUBMITTED: gettext_lazy(
        "Vous avez signalé votre demande comme urgente : la coordination vous rappelle dès que "
        "possible, sans attendre les créneaux habituels. Si quelqu’un est en danger, "
        "n’attendez pas son appel : composez un numéro d’urgence ci-dessous."
    ),
}
