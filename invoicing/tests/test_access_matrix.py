"""Who reaches which URL of invoicing (STYLE.md: deny by default): every URL × every role.

A visitor goes to the login page; a person who has not finished joining goes to their joining
step; a page of a role one does not hold answers 403; another helper's invoice answers 404, so
that its existence is not given away.
"""

import pytest
from django.test import Client
from django.urls import reverse

from invoicing.models import Invoice, InvoiceStatus
from members.models import Profile
from members.tests import factories as people
from tests.routes import Redirect, url_names

from . import factories as f

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "member",
    "helper",
    "other_helper",
    "coordinator",
    "moderator",
    "editor",
    "without_role",
)
OK, FORBIDDEN, NOT_FOUND = 200, 403, 404
HELPERS = {"helper", "other_helper"}

LOGIN = Redirect("account_login")
JOINING = Redirect("members:questionnaire")


class World:
    def __init__(self):
        self.cast, request = f.taken()
        cast = self.cast
        for person in (cast.other_helper, cast.moderator, cast.editor, cast.coordinator):
            Profile.objects.create(user=person, status="active")
        people.with_second_factor(cast.editor)
        f.billing()
        self.invoice = f.issued(cast, request)
        self.people = {
            "member": cast.member,
            "helper": cast.helper,
            "other_helper": cast.other_helper,
            "coordinator": cast.coordinator,
            "moderator": cast.moderator,
            "editor": cast.editor,
            "without_role": people.UserFactory(),
        }

    def client(self, role):
        client = Client()
        if role != "anonymous":
            people.log_in(client, self.people[role])
        return client


def door(role):
    return {"anonymous": LOGIN, "without_role": JOINING}.get(role)


def helpers(mine, others=NOT_FOUND):
    return lambda role: (
        door(role) or (mine if role == "helper" else others if role in HELPERS else FORBIDDEN)
    )


def coordination(expected):
    return lambda role: door(role) or (expected if role == "coordinator" else FORBIDDEN)


# name -> (method, args from the world, expectation by role)
MATRIX = {
    "mine": ("get", lambda w: [], helpers(OK, OK)),
    "details": ("get", lambda w: [], helpers(OK, OK)),
    "detail": ("get", lambda w: [w.invoice.public_id], helpers(OK)),
    "pdf": ("get", lambda w: [w.invoice.public_id], helpers(OK)),
    "coordination": ("get", lambda w: [], coordination(OK)),
    "export": ("get", lambda w: [], coordination(OK)),
    "coord_detail": ("get", lambda w: [w.invoice.public_id], coordination(OK)),
    "coord_pdf": ("get", lambda w: [w.invoice.public_id], coordination(OK)),
}


def test_every_url_is_in_the_matrix():
    assert url_names("invoicing") == sorted(MATRIX)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_gets_what_the_matrix_says(name, role):
    world = World()
    method, args, expectation = MATRIX[name]
    expected = expectation(role)

    response = getattr(world.client(role), method)(reverse(f"invoicing:{name}", args=args(world)))

    if isinstance(expected, Redirect):
        assert expected.matches(response), (response.status_code, response.get("Location"))
    else:
        assert response.status_code == expected
        if expected == OK:
            assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("action", ["credit", "issue", "refresh"])
def test_another_helper_posting_on_an_invoice_gets_404_and_nothing_changes(action):
    world = World()

    response = world.client("other_helper").post(
        reverse("invoicing:detail", args=[world.invoice.public_id]),
        {"action": action, "reason": "Essai.", "revision": 1},
    )

    assert response.status_code == NOT_FOUND
    assert list(Invoice.objects.values_list("status", flat=True)) == [InvoiceStatus.ISSUED]


def test_a_coordinator_cannot_mark_paid_without_the_second_factor_session():
    world = World()
    client = Client()
    client.force_login(world.cast.coordinator)

    response = client.post(
        reverse("invoicing:coord_detail", args=[world.invoice.public_id]),
        {"paid_on": world.invoice.issued_on.isoformat()},
    )

    # Sent to enter the code of their second factor, and nothing changed.
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    assert Invoice.objects.get().status == InvoiceStatus.ISSUED
