"""Site search takes whatever is typed (security issue, item 8).

Quotes, a NUL byte and the operators of full-text search mean something to SQLite's FTS5 and to
PostgreSQL's tsquery, differently; an unbalanced one used to be a server error. A NUL byte is
refused before any view (400), on every page. Run this file on
both databases (DATABASE_URL=postgres://… for PostgreSQL).
"""

import pytest
from django.test import Client

from home.tests.factories import ResourcePageFactory

# The CMS tree is built once for the module (conftest.shared_site_tree).
pytestmark = pytest.mark.usefixtures("shared_site_tree")

HOSTILE_QUERIES = [
    '"',
    '""',
    "'",
    "*",
    "écoute*",
    "NEAR(",
    'NEAR("guide" "écoute")',
    "OR",
    "écoute OR",
    "AND NOT",
    "NOT écoute",
    "-écoute",
    "écoute:",
    "title:écoute",
    "^écoute",
    "(écoute",
    "écoute)",
    "écoute & | ! guide",
    "écoute <-> guide",
    "'écoute':*",
    "{écoute}",
    "[écoute]",
    "%",
    "\\",
    ";--",
    "\u202eécoute",
    "é" * 400,
    "mot " * 100,
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_search_answers_any_query_without_a_server_error(site_tree, query):
    response = Client(raise_request_exception=False).get("/recherche/", {"q": query})
    assert response.status_code == 200


@pytest.fixture
def indexed(site_tree):
    resource = ResourcePageFactory(parent=site_tree.resources, title="Repères contre le surmenage")
    resource.save_revision().publish()  # as an editor does: the page is indexed
    return resource


@pytest.mark.parametrize(
    "query",
    ['"surmenage', "surmenage*", "NEAR(surmenage", "(surmenage)", "surmenage OR", "'surmenage':*"],
)
def test_the_words_around_search_syntax_are_still_found(indexed, query):
    html = Client().get("/recherche/", {"q": query}).content.decode()
    assert "Repères contre le surmenage" in html


@pytest.mark.parametrize("page", ["-1", "0", "abc", "99999999999999999999", "1e400"])
def test_a_nonsense_page_number_gives_a_page_of_results(indexed, page):
    response = Client().get("/recherche/", {"q": "surmenage", "page": page})
    assert response.status_code == 200
    assert "Repères contre le surmenage" in response.content.decode()


def test_search_syntax_gives_a_visitor_no_members_only_page(site_tree):
    site_tree.secret_resource.save_revision().publish()
    html = Client().get("/recherche/", {"q": "zanzibarine* OR secret"}).content.decode()
    assert "Titre secret des membres" not in html


@pytest.mark.parametrize("url", ["/recherche/", "/ressources/", "/membres/annuaire/", "/forum/"])
def test_a_nul_byte_in_the_query_string_is_a_bad_request_anywhere(site_tree, member, url):
    client = Client(raise_request_exception=False)
    client.force_login(member)
    for query in ({"q": "a\x00b"}, {"theme": "\x00"}, {"tag\x00": "x"}):
        response = client.get(url, query)
        assert response.status_code == 400
        assert "Demande incorrecte" in response.content.decode()
