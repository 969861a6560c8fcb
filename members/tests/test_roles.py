"""Roles are groups created by a data migration (members/migrations/0002_roles.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from members import roles
from members.tests.factories import UserFactory, with_second_factor

pytestmark = pytest.mark.django_db


def test_every_role_of_the_network_exists_as_a_group():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ALL_ROLES)


def test_wagtail_default_groups_are_removed():
    assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()


def test_editor_opens_the_admin_dashboard(client_for, editor):
    with_second_factor(editor)
    assert client_for(editor).get("/admin/").status_code == 200


def test_editor_opens_the_page_editor_of_the_home_page(client_for, editor, site_tree):
    with_second_factor(editor)
    response = client_for(editor).get(f"/admin/pages/{site_tree.home.pk}/edit/")

    assert response.status_code == 200


def test_editor_cannot_open_the_list_of_users(client_for, editor, member):
    response = client_for(editor).get("/admin/users/")

    assert response.status_code != 200
    assert member.email not in response.content.decode()


def test_editor_sent_away_from_the_list_of_users_sees_no_user_email(client_for, editor, member):
    response = client_for(editor).get("/admin/users/", follow=True)

    assert member.email not in response.content.decode()


def test_editor_has_no_permission_to_view_users(editor):
    assert not editor.has_perm("members.view_user")


def test_coordinator_is_refused_the_admin_list_of_users_and_sees_no_email(
    client_for, coordinator, member
):
    with_second_factor(coordinator)
    client = client_for(coordinator)

    response = client.get("/admin/users/")
    followed = client.get("/admin/users/", follow=True)

    assert response.status_code != 200
    assert member.email not in followed.content.decode()
    assert not coordinator.has_perm("members.view_user")


def test_coordinator_cannot_inspect_a_user_in_the_admin(client_for, coordinator, member):
    with_second_factor(coordinator)

    response = client_for(coordinator).get(f"/admin/users/{member.pk}/", follow=True)

    assert member.email not in response.content.decode()


def test_administrator_still_opens_the_admin_list_of_users(client_for, member):
    administrator = UserFactory(is_superuser=True, is_staff=True)
    with_second_factor(administrator)

    response = client_for(administrator).get("/admin/users/")

    assert response.status_code == 200
    assert member.email in response.content.decode()


def test_member_without_another_role_is_sent_to_the_admin_login(client_for, member):
    response = client_for(member).get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/"


@pytest.mark.parametrize("role", roles.ALL_ROLES)
def test_has_role_is_true_for_a_user_in_that_group(role):
    user = UserFactory(roles=[role])

    assert roles.has_role(user, role)


@pytest.mark.parametrize("role", roles.ALL_ROLES)
def test_has_role_is_false_for_a_user_in_another_group(role):
    other = next(r for r in roles.ALL_ROLES if r != role)
    user = UserFactory(roles=[other])

    assert not roles.has_role(user, role)


@pytest.mark.parametrize("role", roles.ALL_ROLES)
def test_has_role_is_true_for_a_superuser(role):
    user = UserFactory(is_superuser=True)

    assert roles.has_role(user, role)


@pytest.mark.parametrize("role", roles.ALL_ROLES)
def test_has_role_is_false_for_an_anonymous_visitor(role):
    assert not roles.has_role(AnonymousUser(), role)
