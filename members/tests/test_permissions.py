"""The permission matrix: each role against each route of the members' area (issue #4).

ROUTES is the one table: for every URL name of the "members" namespace, the rule of
members.permissions that guards it, whether GET is refused by method (POST-only routes), and
which real object fills its <uuid:public_id>. A route of the namespace that is missing from the
table fails the test, so a new route cannot ship without saying who may use it.
"""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from members import roles
from members.models import HelperProfile, MembershipStatus, Organisation, Profile
from members.permissions import RULES
from members.tests.factories import UserFactory

ANONYMOUS, MEMBER, HELPER, COORDINATOR, MODERATOR, EDITOR = (
    "anonymous",
    "member",
    "helper",
    "coordinator",
    "moderator",
    "editor",
)
ROLES = (ANONYMOUS, MEMBER, HELPER, COORDINATOR, MODERATOR, EDITOR)

# Who each rule of members.permissions lets in (every logged-in role here is an active member).
ALLOWED = {
    "account": {MEMBER, HELPER, COORDINATOR, MODERATOR, EDITOR},
    "member": {MEMBER, HELPER, COORDINATOR, MODERATOR, EDITOR},
    "helper": {HELPER},
    "coordinator": {COORDINATOR},
}

GET, POST_ONLY = "get", "post-only"

# url name: (rule, methods, sample object for <uuid:public_id>, statuses of an allowed GET)
ROUTES = {
    # Joining (R-C6, R-C15): any logged-in person; an active member is sent on from the
    # questionnaire, and reads the terms and their own status.
    "questionnaire": ("account", GET, None, {302}),
    "accept_terms": ("account", GET, None, {200}),
    "pending": ("account", GET, None, {200}),
    "approval_queue": ("coordinator", GET, None, {200}),
    "decide_application": ("coordinator", GET, "applicant", {200}),
    "acceptances": ("coordinator", GET, None, {200}),
    # Profiles, privacy and directory (R-C7, R-C11).
    "my_profile": ("member", GET, None, {200}),
    "my_privacy": ("member", GET, None, {200}),
    "directory": ("member", GET, None, {200}),
    "profile": ("member", GET, "member", {200}),
    # Data rights (R-C8) and safe sessions (R-G10).
    "my_data": ("account", GET, None, {200}),
    "my_data_json": ("account", GET, None, {200}),
    "delete_account": ("account", GET, None, {200}),
    "access_log": ("coordinator", GET, None, {200}),
    "extend_session": ("account", POST_ONLY, None, {405}),
    # Helpers (R-K6, R-K9) and organisations (R-A1).
    "helper_profile": ("helper", GET, None, {200}),
    "helpers_admin": ("coordinator", GET, None, {200}),
    "verify_helper": ("coordinator", POST_ONLY, "helper", {405}),
    "organisations": ("helper", GET, None, {200}),
    "organisation": ("helper", GET, "organisation", {200}),
}


def _members_patterns(patterns=None):
    """(url name, pattern) for every route of the members namespace."""
    if patterns is None:
        resolver = next(
            p
            for p in get_resolver().url_patterns
            if isinstance(p, URLResolver) and p.namespace == "members"
        )
        patterns = resolver.url_patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _members_patterns(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            yield pattern.name, pattern


def _active(user):
    Profile.objects.create(user=user, status=MembershipStatus.ACTIVE)
    return user


def _with_totp(user):
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    return user


def _person(role):
    groups = {
        MEMBER: [roles.MEMBERS],
        HELPER: [roles.MEMBERS, roles.HELPERS],
        COORDINATOR: [roles.MEMBERS, roles.COORDINATORS],
        MODERATOR: [roles.MEMBERS, roles.MODERATORS],
        EDITOR: [roles.MEMBERS, roles.EDITORS],
    }[role]
    user = _active(UserFactory(roles=groups))
    if role in (COORDINATOR, EDITOR):
        # Both must set up a second factor (members.mfa); with it, only the rules decide.
        _with_totp(user)
    return user


def _samples():
    applicant = UserFactory()
    Profile.objects.create(user=applicant, status=MembershipStatus.PENDING)
    helper = _person(HELPER)
    HelperProfile.objects.create(user=helper, qualifications="Formation à l’écoute")
    return {
        "applicant": applicant.public_id,
        "member": _person(MEMBER).public_id,
        "helper": helper.public_id,
        "organisation": Organisation.objects.create(name="Numéria Services").public_id,
    }


def _url(name, sample, samples):
    kwargs = {"public_id": samples[sample]} if sample else {}
    return reverse(f"members:{name}", kwargs=kwargs)


def test_every_route_of_the_members_area_is_in_the_table():
    names = {name for name, _pattern in _members_patterns()}

    assert names - set(ROUTES) == set(), "add the new routes to ROUTES"
    assert set(ROUTES) - names == set(), "remove the routes that are gone from ROUTES"


def test_every_route_declares_the_rule_the_table_expects():
    mismatched = []
    for name, pattern in _members_patterns():
        rule = ROUTES[name][0]
        if getattr(pattern.callback, "relais_rule", None) != RULES[rule]:
            mismatched.append(name)
    assert mismatched == []


def test_every_uuid_route_has_a_sample_object():
    for name, pattern in _members_patterns():
        has_uuid = "<uuid:public_id>" in str(pattern.pattern)
        assert has_uuid == (ROUTES[name][2] is not None), name


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_the_rules_say_on_every_route(role, client, client_for, db):
    samples = _samples()
    http = client if role == ANONYMOUS else client_for(_person(role))
    wrong = []
    for name, (rule, _methods, sample, allowed_statuses) in ROUTES.items():
        url = _url(name, sample, samples)
        response = http.get(url)
        if role == ANONYMOUS:
            ok = response.status_code == 302 and response["Location"].startswith(
                "/compte/login/?next="
            )
        elif role in ALLOWED[rule]:
            ok = response.status_code in allowed_statuses and not (
                response.status_code == 302 and "/compte/login/" in response["Location"]
            )
        else:
            ok = response.status_code == 403
        if not ok:
            wrong.append((name, response.status_code, response.get("Location")))
    assert wrong == []


@pytest.mark.parametrize("role", [MEMBER, MODERATOR, EDITOR, HELPER])
def test_post_only_routes_refuse_a_post_from_roles_without_the_right(role, client_for, db):
    samples = _samples()
    http = client_for(_person(role))
    for name, (rule, methods, sample, _statuses) in ROUTES.items():
        if methods == POST_ONLY and role not in ALLOWED[rule]:
            assert http.post(_url(name, sample, samples)).status_code == 403, name
