"""Who reaches which page of help requests (issue #6, item 12; STYLE.md: deny by default).

Every URL of the app × every kind of visitor, with the status each must get. A request that is
not yours is "not found" (404), so that its existence is not given away; a page of a role you do
not hold is "forbidden" (403); a visitor who is not logged in is sent to the login page (302).
Two middlewares stop people before the views: the membership gate (members/gate.py) sends a
person who has not finished joining to their joining step on every /demandes/ URL, and the
two-factor middleware (members/mfa.py) sends coordinators and editors without TOTP to its
activation page on every /demandes/coordination/ URL (editors need TOTP for their own role, so
they are asked for it before being refused). Every redirect is checked with its Location.
POST-only actions are posted with an impossible version (0) and nothing else, so that nothing
changes: the allowed get the form back with its errors (400), the others are stopped before
anything is read. A new URL fails `test_every_url_is_in_the_matrix`
until it is added here.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from helprequests import services
from helprequests.models import AlertKind, MessageAttachment
from members import roles
from members.tests import factories

from .test_views_member import People, active, fresh

NOTHING_CHANGES = {"version": "0"}
ROLES = (
    "anonymous",
    "requester",
    "other_member",
    "helper",
    "coordinator",
    "coordinator_without_totp",
    "moderator",
    "editor",
    "user_without_role",
)
MEMBER_ROLES = set(ROLES) - {"anonymous", "user_without_role"}

# Statuses: GET pages give 200 to the allowed; POST-only pages give 400 (refused form).
OK, INVALID, FORBIDDEN, NOT_FOUND = 200, 400, 403, 404


class RedirectTo:
    """A 302 whose Location is the page named `url_name` (its query string aside)."""

    def __init__(self, url_name):
        self.url_name = url_name

    def matches(self, response):
        if response.status_code != 302:
            return False
        return response["Location"].split("?")[0] == reverse(self.url_name)

    def __repr__(self):
        return f"302 -> {reverse(self.url_name)}"


LOGIN = RedirectTo("account_login")
# A person with no role has not filled the joining questionnaire: the gate sends them there.
JOINING = RedirectTo("members:questionnaire")
TOTP = RedirectTo("mfa_activate_totp")


def at_the_door(role):
    """What every /demandes/ URL answers before any view runs, or None to reach the view."""
    if role == "anonymous":
        return LOGIN
    if role == "user_without_role":
        return JOINING
    return None


def any_member(role):
    return at_the_door(role) or OK


def requester_only(status):
    def expected(role):
        return at_the_door(role) or (status if role == "requester" else NOT_FOUND)

    return expected


def coordination(status):
    def expected(role):
        door = at_the_door(role)
        if door is not None:
            return door
        if role in ("coordinator_without_totp", "editor"):
            return TOTP
        return status if role == "coordinator" else FORBIDDEN

    return expected


def helper_page(status):
    def expected(role):
        return at_the_door(role) or (status if role == "helper" else FORBIDDEN)

    return expected


def thread(status):
    """The thread belongs to the requester, the coordinators (with TOTP) and the taking helper."""

    def expected(role):
        door = at_the_door(role)
        if door is not None:
            return door
        return status if role in ("requester", "coordinator", "helper") else NOT_FOUND

    return expected


def answered(response, expected):
    if isinstance(expected, RedirectTo):
        return expected.matches(response)
    return response.status_code == expected


class World(People):
    """One taken request with everything hanging off it, and one resolved request."""

    def __init__(self):
        super().__init__()
        self.coordinator_without_totp = active(factories.coordinator())
        self.moderator = active(factories.UserFactory(roles=[roles.MEMBERS, roles.MODERATORS]))
        self.editor = active(factories.editor())
        self.user_without_role = factories.UserFactory()
        self.supervisor = active(factories.UserFactory(roles=[roles.MEMBERS, roles.HELPERS]))

        self.obj = self.taken()
        self.routing_id = self.routing(self.obj).pk
        message = services.post_message(
            request=self.obj,
            by=self.requester,
            body="Voici le courrier reçu.",
            files=[SimpleUploadedFile("courrier.txt", b"Bonjour", content_type="text/plain")],
        )
        self.attachment = MessageAttachment.objects.get(message=message)
        self.offer = services.make_offer(
            request=fresh(self.obj),
            by=self.helper,
            title="Accompagnement",
            description="Trois séances.",
            usual_price=300,
            network_price=90,
        )
        self.share = services.ask_supervision(
            request=fresh(self.obj), by=self.helper, supervisor=self.supervisor
        )
        self.alert = services.raise_alert(
            request=fresh(self.obj), by=self.helper, kind=AlertKind.UNLAWFUL, note="À vérifier."
        )
        # What a POST must name besides the request for the view to get as far as the form.
        self.post_extra = {"helper_supervision_share": {"share": self.share.pk}}
        self.accepted_obj = self.accepted()
        self.resolved_obj = self.resolved()

    @property
    def requester(self):
        return self.member

    def user(self, role):
        return None if role == "anonymous" else getattr(self, role)


def matrix(world):
    """(url name, kwargs, method, expected(role) -> status) for every URL of the app."""
    obj = {"public_id": world.obj.public_id}
    return [
        # The member's pages.
        ("mine", {}, "get", any_member),
        ("ask", {}, "get", any_member),
        ("detail", obj, "get", requester_only(OK)),
        ("withdraw", obj, "get", requester_only(OK)),
        ("consent", obj, "post", requester_only(INVALID)),
        ("offers", obj, "post", requester_only(INVALID)),
        (
            "answer_offer",
            {**obj, "offer_id": world.offer.pk},
            "post",
            requester_only(INVALID),
        ),
        (
            "questionnaire",
            {"public_id": world.resolved_obj.public_id},
            "get",
            requester_only(OK),
        ),
        (
            "supervision_answer",
            {**obj, "share_id": world.share.pk},
            "post",
            requester_only(INVALID),
        ),
        # The coordination's.
        ("coord_queue", {}, "get", coordination(OK)),
        ("coord_alerts", {}, "get", coordination(OK)),
        ("coord_handle_alert", {"alert_id": world.alert.pk}, "post", coordination(INVALID)),
        ("coord_record", {}, "get", coordination(OK)),
        ("coord_record_for", {"member_id": world.member.public_id}, "get", coordination(OK)),
        ("coord_detail", obj, "get", coordination(OK)),
        ("coord_acknowledge", obj, "post", coordination(INVALID)),
        ("coord_accept", obj, "post", coordination(INVALID)),
        ("coord_decline", obj, "post", coordination(INVALID)),
        ("coord_route", {"public_id": world.accepted_obj.public_id}, "post", coordination(INVALID)),
        ("coord_refer", obj, "post", coordination(INVALID)),
        ("coord_delay", obj, "post", coordination(INVALID)),
        # The helper's (the helper took world.obj).
        ("helper_requests", {}, "get", helper_page(OK)),
        ("helper_supervision_cases", {}, "get", helper_page(OK)),
        ("helper_brief", obj, "get", helper_page(OK)),
        ("helper_accept", obj, "post", helper_page(INVALID)),
        ("helper_decline", obj, "post", helper_page(INVALID)),
        ("helper_step_aside", obj, "post", helper_page(INVALID)),
        ("helper_consent", obj, "post", helper_page(INVALID)),
        ("helper_start", obj, "post", helper_page(INVALID)),
        ("helper_delay", obj, "post", helper_page(INVALID)),
        ("helper_alert", obj, "post", helper_page(INVALID)),
        ("helper_alert_raised", obj, "get", helper_page(OK)),
        ("helper_outcome", obj, "post", helper_page(INVALID)),
        ("helper_offer", obj, "post", helper_page(INVALID)),
        ("helper_supervision_ask", obj, "post", helper_page(INVALID)),
        ("helper_supervision_share", obj, "post", helper_page(INVALID)),
        ("helper_resolve", obj, "post", helper_page(INVALID)),
        # The private thread.
        ("post_message", obj, "post", thread(INVALID)),
        ("attachment", {"public_id": world.attachment.public_id}, "get", thread(OK)),
    ]


@pytest.fixture
def world(db):
    return World()


@pytest.mark.parametrize("role", ROLES)
def test_each_visitor_gets_the_expected_status_on_every_url(world, role):
    client = Client()
    user = world.user(role)
    if user is not None:
        factories.log_in(client, user)
    wrong = []
    for name, kwargs, method, expected in matrix(world):
        path = reverse(f"helprequests:{name}", kwargs=kwargs)
        if method == "get":
            response = client.get(path)
        else:
            response = client.post(path, {**NOTHING_CHANGES, **world.post_extra.get(name, {})})
        if not answered(response, expected(role)):
            got = f"{response.status_code} {response.get('Location', '')}".strip()
            wrong.append(f"{method.upper()} {name}: {got} != {expected(role)!r}")
    assert wrong == []


def test_a_visitor_who_is_not_logged_in_is_sent_to_the_login_page(world):
    response = Client().get(reverse("helprequests:mine"))

    assert response["Location"].startswith(reverse("account_login"))


def test_every_url_is_in_the_matrix(world):
    in_matrix = {name for name, *_ in matrix(world)}
    resolver = get_resolver().namespace_dict["helprequests"][1]

    def names(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from names(pattern.url_patterns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield pattern.name

    assert set(names(resolver.url_patterns)) == in_matrix


def test_a_helper_only_offered_the_request_cannot_read_its_thread(world, client_for):
    obj = world.accepted_obj
    services.route_request(request=obj, by=world.coordinator, helpers=[world.supervisor])

    response = client_for(world.supervisor).post(
        reverse("helprequests:post_message", kwargs={"public_id": obj.public_id})
    )

    assert response.status_code == NOT_FOUND


def test_a_finished_request_stays_readable_by_its_requester(world, client_for):
    services.withdraw_request(request=fresh(world.accepted_obj), by=world.member)

    response = client_for(world.member).get(
        reverse("helprequests:detail", kwargs={"public_id": world.accepted_obj.public_id})
    )

    assert response.status_code == OK
