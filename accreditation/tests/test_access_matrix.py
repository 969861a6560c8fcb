"""Who reaches which URL of accreditation (STYLE.md: deny by default): every URL × every role.

A visitor goes to the login page; a person who has not finished joining goes to their joining
step; a page of a role one does not hold answers 403; a complaint page about a request or
session that is not the member's answers 404, so that its existence is not given away. The
pages that change something are walked with a POST too: whoever may not use them changes
nothing; whoever may, acts.

The door (login, joining step), the logged-in client and the comparison are the shared ones of
tests/routes.py.
"""

import pytest
from django.urls import reverse

from accreditation.models import Accreditation, Change, Complaint, Outcome
from appointments.tests import factories as af
from members.models import Profile
from members.tests import factories as people
from tests.routes import answers, client_as, door, url_names

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
OK, FORBIDDEN, NOT_FOUND = 200, 403, 404
MEMBERS = {"member", "other_member", "helper", "other_helper", "coordinator", "moderator", "editor"}
HELPERS = {"helper", "other_helper"}


class World:
    def __init__(self):
        self.cast, self.request = f.taken()
        cast = self.cast
        for person in (cast.other_helper, cast.moderator, cast.editor, cast.coordinator):
            Profile.objects.get_or_create(user=person, defaults={"status": "active"})
        people.with_second_factor(cast.editor)
        af.weekly(cast.helper, 1, 9)
        self.session = af.book(cast, self.request, af.at(af.next_weekday(1), 9))
        self.complaint = f.complaint(cast, self.request)
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

    def client(self, role):
        return client_as(self.people.get(role))


def helpers(role):
    return door(role) or (OK if role in HELPERS else FORBIDDEN)


def the_member(role):
    """The request's or session's own member; other members get 404, other roles without the
    Membres group 403 (every role of this world is a member too, hence 404 for them)."""
    return door(role) or (OK if role == "member" else NOT_FOUND if role in MEMBERS else FORBIDDEN)


def members(role):
    return door(role) or (OK if role in MEMBERS else FORBIDDEN)


def coordination(role):
    return door(role) or (OK if role == "coordinator" else FORBIDDEN)


# name -> (args from the world, expectation by role)
MATRIX = {
    "mine": (lambda w: [], helpers),
    "complain_request": (lambda w: [w.request.public_id], the_member),
    "complain_session": (lambda w: [w.session.public_id], the_member),
    "my_complaints": (lambda w: [], members),
    "coordination": (lambda w: [], coordination),
    "helper": (lambda w: [w.cast.helper.public_id], coordination),
    "complaint": (lambda w: [w.complaint.public_id], coordination),
}


def test_every_url_is_in_the_matrix():
    assert url_names("accreditation") == sorted(MATRIX)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_gets_what_the_matrix_says(name, role):
    world = World()
    args, expectation = MATRIX[name]
    expected = expectation(role)

    response = world.client(role).get(reverse(f"accreditation:{name}", args=args(world)))

    assert answers(response, expected), (response.status_code, response.get("Location"))
    if expected == OK:
        assert "no-store" in response["Cache-Control"]


# name -> what a person allowed there posts (from the world); the others change nothing.
POSTS = {
    "mine": lambda w: {"action": "pause"},
    "complain_request": lambda w: {
        "helper": w.cast.helper.pk,
        "charter_article": "Article 3",
        "account": "Propos déplacés pendant l’entretien.",
    },
    "complain_session": lambda w: {
        "helper": w.cast.helper.pk,
        "charter_article": "Article 3",
        "account": "Propos déplacés pendant l’entretien.",
    },
    "helper": lambda w: {"decision": "suspend", "reason": "Assurance expirée."},
    "complaint": lambda w: {"outcome": Outcome.REMINDER, "note": "Rappel de l’article 3."},
}


def state():
    return (
        Change.objects.count(),
        Complaint.objects.count(),
        sorted(Accreditation.objects.values_list("helper_id", "status")),
        sorted(Complaint.objects.values_list("pk", "outcome")),
    )


def test_every_page_that_changes_something_is_walked_with_a_post():
    changing = {name for name in MATRIX if name not in ("my_complaints", "coordination")}
    assert changing == set(POSTS)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(POSTS))
def test_a_post_changes_something_only_for_whom_the_matrix_lets_in(name, role):
    world = World()
    args, expectation = MATRIX[name]
    expected = expectation(role)
    before = state()

    response = world.client(role).post(
        reverse(f"accreditation:{name}", args=args(world)), POSTS[name](world)
    )

    if expected == OK:
        assert response.status_code == 302, response.status_code
        assert state() != before
    else:
        assert answers(response, expected), (response.status_code, response.get("Location"))
        assert state() == before


def test_a_helper_page_of_someone_who_is_not_a_helper_answers_404(client_for):
    world = World()
    response = client_for(world.cast.coordinator).get(
        reverse("accreditation:helper", args=[world.cast.member.public_id])
    )
    assert response.status_code == NOT_FOUND
