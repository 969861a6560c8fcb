"""Nothing private in a cache (portal/caching.py): whatever is answered to someone logged in, to a
visitor in the middle of a session, or on the account pages carries `private, no-store`; public
pages for a visitor stay cacheable."""

import pytest
from django.urls import get_resolver, reverse

from forum.tests import factories as forum_factories
from helprequests.tests.factories import Cast
from home.tests.factories import make_document, make_image, members_collection
from portal.tests.test_access import _walk

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_site_tree")]

MEMBER_AREAS = (
    "membres/",
    "demandes/",
    "forum/",
    "compte/",
    "inscriptions/",
    "entretiens/",
    "sondages-resultats/",
    "factures/",
    "indicateurs/",
    "agrement/",
)


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


def is_kept_out_of_caches(response):
    return {"private", "no-store"} <= cache_control(response)


def member_area_paths_without_parameters():
    """Every route under the member areas that needs no id, as a path."""
    routes = {route for route, _view in _walk(get_resolver().url_patterns)}
    return sorted(
        "/" + route.replace("^", "").replace("$", "")
        for route in routes
        if route.startswith(MEMBER_AREAS) and not any(mark in route for mark in "<(?*+[\\")
    )


@pytest.fixture
def cast(db, site_tree):
    return Cast.create()


@pytest.fixture
def as_member(cast, client_for):
    return client_for(cast.member)


# --- Someone logged in: nothing is kept --------------------------------------------------------


@pytest.mark.parametrize("role", ["member", "helper", "coordinator"])
def test_every_member_area_page_without_an_id_is_kept_out_of_caches_for_a_logged_in_person(
    cast, client_for, role
):
    client = client_for(getattr(cast, role))
    answers = {path: client.get(path) for path in member_area_paths_without_parameters()}

    cached = [path for path, response in answers.items() if not is_kept_out_of_caches(response)]
    assert cached == []
    shown = [path for path, response in answers.items() if response.status_code == 200]
    assert len(shown) >= 15  # the walk reaches real pages, not only redirects


def test_a_members_help_request_page_is_kept_out_of_caches(cast, as_member):
    request = cast.submit()
    path = reverse("helprequests:detail", kwargs={"public_id": request.public_id})

    response = as_member.get(path)

    assert response.status_code == 200
    assert is_kept_out_of_caches(response)


def test_a_forum_topic_is_kept_out_of_caches_for_the_member_reading_it(cast, as_member):
    forum = forum_factories.forum("Relations de travail")
    topic = forum_factories.topic(forum, poster=cast.other_member, subject="Entretien annuel")
    path = reverse(
        "forum_conversation:topic",
        kwargs={"forum_slug": forum.slug, "forum_pk": forum.pk, "slug": topic.slug, "pk": topic.pk},
    )

    response = as_member.get(path)

    assert response.status_code == 200
    assert is_kept_out_of_caches(response)


def test_a_members_only_cms_page_is_kept_out_of_caches_for_a_member(as_member, site_tree):
    response = as_member.get(site_tree.members_space.url)

    assert response.status_code == 200
    assert is_kept_out_of_caches(response)


def test_search_results_for_a_logged_in_person_are_kept_out_of_caches(as_member, site_tree):
    response = as_member.get("/recherche/", {"q": "écoute"})

    assert response.status_code == 200
    assert is_kept_out_of_caches(response)


def test_a_public_page_read_by_a_logged_in_member_is_kept_out_of_caches(as_member, site_tree):
    # The header shows the member's own menu: the page is theirs, not the public one.
    response = as_member.get(site_tree.home.url)

    assert response.status_code == 200
    assert is_kept_out_of_caches(response)


@pytest.fixture
def members_document(db):
    """A document of the restricted Membres collection (R-C11)."""
    return make_document(
        title="Procès-verbal interne", filename="pv-interne.pdf", collection=members_collection()
    )


def test_a_members_document_is_kept_out_of_caches_for_the_member_opening_it(
    as_member, members_document
):
    response = as_member.get(members_document.url)

    assert response.status_code == 200
    assert is_kept_out_of_caches(response)


def test_a_members_only_media_file_is_kept_out_of_caches_for_the_member_opening_it(
    as_member, members_document
):
    response = as_member.get(f"/media/{members_document.file.name}")

    assert response.status_code == 200
    assert is_kept_out_of_caches(response)
    assert "max-age=3600" not in response["Cache-Control"]


def test_an_image_of_the_members_collection_is_kept_out_of_caches_for_a_member(as_member, db):
    collection = members_collection()
    image = make_image(title="Photo interne", filename="interne.png", collection=collection)

    response = as_member.get(f"/media/{image.file.name}")

    assert response.status_code == 200
    assert is_kept_out_of_caches(response)


# --- Visitors: public pages stay cacheable -----------------------------------------------------


def test_public_pages_for_a_visitor_stay_cacheable(client, site_tree):
    for path in (site_tree.home.url, site_tree.public_resources[0].url, site_tree.public_news.url):
        response = client.get(path)

        assert response.status_code == 200
        assert "no-store" not in cache_control(response), path
        assert "private" not in cache_control(response), path


def test_search_results_for_a_visitor_stay_cacheable(client, site_tree):
    response = client.get("/recherche/", {"q": "écoute"})

    assert response.status_code == 200
    assert "no-store" not in cache_control(response)


def test_a_public_media_file_for_a_visitor_keeps_its_browser_cache_lifetime(client, site_tree):
    image = make_image(title="Photo publique", filename="publique.png")

    response = client.get(f"/media/{image.file.name}")

    assert response.status_code == 200
    assert "no-store" not in cache_control(response)
    assert "max-age=3600" in cache_control(response)


def test_the_login_page_is_never_cached_even_for_a_visitor(client, site_tree):
    response = client.get(reverse("account_login"))

    assert response.status_code == 200
    assert is_kept_out_of_caches(response)


def test_a_visitor_in_the_middle_of_a_session_gets_pages_no_cache_keeps(client, site_tree):
    session = client.session
    session["half-way"] = True
    session.save()

    response = client.get(site_tree.home.url)

    assert response.status_code == 200
    assert is_kept_out_of_caches(response)
