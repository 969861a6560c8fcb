"""Visitors' pages from the cache (portal/page_cache.py, home/cache_invalidation.py; issue #16).

Each test reads pages through their addresses as a visitor would. A change written with
`QuerySet.update()` sends no signal, so a page that still shows the old text after it was served
from the cache; a change made as an editor makes it (publishing, unpublishing, moving, deleting,
restricting, editing a theme or the site's links, a new charter version) must show at once.
"""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site

from home.models import SiteLinks, Theme
from home.tests.factories import (
    CharterPageFactory,
    ResourcePageFactory,
    make_document,
    restrict_to_members,
)
from members import roles
from portal import page_cache

pytestmark = pytest.mark.django_db

CACHED_ADDRESSES = ["/", "/ressources/", "/chartes/", "/actualites/", "/flux/"]


def rename_quietly(page, title):
    """Change a page's title in the database without any signal: only the cache hides it."""
    Page.objects.filter(pk=page.pk).update(title=title)


def text(response):
    return response.content.decode()


@pytest.fixture
def visitor():
    return Client()


# --- Kept, and served from the cache --------------------------------------------------------


@pytest.mark.parametrize("address", CACHED_ADDRESSES)
def test_a_visitors_page_is_served_again_from_the_cache_without_a_query(
    site_tree, visitor, address, django_assert_num_queries
):
    assert visitor.get(address).status_code == 200
    with django_assert_num_queries(0):
        response = Client().get(address)
    assert response.status_code == 200
    assert "Cookie" in response["Vary"]


def test_a_kept_page_hides_a_change_that_no_editor_made(site_tree, visitor):
    assert "Nos valeurs" in text(visitor.get(site_tree.about.url))
    rename_quietly(site_tree.values, "Titre changé en douce")
    assert "Nos valeurs" in text(Client().get(site_tree.about.url))


def test_the_cache_can_be_turned_off(site_tree, visitor, settings):
    settings.VISITOR_PAGE_CACHE_SECONDS = 0
    visitor.get(site_tree.about.url)
    rename_quietly(site_tree.values, "Titre changé en douce")
    assert "Titre changé en douce" in text(Client().get(site_tree.about.url))


# --- What clears it ---------------------------------------------------------------------------


def test_publishing_a_page_shows_its_new_version_at_once(site_tree, visitor):
    page = site_tree.values
    assert "Nos valeurs" in text(visitor.get(site_tree.about.url))
    page.title = "Nos valeurs partagées"
    page.save_revision().publish()
    assert "Nos valeurs partagées" in text(Client().get(site_tree.about.url))
    assert "Nos valeurs partagées" in text(Client().get(page.url))


def test_unpublishing_a_page_takes_it_off_the_listings_and_its_address(site_tree, visitor):
    resource = site_tree.public_resources[0]
    address = resource.url
    assert visitor.get(address).status_code == 200
    assert resource.title in text(visitor.get("/ressources/"))
    resource.unpublish()
    assert Client().get(address).status_code == 404
    assert resource.title not in text(Client().get("/ressources/"))


def test_moving_a_page_sends_its_old_address_to_the_new_one(site_tree, visitor):
    page = site_tree.values
    old_address = page.url
    assert visitor.get(old_address).status_code == 200
    page.move(site_tree.home, pos="last-child")
    response = Client().get(old_address)
    assert (response.status_code, response["Location"]) == (301, "/nos-valeurs/")
    assert Client().get("/nos-valeurs/").status_code == 200


def test_deleting_a_page_frees_its_address_and_its_place_in_the_menu(site_tree, visitor):
    about = site_tree.about
    address = about.url
    assert visitor.get(address).status_code == 200
    assert about.title in text(visitor.get("/"))
    about.delete()
    assert Client().get(address).status_code == 404
    assert about.title not in text(Client().get("/"))


def test_restricting_a_page_to_members_hides_it_from_visitors_at_once(site_tree, visitor):
    about = site_tree.about
    assert visitor.get(about.url).status_code == 200
    assert about.title in text(visitor.get("/"))
    restrict_to_members(about)
    assert Client().get(about.url).status_code == 302
    assert about.title not in text(Client().get("/"))


def test_lifting_a_restriction_shows_the_page_to_visitors_at_once(site_tree, visitor):
    space = site_tree.members_space
    assert visitor.get(space.url).status_code == 302
    assert space.title not in text(visitor.get("/"))
    PageViewRestriction.objects.filter(page=space).delete()
    assert Client().get(space.url).status_code == 200
    assert space.title in text(Client().get("/"))


