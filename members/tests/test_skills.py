"""Members' skills live in their own table, not among the CMS tags (R-C6, R-C8).

As CMS tags they were offered to editors and coordinators by the Wagtail admin's tag
autocomplete, in the page editor's tag fields, and outlived the deleted profile.
"""

import html
import re

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from taggit.models import Tag

from home.tests.factories import ResourcePageFactory
from members import roles
from members.models import MembershipStatus, Organisation, Profile, Skill, Visibility
from members.tests.factories import PASSWORD, UserFactory, with_second_factor

pytestmark = pytest.mark.django_db

SKILL = "Calligraphie-Wq"
CMS_TAG = "Calligraphie-Cms"
AUTOCOMPLETE = "/admin/tag-autocomplete/"


def _member_who_states_a_skill(client_for):
    user = UserFactory(roles=[roles.MEMBERS], first_name="Prénom", last_name="Famille")
    Profile.objects.create(user=user, status=MembershipStatus.ACTIVE)
    response = client_for(user).post(
        reverse("members:my_profile"),
        {
            "first_name": "Prénom",
            "last_name": "Famille",
            "skills": f"{SKILL}, écoute",
        },
    )
    assert response.status_code == 302
    return user


@pytest.fixture
def resource(site_tree):
    return ResourcePageFactory(parent=site_tree.resources, title="Fiche", tags=[CMS_TAG])


@pytest.fixture
def admin_client(client_for, request):
    """A logged-in client for the admin role named by the test's parameter."""
    user = request.getfixturevalue(request.param)
    with_second_factor(user)
    return client_for(user)


def _offered(client, url, term="Calligraphie"):
    response = client.get(url, {"term": term})
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize("admin_client", ["editor", "coordinator"], indirect=True)
def test_the_admin_tag_autocomplete_offers_cms_tags_but_never_a_members_skill(
    client_for, admin_client, resource
):
    _member_who_states_a_skill(client_for)

    offered = _offered(admin_client, AUTOCOMPLETE)

    assert CMS_TAG in offered
    assert SKILL not in offered


def test_the_page_editor_tag_field_never_offers_a_members_skill(client_for, editor, resource):
    _member_who_states_a_skill(client_for)
    with_second_factor(editor)
    client = client_for(editor)

    page = client.get(f"/admin/pages/{resource.pk}/edit/").content.decode()
    tag_field_urls = {
        html.unescape(url) for url in re.findall(r'data-w-tag-url-value="([^"]+)"', page)
    }

    assert tag_field_urls
    for url in tag_field_urls:
        offered = _offered(client, url)
        assert CMS_TAG in offered
        assert SKILL not in offered
    assert SKILL not in page


def test_the_skill_table_cannot_be_read_through_the_model_autocomplete(client_for, editor):
    _member_who_states_a_skill(client_for)
    with_second_factor(editor)

    response = client_for(editor).get(f"{AUTOCOMPLETE}members/skill/", {"term": "Calli"})

    assert response.status_code == 404


def test_saving_a_profile_creates_no_cms_tag(client_for):
    user = _member_who_states_a_skill(client_for)

    assert sorted(Skill.objects.filter(profile__user=user).values_list("name", flat=True)) == [
        SKILL,
        "écoute",
    ]
    assert not Tag.objects.filter(name__iexact=SKILL).exists()


def test_deleting_the_account_leaves_no_trace_of_its_skills(client_for):
    user = _member_who_states_a_skill(client_for)

    response = client_for(user).post(reverse("members:delete_account"), {"password": PASSWORD})

    assert response.status_code == 200
    assert not Profile.objects.filter(user=user).exists()
    assert not Skill.objects.filter(name=SKILL).exists()
    assert not Tag.objects.filter(name__iexact=SKILL).exists()


def test_the_directory_filter_matches_a_skill_whatever_its_case_and_spaces(client_for):
    wanted = _member_who_states_a_skill(client_for)
    Profile.objects.filter(user=wanted).update(skills_visibility=Visibility.MEMBERS)
    viewer = UserFactory(roles=[roles.MEMBERS], first_name="Lectrice", last_name="Famille")
    Profile.objects.create(user=viewer, status=MembershipStatus.ACTIVE)

    response = client_for(viewer).get(reverse("members:directory"), {"skill": "  ÉCOUTE "})

    assert str(wanted.public_id) in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_migrations_move_skills_out_of_cms_tags_keep_shared_tags_and_draw_references():
    executor = MigrationExecutor(connection)
    executor.migrate([("members", "0004_coordinator_permissions")])
    old = executor.loader.project_state([("members", "0004_coordinator_permissions")]).apps
    user = old.get_model("members", "User").objects.create(email="ancien@relais.test")
    profile = old.get_model("members", "Profile").objects.create(user=user)
    OldTag = old.get_model("taggit", "Tag")
    ProfileSkill = old.get_model("members", "ProfileSkill")
    only_a_skill = OldTag.objects.create(name=SKILL, slug="calligraphie-wq")
    also_cms = OldTag.objects.create(name=CMS_TAG, slug="calligraphie-cms")
    old.get_model("taggit", "TaggedItem").objects.create(
        tag=also_cms,
        content_type=old.get_model("contenttypes", "ContentType").objects.get_or_create(
            app_label="home", model="resourcepage"
        )[0],
        object_id=1,
    )
    ProfileSkill.objects.create(content_object=profile, tag=only_a_skill)
    ProfileSkill.objects.create(content_object=profile, tag=also_cms)
    # An organisation of that time: the next migration draws its reference (security item 4).
    old.get_model("members", "Organisation").objects.create(name="Ancienne")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    skills = Skill.objects.filter(profile_id=profile.pk)
    assert sorted(skills.values_list("name", flat=True)) == sorted([SKILL, CMS_TAG])
    assert not Tag.objects.filter(name=SKILL).exists()
    assert Tag.objects.filter(name=CMS_TAG).exists()
    reference = Organisation.objects.get(name="Ancienne").reference
    assert len(reference) == 8 and set(reference.lower()).isdisjoint(set("0123456789abcdef"))
