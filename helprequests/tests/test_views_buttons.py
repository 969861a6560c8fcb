"""The buttons of the request pages follow the transitions table (issue #11, item 2).

Each page renders its RequestView (helprequests.presenters) and tests `view.may.<action>`,
never a status. This walks every state × the member's page, the helper's brief and the
coordination's page, through the URL as a person sees them: every button shown is one the table
allows now (a button that leads to a refusal is the bug this file guards against: "Je souhaite
recevoir des devis" used to show on every open request), and every action the table allows has
its button, unless the page needs something more to offer it (a quote to answer, a consent to
withdraw…), which each case below names.
"""

from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse

from helprequests import permissions, services
from helprequests.models import AlertKind, RoutingStatus, Status

from .factories import PATHS, Cast, helper
from .test_views_member import fresh

# The member's consent is walked both ways wherever a helper took the request.
CASES = [(status, False) for status in PATHS] + [
    (status, True) for status, path in PATHS.items() if "accept_routing" in path
]

# Which action each button of a page stands for, by the URL name it posts to or links to.
MEMBER_BUTTONS = {
    "withdraw": "withdraw",
    "questionnaire": "answer_questionnaire",
    "offers": "ask_for_offers",
    "answer_offer": "answer_offer",
    "supervision_answer": "answer_supervision",
    "post_message": "post_message",
    # "consent" stands for give_member_consent or withdraw_member_consent, by its `give`.
}
HELPER_BUTTONS = {
    "helper_accept": "accept_routing",
    "helper_decline": "decline_routing",
    "helper_step_aside": "step_aside",
    "helper_consent": "give_helper_consent",
    "helper_start": "start_work",
    "helper_delay": "announce_delay",
    "helper_alert": "raise_alert",
    "helper_outcome": "file_outcome",
    "helper_offer": "make_offer",
    "helper_supervision_ask": "ask_supervision",
    "helper_supervision_share": "share_summary",
    "helper_resolve": "resolve",
    "post_message": "post_message",
}
COORDINATION_BUTTONS = {
    "coord_acknowledge": "acknowledge",
    "coord_accept": "accept",
    "coord_decline": "decline",
    "coord_route": "route",
    "coord_refer": "refer",
    "coord_delay": "announce_delay",
    "coord_handle_alert": "handle_alert",
    "post_message": "post_message",
}
# Allowed to coordinators by the table, offered elsewhere or by no button of this page:
# opening the page records the access; a helper resolves, offers quotes and raises alerts from
# the brief (the coordination's own way to do these is not a page yet).
NOT_ON_THE_COORDINATION_PAGE = {"record_access", "resolve", "make_offer", "raise_alert"}