def test_restricting_a_collection_hides_its_document_from_a_kept_page(site_tree, visitor):
    document = make_document(title="Guide pratique à télécharger")
    resource = ResourcePageFactory(parent=site_tree.resources, documents=[document])
    assert document.title in text(visitor.get(resource.url))
    restriction = CollectionViewRestriction.objects.create(
        collection=document.collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=roles.MEMBERS)])
    assert document.title not in text(Client().get(resource.url))


def test_editing_a_theme_shows_its_new_name_in_the_library(site_tree, visitor):
    assert "Santé au travail" in text(visitor.get("/ressources/"))
    theme = Theme.objects.get(slug="sante")
    theme.name = "Santé et conditions de travail"
    theme.save()
    assert "Santé et conditions de travail" in text(Client().get("/ressources/"))


def test_editing_the_site_links_changes_the_footer_at_once(site_tree, visitor):
    assert "contact@reseau.test" not in text(visitor.get("/"))
    links = SiteLinks.for_site(Site.objects.get(is_default_site=True))
    links.contact_email = "contact@reseau.test"
    links.save()
    assert "contact@reseau.test" in text(Client().get("/"))


def test_a_new_charter_version_shows_in_the_footer_and_the_charters_at_once(site_tree, visitor):
    assert "V2/2025" in text(visitor.get("/"))
    assert "V2/2025" in text(visitor.get("/chartes/"))
    CharterPageFactory(
        parent=site_tree.charters,
        slug="confidentialite-v3",
        version_label="V3/2026",
        effective_date=datetime.date(2026, 1, 10),
    )
    assert "V3/2026" in text(Client().get("/"))
    assert "V3/2026" in text(Client().get("/chartes/"))


def test_a_charter_coming_into_force_tomorrow_shows_from_tomorrow(site_tree, visitor, time_machine):
    time_machine.move_to(datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.UTC))
    CharterPageFactory(
        parent=site_tree.charters,
        slug="confidentialite-v3",
        version_label="V3/2026",
        effective_date=datetime.date(2026, 6, 2),
    )
    assert "V3/2026" not in text(visitor.get("/"))
    time_machine.move_to(datetime.datetime(2026, 6, 2, 12, 0, tzinfo=datetime.UTC))
    assert "V3/2026" in text(Client().get("/"))


def test_a_lost_generation_never_brings_back_an_old_page(site_tree, visitor):
    visitor.get(site_tree.about.url)
    page_cache.cache.delete(page_cache.GENERATION_KEY)
    rename_quietly(site_tree.values, "Titre changé en douce")
    assert "Titre changé en douce" in text(Client().get(site_tree.about.url))


def test_each_language_is_kept_apart(site_tree, visitor):
    assert '<html lang="fr">' in text(visitor.get("/"))
    english = Client()
    english.cookies["django_language"] = "en"
    assert '<html lang="en">' in text(english.get("/"))
    assert '<html lang="fr">' in text(Client().get("/"))


# --- Never kept ----------------------------------------------------------------------------


def test_a_logged_in_member_never_gets_a_kept_page(site_tree, visitor, member, client_for):
    visitor.get(site_tree.about.url)
    rename_quietly(site_tree.values, "Titre changé en douce")
    response = client_for(member).get(site_tree.about.url)
    assert "Titre changé en douce" in text(response)
    assert "no-store" in response["Cache-Control"]


def test_a_members_page_read_by_a_member_is_never_given_to_a_visitor(site_tree, member, client_for):
    space = site_tree.members_space
    assert client_for(member).get(space.url).status_code == 200
    response = Client().get(space.url)
    assert response.status_code == 302
    assert space.title not in text(Client().get("/"))


def listing_addresses(site_tree):
    """Every kept page that lists or links other pages: each has a members-only entry for a
    member (home/tests/factories.build_site_tree)."""
    return [
        "/",
        site_tree.resources.url,
        site_tree.news_index.url,
        site_tree.about.url,
        site_tree.charters.url,
        "/flux/",
    ]


