"""The menu, footer and help link kept per audience (portal.page_cache.audience_block; issue #16,
item 3): each audience sees its own, a change of content clears them, and a member's page no
longer asks the database for them."""

import pytest
from django.test import Client

from home.tests.factories import SECRET_SPACE, StandardPageFactory
from members.tests import factories as people

pytestmark = pytest.mark.django_db

MY_REQUESTS = "/demandes/"
# Session, user, profile, charters in force and the person's acceptances (the joining gate),
# groups, the person's requests, and the two permission reads of the admin link in base.html.
# The menu, footer and help link come from the cache.
MY_REQUESTS_QUERIES = 8


def menu_of(response):
    html = response.content.decode()
    return html[html.index('class="main-nav"') : html.index("</nav>", html.index("main-nav"))]


def test_a_members_menu_shows_the_members_space_and_a_visitors_menu_does_not(
    site_tree, member, client_for
):
    assert SECRET_SPACE in menu_of(client_for(member).get(MY_REQUESTS))
    assert SECRET_SPACE not in menu_of(Client().get("/?apres-un-membre"))
    assert SECRET_SPACE in menu_of(client_for(member).get("/"))


def test_a_person_without_a_role_does_not_get_the_members_menu(
    site_tree, member, user_without_role, client_for
):
    assert SECRET_SPACE in menu_of(client_for(member).get("/"))
    assert SECRET_SPACE not in menu_of(client_for(user_without_role).get("/"))


def test_the_menu_marks_the_page_being_read_even_when_kept(site_tree, member, client_for):
    client = client_for(member)
    client.get("/")
    menu = menu_of(client.get(site_tree.about.url))
    assert f'href="{site_tree.about.url}" aria-current="page"' in menu
    assert 'aria-current="page">Accueil' not in menu


def test_a_page_added_to_the_menu_shows_on_members_pages_at_once(site_tree, member, client_for):
    client = client_for(member)
    assert "Nouvelle rubrique" not in menu_of(client.get(MY_REQUESTS))
    StandardPageFactory(parent=site_tree.home, title="Nouvelle rubrique", show_in_menus=True)
    assert "Nouvelle rubrique" in menu_of(client.get(MY_REQUESTS))


def test_a_members_page_does_not_ask_the_database_for_the_menu_and_footer(
    site_tree, client_for, django_assert_num_queries
):
    member = people.member()
    client = client_for(member)
    client.get(MY_REQUESTS)
    with django_assert_num_queries(MY_REQUESTS_QUERIES):
        response = client.get(MY_REQUESTS)
    assert SECRET_SPACE in menu_of(response)
    assert "V2/2025" in response.content.decode()
