"""French first, static files served by the application, forms that work without JavaScript."""

import pytest
from django.conf import settings

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_site_tree")]


def text(response):
    return response.content.decode()


def test_default_language_is_french():
    assert settings.LANGUAGE_CODE == "fr"


def test_home_page_is_served_in_french_by_default(client, site_tree):
    response = client.get("/")

    assert '<html lang="fr">' in text(response)


def test_home_page_is_served_in_french_to_a_browser_that_prefers_french(client, site_tree):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")

    assert '<html lang="fr">' in text(response)


def test_stylesheet_is_served_by_whitenoise(client):
    response = client.get("/static/css/relais.css")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    # WhiteNoise answers before Django's URL resolver, with its own response class.
    assert type(response).__module__.startswith("whitenoise")


def test_pages_link_the_stylesheet_at_its_static_url(client, site_tree):
    assert 'href="/static/css/relais.css"' in text(client.get("/"))


def test_language_form_posts_to_the_language_view_without_javascript(client, site_tree):
    body = text(client.get("/"))

    assert '<form class="language-form" action="/langue/" method="post">' in body
    assert 'name="language"' in body


def test_language_switch_by_plain_post_redirects_back_to_the_page(client, site_tree):
    response = client.post("/langue/", {"language": "en", "next": site_tree.about.url})

    assert response.status_code == 302
    assert response["Location"] == site_tree.about.url


def test_language_switch_by_plain_post_is_remembered_for_the_next_pages(client, site_tree):
    client.post("/langue/", {"language": "en", "next": "/"})

    assert '<html lang="en">' in text(client.get(site_tree.about.url))


def test_language_switch_refuses_a_next_address_on_another_site(client, site_tree):
    response = client.post("/langue/", {"language": "en", "next": "https://ailleurs.test/"})

    assert response["Location"] == "/"


def test_search_form_sends_a_plain_get_to_the_search_page(client, site_tree):
    body = text(client.get("/"))

    assert '<form class="search-form" action="/recherche/" method="get" role="search">' in body


def test_search_by_plain_get_shows_results(client, site_tree):
    response = client.get("/recherche/?q=valeurs")

    assert response.status_code == 200
    assert site_tree.values.title in text(response)


def test_search_page_refuses_a_post(client, site_tree):
    assert client.post("/recherche/", {"q": "valeurs"}).status_code == 405


def test_an_english_browser_still_gets_the_french_site_until_english_is_chosen(client, site_tree):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()

    assert '<html lang="fr">' in html


def test_choosing_english_with_the_switcher_gives_the_english_site(client, site_tree):
    client.post("/langue/", {"language": "en", "next": "/"})

    assert '<html lang="en">' in client.get("/").content.decode()
