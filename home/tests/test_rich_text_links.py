"""Links inside rich text to members-only pages or documents (security issue, item 10).

For a visitor who may not see the target, the link is plain text: no href, no slug, no file name,
as the page, document and image blocks already hide what the visitor may not see. Members, who
may see them, get the links.
"""

import pytest
from django.test import Client

from home.tests.factories import make_document, members_collection

# The CMS tree is built once for the module (conftest.shared_site_tree).
pytestmark = pytest.mark.usefixtures("shared_site_tree")

SECRET_FILE = "compte-rendu-interne.pdf"


def _rich(site_tree, document):
    space = site_tree.members_space
    public = site_tree.values
    return (
        f'<p>Voir <a linktype="page" id="{space.pk}">notre espace</a>, '
        f'<a linktype="document" id="{document.pk}">le compte rendu</a> et '
        f'<a linktype="page" id="{public.pk}">nos valeurs</a>.</p>'
    )


@pytest.fixture
def secret_document(db):
    return make_document(
        title="Compte rendu interne", filename=SECRET_FILE, collection=members_collection()
    )


@pytest.fixture
def page_with_links(site_tree, secret_document):
    """A public page whose paragraph and question link to members-only things."""
    page = site_tree.about
    rich = _rich(site_tree, secret_document)
    page.body = [
        ("paragraph", rich),
        ("question", {"question": "Où trouver le compte rendu ?", "answer": rich}),
    ]
    page.save_revision().publish()
    return page


@pytest.fixture
def home_with_links(site_tree, secret_document):
    home = site_tree.home
    home.intro = _rich(site_tree, secret_document)
    home.save_revision().publish()
    return home


def _assert_hidden(html, site_tree):
    assert "notre espace" in html and "le compte rendu" in html
    assert site_tree.members_space.url not in html
    assert "espace-membres" not in html
    assert SECRET_FILE.rsplit(".", 1)[0] not in html
    assert "/documents/" not in html
    assert f'href="{site_tree.values.url}"' in html  # the public link stays a link


def _assert_links(html, site_tree):
    assert f'href="{site_tree.members_space.url}">notre espace</a>' in html
    assert "/documents/" in html and "le compte rendu</a>" in html


def test_a_visitor_sees_links_to_members_only_things_in_a_paragraph_as_plain_text(
    page_with_links, site_tree
):
    html = Client().get(page_with_links.url).content.decode()
    _assert_hidden(html, site_tree)
    assert html.count("notre espace</a>") == 0


def test_a_member_sees_the_links_in_the_paragraph_and_the_question(
    page_with_links, site_tree, member, client_for
):
    html = client_for(member).get(page_with_links.url).content.decode()
    _assert_links(html, site_tree)
    assert html.count(f'href="{site_tree.members_space.url}">notre espace</a>') == 2


def test_a_visitor_sees_plain_text_in_a_rich_text_introduction(home_with_links, site_tree):
    html = Client().get(home_with_links.url).content.decode()
    _assert_hidden(html, site_tree)


def test_a_member_sees_the_links_of_a_rich_text_introduction(
    home_with_links, site_tree, member, client_for
):
    _assert_links(client_for(member).get(home_with_links.url).content.decode(), site_tree)


def test_a_visitor_after_a_member_still_gets_the_plain_text(
    page_with_links, site_tree, member, client_for
):
    """Nothing caches the member's version of the page for the next visitor."""
    client_for(member).get(page_with_links.url)
    response = Client().get(page_with_links.url)
    _assert_hidden(response.content.decode(), site_tree)


def test_a_link_to_a_page_that_no_longer_exists_is_plain_text(site_tree, client_for, member):
    page = site_tree.about
    page.body = [("paragraph", '<p><a linktype="page" id="987654">disparue</a></p>')]
    page.save_revision().publish()
    html = client_for(member).get(page.url).content.decode()
    assert "disparue" in html and "disparue</a>" not in html
