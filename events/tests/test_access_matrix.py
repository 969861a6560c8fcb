"""Who reaches which URL of events (STYLE.md: deny by default): every URL × every role.

A visitor goes to the login page; a person who has not finished joining goes to their joining
step (members/gate.py); the coordination's pages answer 403 to anyone else. Actions are posted on
an event whose registration is closed, so that nothing changes for the roles that pass.
"""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events import services
from events.models import Registration
from members.tests import factories as people
from tests.routes import Redirect, url_names

from . import factories as f

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "member", "helper", "coordinator", "moderator", "editor", "without_role")
OK, FORBIDDEN, NOT_FOUND = 200, 403, 404


LOGIN = Redirect("account_login")
JOINING = Redirect("members:questionnaire")
ANYWHERE = Redirect(None)


class World:
    def __init__(self):
        index = f.agenda()
        self.people = {
            "member": f.member(),
            "helper": f.helper(),
            "coordinator": f.coordinator(),
            "moderator": f.moderator(),
            "editor": f.editor(),
            "without_role": people.UserFactory(),
        }
        self.event = f.event(index, seats=5)
        self.place = services.register(event=self.event, by=self.people["member"])
        # Registration closed yesterday: posting "register" changes nothing for anyone.
        self.closed = f.event(
            index, registration_deadline=timezone.now() - datetime.timedelta(days=1)
        )

    def client(self, role):
        client = Client()
        if role != "anonymous":
            people.log_in(client, self.people[role])
        return client


def door(role):
    return {"anonymous": LOGIN, "without_role": JOINING}.get(role)


def members(expected):
    return lambda role: door(role) or expected


def owner_only(mine, others):
    return lambda role: door(role) or (mine if role == "member" else others)


def coordination(expected):
    return lambda role: door(role) or (expected if role == "coordinator" else FORBIDDEN)


# name -> (method, args from the world, expectation by role)
MATRIX = {
    "mine": ("get", lambda w: [], members(OK)),
    "register": ("post", lambda w: [w.closed.pk], members(ANYWHERE)),
    "calendar_file": ("get", lambda w: [w.event.pk], owner_only(OK, NOT_FOUND)),
    # Someone else's place: refused with a message (and the member's own is kept, see below).
    "cancel": ("post", lambda w: [w.place.public_id], members(ANYWHERE)),
    "coordination": ("get", lambda w: [], coordination(OK)),
    "attendance": ("get", lambda w: [w.event.pk], coordination(OK)),
    "obligations": ("get", lambda w: [], coordination(OK)),
    "remind": ("post", lambda w: [], coordination(ANYWHERE)),
}


def test_every_url_is_in_the_matrix():
    assert url_names("events") == sorted(MATRIX)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_gets_what_the_matrix_says(name, role):
    world = World()
    method, args, expectation = MATRIX[name]
    expected = expectation(role)

    response = getattr(world.client(role), method)(reverse(f"events:{name}", args=args(world)))

    if isinstance(expected, Redirect):
        assert expected.matches(response), (response.status_code, response.get("Location"))
    else:
        assert response.status_code == expected
    if name == "cancel" and role != "member":
        assert Registration.objects.get(pk=world.place.pk).status == "confirmed"
    if name == "register":
        assert not Registration.objects.filter(event=world.closed).exists()