class Buttons(HTMLParser):
    """The forms (action and hidden fields) and the links styled as buttons of a page."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self.forms.append({"action": attrs.get("action") or "", "fields": {}})
        elif tag == "input" and attrs.get("type") == "hidden" and self.forms:
            self.forms[-1]["fields"][attrs.get("name")] = attrs.get("value")
        elif tag == "a" and "button" in (attrs.get("class") or "").split():
            self.links.append(attrs.get("href") or "")


def url_name(url):
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    return match.url_name if match.namespace == "helprequests" else None


def actions_shown(html, buttons):
    """The table's actions that the page's buttons stand for; fails on a request button this
    file does not know, so a new button is walked too."""
    parser = Buttons()
    parser.feed(html)
    shown = set()
    targets = [(form["action"], form["fields"]) for form in parser.forms]
    targets += [(href, {}) for href in parser.links]
    for url, fields in targets:
        name = url_name(url)
        if name is None or name in ("ask", "mine", "helper_requests"):
            continue
        if name == "consent":
            give = fields.get("give") == "1"
            shown.add("give_member_consent" if give else "withdraw_member_consent")
            continue
        assert name in buttons, f"a button to {name} that this test does not know"
        shown.add(buttons[name])
    return shown


class Walk:
    """A request brought to `status` through the services (factories.Cast), with what makes
    every button possible on the way: an alert for the coordination to handle, and, once a
    helper took it, a quote waiting for the member's answer, a supervision the member agreed to
    (the summary is still to share), one waiting for their answer, and the member's consent
    when asked."""

    def __init__(self, status, consent):
        self.cast = cast = Cast.create()
        obj = cast.submit()
        services.raise_alert(request=obj, by=cast.coordinator, kind=AlertKind.DANGER, note="Vu.")
        for step in PATHS[status]:
            cast.step(obj, step)
            if step == "accept_routing":
                self.while_taken(fresh(obj), consent)
        self.request = fresh(obj)
        assert self.request.status == status

    def while_taken(self, obj, consent):
        cast = self.cast
        services.make_offer(
            request=obj,
            by=cast.helper,
            title="Accompagnement",
            description="Trois séances.",
            usual_price=Decimal("300"),
            network_price=Decimal("150"),
        )
        agreed = services.ask_supervision(request=obj, by=cast.helper, supervisor=helper())
        services.answer_supervision(share=agreed, by=cast.member, agree=True)
        services.ask_supervision(request=fresh(obj), by=cast.helper, supervisor=cast.other_helper)
        if consent:
            services.give_member_consent(routing=cast.routing(obj), by=cast.member)

    def allowed(self, user):
        return permissions.allowed_actions(user, self.request)

    @property
    def helper_holds_it(self):
        """The helper took the request and their routing is still live."""
        return self.request.routings.filter(
            helper=self.cast.helper, status=RoutingStatus.ACCEPTED
        ).exists()


def url(name, obj):
    return reverse(f"helprequests:{name}", kwargs={"public_id": obj.public_id})


def member_page_offers_what_the_table_allows(walk, client, status, consent):
    obj = walk.request
    allowed = walk.allowed(walk.cast.member)

    page = client.get(url("detail", obj))

    assert page.status_code == 200
    shown = actions_shown(page.content.decode(), MEMBER_BUTTONS)
    assert shown <= allowed, f"the member's page offers what the table refuses: {shown - allowed}"
    holds_it = walk.helper_holds_it
    was_taken = "accept_routing" in PATHS[status]
    needs = {
        # The consent buttons go with the helper who holds the request.
        "give_member_consent": holds_it and not consent,
        "withdraw_member_consent": holds_it and consent,
        # A quote and a supervision request exist from the moment a helper took it.
        "answer_offer": was_taken,
        "answer_supervision": was_taken,
    }
    assert shown == {action for action in allowed if needs.get(action, True)}, "member's page"

    withdrawal = client.get(url("withdraw", obj)).content.decode()
    assert ("Oui, retirer ma demande" in withdrawal) == ("withdraw" in allowed)


def helper_brief_offers_what_the_table_allows(walk, client, status):
    page = client.get(url("helper_brief", walk.request))

    if status not in (Status.ROUTED, Status.TAKEN, Status.IN_PROGRESS, Status.RESOLVED):
        assert page.status_code == 404  # no live routing: nothing to see, nothing to press
        return
    assert page.status_code == 200
    allowed = walk.allowed(walk.cast.helper)
    shown = actions_shown(page.content.decode(), HELPER_BUTTONS)
    assert shown <= allowed, f"the brief offers what the table refuses: {shown - allowed}"
    assert shown == allowed, "helper's brief"


def coordination_page_offers_what_the_table_allows(walk, client):
    allowed = walk.allowed(walk.cast.coordinator)

    page = client.get(url("coord_detail", walk.request))

    assert page.status_code == 200
    shown = actions_shown(page.content.decode(), COORDINATION_BUTTONS)
    assert shown <= allowed, f"the coordination offers what the table refuses: {shown - allowed}"
    assert shown == allowed - NOT_ON_THE_COORDINATION_PAGE, "coordination's page"


@pytest.mark.parametrize(("status", "consent"), CASES)
def test_each_request_page_offers_exactly_what_the_table_allows(client_for, db, status, consent):
    walk = Walk(status, consent)
    cast = walk.cast

    member_page_offers_what_the_table_allows(walk, client_for(cast.member), status, consent)
    helper_brief_offers_what_the_table_allows(walk, client_for(cast.helper), status)
    coordination_page_offers_what_the_table_allows(walk, client_for(cast.coordinator))
