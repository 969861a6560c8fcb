"""Links to members-only content are not shown to those who may not follow them (R-C11)."""

import pytest
from django.test import Client

from home.models import SiteLinks
from home.tests.factories import (
    ResourcePageFactory,
    make_document,
    members_collection,
)

# The CMS tree is built once for the module (conftest.shared_site_tree).
pytestmark = pytest.mark.usefixtures("shared_site_tree")


def test_a_public_resource_hides_an_attachment_from_the_members_collection_from_visitors(
    site_tree, member, client_for
):
    private = make_document(
        title="Procédure interne confidentielle", collection=members_collection()
    )
    public = make_document(title="Fiche publique d’accueil")
    resource = ResourcePageFactory(
        parent=site_tree.resources, title="Ressource mixte", documents=[private, public]
    )

    anonymous = Client().get(resource.url).content.decode()
    members = client_for(member).get(resource.url).content.decode()

    assert "Fiche publique d’accueil" in anonymous
    assert "Procédure interne confidentielle" not in anonymous
    assert private.url not in anonymous
    assert "Procédure interne confidentielle" in members


def test_the_header_offers_the_help_page_on_every_page(site_tree):
    links = SiteLinks.for_site(site_tree.home.get_site())
    links.help_page = site_tree.about
    links.save()

    html = Client().get(site_tree.resources.url).content.decode()

    assert "Demander de l’aide" in html
    assert f'href="{site_tree.about.url}"' in html


def test_the_header_help_link_is_not_shown_when_it_points_to_a_members_only_page(site_tree):
    links = SiteLinks.for_site(site_tree.home.get_site())
    links.help_page = site_tree.members_space
    links.save()

    html = Client().get("/").content.decode()

    assert site_tree.members_space.url not in html
    assert "help-button" not in html


def test_the_home_page_help_call_does_not_link_to_a_members_only_page(site_tree):
    home = site_tree.home
    home.help_link = site_tree.members_space
    home.save_revision().publish()

    html = Client().get("/").content.decode()

    assert site_tree.members_space.url not in html
    assert "Comment demander de l’aide" not in html
