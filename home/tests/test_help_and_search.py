"""Finding help fast: urgent numbers in view, search by tag, summaries in results."""

import pytest
from django.test import Client

from home.models import SiteLinks
from home.tests.factories import ResourcePageFactory

# The CMS tree is built once for the module (conftest.shared_site_tree).
pytestmark = pytest.mark.usefixtures("shared_site_tree")


def test_the_home_page_shows_the_emergency_numbers_as_phone_links(site_tree):
    html = Client().get("/").content.decode()

    assert 'href="tel:3114"' in html
    assert 'href="tel:112"' in html


def test_the_help_page_shows_the_emergency_numbers(site_tree):
    links = SiteLinks.for_site(site_tree.home.get_site())
    links.help_page = site_tree.about
    links.save()

    assert 'href="tel:3114"' in Client().get(site_tree.about.url).content.decode()


def test_an_ordinary_page_does_not_repeat_the_emergency_block(site_tree):
    assert 'href="tel:3114"' not in Client().get(site_tree.values.url).content.decode()


def test_search_finds_a_resource_by_its_tag_and_shows_its_summary(site_tree):
    resource = ResourcePageFactory(
        parent=site_tree.resources,
        title="Fiche sans le mot dans le titre",
        summary="Quelques repères pour souffler.",
        tags=["surmenage"],
    )
    resource.save_revision().publish()  # as an editor does: tags are indexed with the page

    html = Client().get("/recherche/", {"q": "surmenage"}).content.decode()

    assert "Fiche sans le mot dans le titre" in html
    assert "Quelques repères pour souffler." in html


def test_an_empty_search_explains_what_to_type(site_tree):
    html = Client().get("/recherche/").content.decode()

    assert "Saisissez un ou plusieurs mots" in html


def test_the_login_page_does_not_link_to_itself(site_tree):
    html = Client().get("/compte/login/").content.decode()

    assert "?next=/compte/login/" not in html