def test_no_page_a_member_read_shows_a_visitor_a_members_only_title(site_tree, member, client_for):
    """R-C11 through the cache: a member reads every listing and every members-only page first;
    a visitor then gets each listing, built afresh and again from the cache, without a title of
    a members-only page, and each members-only page only as a way to the login page."""
    as_member = client_for(member)
    addresses = listing_addresses(site_tree)
    secrets = [page.title for page in site_tree.secret_pages]
    for address in addresses + [page.url for page in site_tree.secret_pages]:
        assert as_member.get(address).status_code == 200, address
    assert any(title in text(as_member.get("/actualites/")) for title in secrets)

    for _twice in range(2):
        for address in addresses:
            response = Client().get(address)
            assert response.status_code == 200, address
            assert not [title for title in secrets if title in text(response)], address
        for page in site_tree.secret_pages:
            response = Client().get(page.url)
            assert response.status_code == 302, page.url
            assert "/compte/login/" in response["Location"]


def test_a_page_for_anyone_logged_in_read_by_a_member_is_never_given_to_a_visitor(
    site_tree, member, client_for
):
    """The other kind of view restriction (LOGIN): the same answer."""
    PageViewRestriction.objects.create(
        page=site_tree.values, restriction_type=PageViewRestriction.LOGIN
    )
    assert client_for(member).get(site_tree.values.url).status_code == 200
    for _twice in range(2):
        response = Client().get(site_tree.values.url)
        assert response.status_code == 302
        assert site_tree.values.title not in text(Client().get(site_tree.about.url))


def test_what_a_member_reads_is_not_kept_for_the_next_member(site_tree, member, client_for):
    client_for(member).get(site_tree.about.url)
    rename_quietly(site_tree.values, "Titre changé en douce")
    assert "Titre changé en douce" in text(client_for(member).get(site_tree.about.url))


def test_a_visitor_with_a_session_never_gets_a_kept_page(site_tree, visitor):
    visitor.get(site_tree.about.url)
    rename_quietly(site_tree.values, "Titre changé en douce")
    with_session = Client()
    with_session.cookies["sessionid"] = "une-session-en-cours"
    response = with_session.get(site_tree.about.url)
    assert "Titre changé en douce" in text(response)


def test_a_visitor_with_a_pending_message_never_gets_a_kept_page(site_tree, visitor):
    visitor.get(site_tree.about.url)
    rename_quietly(site_tree.values, "Titre changé en douce")
    with_message = Client()
    with_message.cookies["messages"] = "un-message"
    assert "Titre changé en douce" in text(with_message.get(site_tree.about.url))


def answered_afresh(address):
    """True when the page was built again (it asked the database), not served from the cache."""
    with CaptureQueriesContext(connection) as queries:
        Client().get(address)
    return len(queries) > 0


def test_search_results_are_never_kept(site_tree, visitor):
    visitor.get("/recherche/?q=valeurs")
    assert answered_afresh("/recherche/?q=valeurs")


def test_a_page_that_is_not_found_is_never_kept(site_tree, visitor):
    assert visitor.get("/pas-de-page-ici/").status_code == 404
    assert answered_afresh("/pas-de-page-ici/")


def test_a_members_page_refused_to_a_visitor_is_never_kept(site_tree, visitor):
    assert visitor.get(site_tree.members_space.url).status_code == 302
    assert answered_afresh(site_tree.members_space.url)


def test_a_response_that_sets_a_cookie_is_never_kept(site_tree, rf):
    request = rf.get("/")
    request.resolver_match = type("Match", (), {"url_name": "wagtail_serve"})()
    response = page_cache.HttpResponse("page")
    assert page_cache.may_keep(request, response)
    response.set_cookie("choix", "1")
    assert not page_cache.may_keep(request, response)


# --- The CSRF token: each visitor their own ------------------------------------------------


def csrf_token_of(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text(response)).group(1)


def test_two_visitors_of_a_kept_page_get_their_own_csrf_token_and_cookie(site_tree):
    first, second = Client(), Client()
    first_token = csrf_token_of(first.get("/"))
    second_response = second.get("/")
    assert csrf_token_of(second_response) != first_token
    assert second_response.cookies["csrftoken"].value != first.cookies["csrftoken"].value


def test_the_language_switcher_of_a_kept_page_works(site_tree):
    Client().get("/")
    visitor = Client(enforce_csrf_checks=True)
    token = csrf_token_of(visitor.get("/"))
    response = visitor.post(
        "/langue/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert '<html lang="en">' in text(visitor.get("/"))
