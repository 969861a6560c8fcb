"""Who reaches which URL of appointments (STYLE.md: deny by default): every URL × every role.

A visitor goes to the login page; a person who has not finished joining goes to their joining
step; a page of a role one does not hold answers 403; a session, slot or request that is not
one's own answers 404, so that its existence is not given away. Helpers' notes are posted
before the session starts, so they are refused (409, the refusal on the page) and nothing changes;
the helper's next step posted without a step is a form that cannot be read (400). The private
calendar feed is the one address without login (portal.access.SECRET_LINK): whoever holds the
token reads it, anyone else gets 404 whatever their role.
"""

import pytest
from django.test import Client
from django.urls import reverse

from appointments import services
from appointments.models import Availability, Session, SessionStatus
from members.models import Profile
from members.tests import factories as people
from tests.routes import Redirect, url_names

from . import factories as f

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "member",
    "other_member",
    "helper",
    "other_helper",
    "coordinator",
    "moderator",
    "editor",
    "without_role",
)
OK, INVALID, FORBIDDEN, NOT_FOUND, REFUSED = 200, 400, 403, 404, 409
HELPERS = {"helper", "other_helper"}


LOGIN = Redirect("account_login")
JOINING = Redirect("members:questionnaire")
ANYWHERE = Redirect(None)


class World:
    def __init__(self):
        self.cast, self.request = f.taken()
        cast = self.cast
        for person in (cast.other_member, cast.other_helper, cast.moderator, cast.editor):
            Profile.objects.create(user=person, status="active")
        people.with_second_factor(cast.editor)
        Profile.objects.create(user=cast.coordinator, status="active")
        self.people = {
            "member": cast.member,
            "other_member": cast.other_member,
            "helper": cast.helper,
            "other_helper": cast.other_helper,
            "coordinator": cast.coordinator,
            "moderator": cast.moderator,
            "editor": cast.editor,
            "without_role": people.UserFactory(),
        }
        self.slot = f.weekly(cast.helper, 1, 9)
        away = f.next_weekday(2, weeks=5)
        self.absence = services.add_absence(helper=cast.helper, starts_on=away, ends_on=away)
        self.session = f.book(cast, self.request, f.at(f.next_weekday(1, weeks=2), 9))
        self.feed = services.open_feed(user=cast.member)

    def client(self, role):
        client = Client()
        if role != "anonymous":
            people.log_in(client, self.people[role])
        return client


def door(role):
    return {"anonymous": LOGIN, "without_role": JOINING}.get(role)


def members(expected):
    return lambda role: door(role) or expected


def own(expected, owners):
    return lambda role: door(role) or (expected if role in owners else NOT_FOUND)


def helpers(mine, others=NOT_FOUND):
    return lambda role: (
        door(role) or (mine if role == "helper" else others if role in HELPERS else FORBIDDEN)
    )


def anyone(expected):
    return lambda role: expected


def coordination(expected):
    return lambda role: door(role) or (expected if role == "coordinator" else FORBIDDEN)


# name -> (method, args from the world, expectation by role)
MATRIX = {
    "mine": ("get", lambda w: [], members(OK)),
    "calendar_feed": ("post", lambda w: [], members(ANYWHERE)),
    "feed": ("get", lambda w: [w.feed.token], anyone(OK)),
    "availability": ("get", lambda w: [], helpers(OK, OK)),
    "remove_slot": ("post", lambda w: [w.slot.pk], helpers(ANYWHERE)),
    "remove_absence": ("post", lambda w: [w.absence.pk], helpers(ANYWHERE)),
    "book": ("get", lambda w: [w.request.public_id], own(OK, {"member"})),
    "offer": ("get", lambda w: [w.request.public_id], helpers(OK)),
    "cancel": (
        "get",
        lambda w: [w.session.public_id],
        own(OK, {"member", "helper", "coordinator"}),
    ),
    "no_show": ("post", lambda w: [w.session.public_id], helpers(REFUSED)),
    "done": ("post", lambda w: [w.session.public_id], helpers(REFUSED)),
    "propose": ("post", lambda w: [w.session.public_id], helpers(INVALID)),
    "remote_details": (
        "post",
        lambda w: [w.session.public_id],
        lambda role: (
            REFUSED if role == "member" else own(ANYWHERE, {"helper", "coordinator"})(role)
        ),
    ),
    "feedback": ("get", lambda w: [w.session.public_id], own(OK, {"member", "helper"})),
    "coordination": ("get", lambda w: [], coordination(OK)),
    "coord_request": ("get", lambda w: [w.request.public_id], coordination(OK)),
}


def test_every_url_is_in_the_matrix():
    assert url_names("appointments") == sorted(MATRIX)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_gets_what_the_matrix_says(name, role):
    world = World()
    method, args, expectation = MATRIX[name]
    expected = expectation(role)

    response = getattr(world.client(role), method)(
        reverse(f"appointments:{name}", args=args(world))
    )

    if isinstance(expected, Redirect):
        assert expected.matches(response), (response.status_code, response.get("Location"))
    else:
        assert response.status_code == expected
    assert Session.objects.get().status == SessionStatus.BOOKED
    if name == "remove_slot" and role != "helper":
        assert Availability.objects.filter(pk=world.slot.pk).exists()


@pytest.mark.parametrize("role", ROLES)
def test_a_feed_address_with_a_wrong_token_is_not_found_for_every_role(role):
    world = World()
    token = world.feed.token
    wrong = ("A" if token[0] != "A" else "B") + token[1:]

    for candidate in (wrong, token[:-1], token + "x", "x"):
        response = world.client(role).get(reverse("appointments:feed", args=[candidate]))
        assert response.status_code == NOT_FOUND, candidate
