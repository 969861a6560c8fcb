"""Each page type renders for an anonymous visitor with what it is for."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import escape
from wagtail.models import Site

from home.models import CharterKind, ResourceKind
from home.selectors import current_charter
from home.tests.factories import (
    CharterPageFactory,
    ResourcePageFactory,
    make_document,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_site_tree")]

SUMMER_2026 = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.UTC)


def text(response):
    return response.content.decode()


@pytest.fixture
def frozen_summer_2026():
    with time_machine.travel(SUMMER_2026, tick=False):
        yield


@pytest.fixture
def future_charter(site_tree):
    return CharterPageFactory(
        parent=site_tree.charters,
        slug="confidentialite-v3",
        version_label="V3/2027",
        effective_date=datetime.date(2027, 1, 1),
    )


# --- Home and standard pages -------------------------------------------------------------


def test_home_page_shows_the_latest_public_resources(client, site_tree):
    response = client.get("/")

    assert response.status_code == 200
    assert all(escape(r.title) in text(response) for r in site_tree.public_resources)


def test_home_page_shows_the_latest_public_news(client, site_tree):
    response = client.get("/")

    assert site_tree.public_news.title in text(response)


def test_standard_page_shows_its_intro_and_its_public_children(client, site_tree):
    response = client.get(site_tree.about.url)

    assert response.status_code == 200
    assert site_tree.about.intro in text(response)
    assert f'href="{site_tree.values.url}"' in text(response)


def test_home_and_standard_pages_lead_a_visitor_to_sign_up(client, site_tree):
    """Issue #17, item 4: a public page links to sign-up, not only "une fois connecté·e"."""
    signup = f'href="{reverse("account_signup")}"'
    for path in ("/", site_tree.about.url):
        page = text(client.get(path))
        assert page.count(signup) >= 2, path  # the header's "Adhérer" and the page's own offer
        assert "Demander mon adhésion" in page


def test_a_member_is_not_asked_to_join(client_for, member, site_tree):
    page = text(client_for(member).get(site_tree.about.url))

    assert "Demander mon adhésion" not in page


def test_a_home_offer_links_to_a_portal_address_such_as_the_forum(client, site_tree):
    home = site_tree.home.specific
    home.offers = [
        {
            "type": "offer",
            "value": {"title": "Forum entre pairs", "text": "Un espace.", "address": "/forum/"},
        }
    ]
    home.save_revision().publish()

    assert '<a href="/forum/">Forum entre pairs</a>' in text(client.get("/"))


# --- Charters ----------------------------------------------------------------------------


def test_charter_page_shows_its_version_label_and_effective_date(
    client, site_tree, frozen_summer_2026
):
    response = client.get(site_tree.charter_versions[1].url)

    assert response.status_code == 200
    assert "Version V2/2025, en vigueur à partir du 15 mars 2025." in text(response)


def test_older_charter_version_says_it_is_no_longer_in_force(client, site_tree, frozen_summer_2026):
    response = client.get(site_tree.charter_versions[0].url)

    assert "Cette version n’est plus en vigueur." in text(response)


def test_older_charter_version_links_to_the_current_version(client, site_tree, frozen_summer_2026):
    current = site_tree.charter_versions[1]

    body = text(client.get(site_tree.charter_versions[0].url))

    assert f'<a href="{current.url}">Lire la version actuelle (V2/2025)</a>' in body


def test_current_charter_version_does_not_say_it_is_no_longer_in_force(
    client, site_tree, frozen_summer_2026
):
    body = text(client.get(site_tree.charter_versions[1].url))

    assert "n’est plus en vigueur" not in body


def test_current_charter_version_lists_the_older_one_under_other_versions(
    client, site_tree, frozen_summer_2026
):
    older = site_tree.charter_versions[0]

    body = text(client.get(site_tree.charter_versions[1].url))
    other_versions = body.split("Autres versions", 1)[1]

    assert f'<a href="{older.url}">V1/2024</a>' in other_versions


def test_future_charter_version_says_it_is_not_yet_in_force(
    client, future_charter, frozen_summer_2026
):
    body = text(client.get(future_charter.url))

    assert "Cette version n’est pas encore en vigueur." in body


def test_current_charter_is_the_latest_version_already_in_force(
    site_tree, future_charter, frozen_summer_2026
):
    assert current_charter(CharterKind.CONFIDENTIALITY) == site_tree.charter_versions[1]


def test_future_charter_version_becomes_current_on_its_effective_date(
    site_tree, future_charter, time_machine
):
    time_machine.move_to(datetime.datetime(2027, 1, 1, 9, 0, tzinfo=datetime.UTC), tick=False)

    assert current_charter(CharterKind.CONFIDENTIALITY) == future_charter


def test_there_is_no_current_charter_of_a_kind_with_no_version(site_tree):
    assert current_charter(CharterKind.FORUM_RULES) is None


def test_charter_index_lists_the_current_version(client, site_tree, frozen_summer_2026):
    body = text(client.get(site_tree.charters.url))

    assert f'href="{site_tree.charter_versions[1].url}"' in body
    assert f'href="{site_tree.charter_versions[0].url}"' not in body


