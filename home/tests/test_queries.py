"""The main pages cost the same number of queries whatever the size of the library.

Each page is measured with 3 and with 30 resources; a count that grows with the data is an
N+1 query. The pinned numbers are for an anonymous visitor on the fixture site.
"""

import pytest
from django.test import Client

from home.tests.factories import ResourcePageFactory, ThemeFactory, make_document

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_site_tree")]

SIZES = [3, 30]
# Measured once, pinned for both sizes: the page built (not served from the visitors' cache),
# with the menu, footer and help link already kept for visitors (portal/page_cache.py), except
# for a resource made after the warm-up, which clears them (RESOURCE_PAGE_QUERIES).
HOME_PAGE_QUERIES = 9
RESOURCE_INDEX_QUERIES = 12
RESOURCE_PAGE_QUERIES = 21
RESOURCE_PAGE_WITH_ONE_ATTACHMENT_QUERIES = 16


@pytest.fixture(params=SIZES, ids=lambda size: f"{size}-resources")
def library(request, site_tree):
    """The fixture site, with its library topped up to the requested number of resources."""
    themes = [ThemeFactory(), ThemeFactory()]
    existing = len(site_tree.public_resources) + 1
    for number in range(request.param - existing):
        ResourcePageFactory(
            parent=site_tree.resources,
            title=f"Ressource mesurée {number:03}",
            themes=themes,
            tags=[f"mot-{number}", "commun"],
        )
    return site_tree


@pytest.fixture
def warm_client(library):
    """A client whose first request has filled the per-process caches (content types, site)."""
    client = Client()
    client.get("/")
    return client


def test_home_page_query_count_does_not_grow_with_the_library(
    warm_client, library, django_assert_num_queries
):
    # Another address than the one the warm-up kept (portal/page_cache.py): the page is built.
    with django_assert_num_queries(HOME_PAGE_QUERIES):
        assert warm_client.get("/?mesure=1").status_code == 200


def test_resource_library_query_count_does_not_grow_with_the_library(
    warm_client, library, django_assert_num_queries
):
    with django_assert_num_queries(RESOURCE_INDEX_QUERIES):
        assert warm_client.get(library.resources.url).status_code == 200


def test_resource_page_query_count_does_not_grow_with_the_library(
    warm_client, library, django_assert_num_queries
):
    resource = ResourcePageFactory(
        parent=library.resources,
        title="Ressource complète",
        themes=[library.themes["ecoute"], library.themes["sante"]],
        tags=["écoute", "stress"],
        documents=[make_document(title="Pièce 1"), make_document(title="Pièce 2")],
    )

    with django_assert_num_queries(RESOURCE_PAGE_QUERIES):
        assert warm_client.get(resource.url).status_code == 200


@pytest.fixture(params=[1, 4], ids=lambda count: f"{count}-attachments")
def resource_with_attachments(request, site_tree):
    documents = [make_document(title=f"Pièce {n}") for n in range(request.param)]
    return ResourcePageFactory(
        parent=site_tree.resources, title="Ressource jointe", documents=documents
    )


def test_resource_page_query_count_does_not_grow_with_its_attachments(
    site_tree, resource_with_attachments, django_assert_num_queries
):
    client = Client()
    client.get("/")

    with django_assert_num_queries(RESOURCE_PAGE_WITH_ONE_ATTACHMENT_QUERIES):
        assert client.get(resource_with_attachments.url).status_code == 200