# --- The resource library ----------------------------------------------------------------


def resource_titles_in(response, site_tree):
    body = text(response)
    return {r.title for r in site_tree.public_resources if escape(r.title) in body}


def test_resource_library_lists_every_public_resource(client, site_tree):
    response = client.get(site_tree.resources.url)

    assert response.status_code == 200
    assert resource_titles_in(response, site_tree) == {r.title for r in site_tree.public_resources}


def test_resource_library_filters_by_theme(client, site_tree):
    response = client.get(site_tree.resources.url, {"theme": "ecoute"})

    assert resource_titles_in(response, site_tree) == {"Guide de l’écoute active"}


def test_resource_library_filters_by_kind(client, site_tree):
    response = client.get(site_tree.resources.url, {"kind": ResourceKind.BOOK})

    assert resource_titles_in(response, site_tree) == {"Guide de l’écoute active"}


def test_resource_library_filters_by_tag(client, site_tree):
    response = client.get(site_tree.resources.url, {"tag": "stress"})

    assert resource_titles_in(response, site_tree) == {"Fiche conseil sur l’épuisement"}


def test_resource_library_filters_by_tag_whatever_its_case(client, site_tree):
    response = client.get(site_tree.resources.url, {"tag": "STRESS"})

    assert resource_titles_in(response, site_tree) == {"Fiche conseil sur l’épuisement"}


@pytest.mark.parametrize("query", [{"theme": "theme-inconnu"}, {"kind": "magazine"}])
def test_resource_library_ignores_an_unknown_filter_value(client, site_tree, query):
    response = client.get(site_tree.resources.url, query)

    assert response.status_code == 200
    assert resource_titles_in(response, site_tree) == {r.title for r in site_tree.public_resources}


def test_resource_library_shows_twelve_resources_per_page(client, site_tree):
    for number in range(12):
        ResourcePageFactory(parent=site_tree.resources, title=f"Ressource en série {number:02}")

    body = text(client.get(site_tree.resources.url))

    assert body.count('<article class="card">') == 12
    assert "Page 1 sur 2" in body


def test_resource_library_second_page_shows_the_rest(client, site_tree):
    for number in range(12):
        ResourcePageFactory(parent=site_tree.resources, title=f"Ressource en série {number:02}")

    body = text(client.get(site_tree.resources.url, {"page": 2}))

    assert body.count('<article class="card">') == 2
    assert "Page 2 sur 2" in body


def test_resource_library_keeps_the_filter_in_pagination_links(client, site_tree):
    for number in range(13):
        ResourcePageFactory(
            parent=site_tree.resources, title=f"Livre {number:02}", kind=ResourceKind.BOOK
        )

    body = text(client.get(site_tree.resources.url, {"kind": ResourceKind.BOOK}))

    assert 'href="?kind=book&amp;page=2"' in body


def test_resource_page_shows_its_attachments(client, site_tree):
    document = make_document(title="Grille d’entretien", filename="grille.pdf")
    resource = ResourcePageFactory(
        parent=site_tree.resources, title="Ressource avec grille", documents=[document]
    )

    body = text(client.get(resource.url))

    assert f'<a href="{document.url}">Grille d’entretien</a>' in body


def test_resource_page_links_its_themes_to_the_filtered_library(client, site_tree):
    resource = site_tree.public_resources[0]

    body = text(client.get(resource.url))

    assert f'href="{site_tree.resources.url}?theme=ecoute"' in body


# --- Search, footer, language ------------------------------------------------------------


def test_search_finds_a_public_page(client, site_tree):
    response = client.get("/recherche/", {"q": "valeurs"})

    assert response.status_code == 200
    assert f'href="{site_tree.values.url}"' in text(response)


def test_search_without_a_query_shows_only_the_form(client, site_tree):
    response = client.get("/recherche/")

    assert response.status_code == 200
    assert "résultat" not in text(response)


def test_footer_links_to_the_legal_notice_and_privacy_policy_chosen_in_site_links(
    client, site_tree
):
    footer = text(client.get("/")).split('class="site-footer"', 1)[1]

    assert f'<a href="{site_tree.legal_notice.url}">Mentions légales</a>' in footer
    assert f'<a href="{site_tree.privacy_policy.url}">Politique de confidentialité</a>' in footer


def test_footer_links_to_the_charter_in_force(client, site_tree, frozen_summer_2026):
    footer = text(client.get("/")).split('class="site-footer"', 1)[1]

    assert f'href="{site_tree.charter_versions[1].url}"' in footer
    assert f'href="{site_tree.charter_versions[0].url}"' not in footer


def test_language_switch_to_english_sets_the_html_lang(client, site_tree):
    response = client.post("/langue/", {"language": "en", "next": "/"}, follow=True)

    assert response.status_code == 200
    assert '<html lang="en">' in text(response)


def test_pages_still_render_when_no_site_answers_the_host(client):
    """A server started before its Wagtail site exists: the footer and the help link have no
    links to give, and the login page and the "not found" page render anyway."""
    Site.objects.all().delete()

    assert client.get(reverse("account_login")).status_code == 200
    assert client.get("/nulle-part/").status_code == 404
