"""R-C11: members-only content stays members-only on every road that shows CMS content.

Each road is walked twice: by an anonymous visitor, who must never see a members-only title,
URL or file, and by a member (group Membres), who must.
"""

from urllib.parse import quote

import pytest
from wagtail.models import ReferenceIndex

from home.tests.factories import (
    PDF_BYTES,
    SECRET_NEWS,
    SECRET_RESOURCE,
    SECRET_SPACE,
    SECRET_SPACE_CHILD,
    SECRET_TITLES,
    SECRET_WORD,
    ResourcePageFactory,
    StandardPageFactory,
    make_document,
    make_image,
    members_collection,
    restrict_to_members,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_site_tree")]

MEMBERS_ONLY_LABEL = "Réservé aux membres"


def text(response):
    return response.content.decode()


def assert_no_secret(response):
    body = text(response)
    leaked = [title for title in SECRET_TITLES if title in body]
    assert leaked == []


def login_redirect_for(path):
    return f"/compte/login/?next={quote(path)}"


# --- The page itself ---------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_login_from_a_members_only_page(client, site_tree):
    path = site_tree.members_space.url

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == login_redirect_for(path)


def test_anonymous_visitor_is_sent_to_login_from_a_page_below_a_members_only_page(
    client, site_tree
):
    path = site_tree.members_space_child.url

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == login_redirect_for(path)


def test_member_reads_a_members_only_page(client_for, member, site_tree):
    response = client_for(member).get(site_tree.members_space.url)

    assert response.status_code == 200
    assert SECRET_SPACE in text(response)
    assert SECRET_WORD in text(response)


def test_member_reads_a_page_below_a_members_only_page(client_for, member, site_tree):
    response = client_for(member).get(site_tree.members_space_child.url)

    assert response.status_code == 200
    assert SECRET_SPACE_CHILD in text(response)


def test_member_sees_the_members_only_label_on_a_members_only_page(client_for, member, site_tree):
    response = client_for(member).get(site_tree.members_space.url)

    assert MEMBERS_ONLY_LABEL in text(response)


def test_signed_in_person_still_joining_is_sent_to_their_joining_step_not_the_page(
    client_for, user_without_role, site_tree
):
    # Wagtail alone would redirect to the login page; the joining gate sends them on.
    response = client_for(user_without_role).get(site_tree.members_space.url)

    assert response.status_code == 302
    assert response["Location"].startswith("/membres/adhesion/questionnaire/")
    assert_no_secret(response)


def test_signed_in_person_whose_membership_was_refused_gets_no_members_only_page(
    client_for, user_without_role, site_tree
):
    from members.models import MembershipStatus, Profile

    Profile.objects.create(user=user_without_role, status=MembershipStatus.REJECTED)
    response = client_for(user_without_role).get(site_tree.members_space.url, follow=True)

    assert_no_secret(response)
    assert response.status_code in (200, 403)


# --- Site search -------------------------------------------------------------------------


def test_search_shows_no_members_only_page_to_an_anonymous_visitor(client, site_tree):
    response = client.get("/recherche/", {"q": SECRET_WORD})

    assert response.status_code == 200
    assert_no_secret(response)


def test_search_finds_a_members_only_page_for_a_member(client_for, member, site_tree):
    response = client_for(member).get("/recherche/", {"q": SECRET_WORD})

    assert SECRET_RESOURCE in text(response)


# --- Listings and "latest" blocks --------------------------------------------------------


def test_resource_library_lists_no_members_only_resource_to_an_anonymous_visitor(client, site_tree):
    response = client.get(site_tree.resources.url)

    assert response.status_code == 200
    assert_no_secret(response)


def test_resource_library_lists_the_members_only_resource_for_a_member(
    client_for, member, site_tree
):
    body = text(client_for(member).get(site_tree.resources.url))

    assert SECRET_RESOURCE in body


def test_resource_library_labels_only_the_members_only_resource(client_for, member, site_tree):
    body = text(client_for(member).get(site_tree.resources.url))

    assert body.count(MEMBERS_ONLY_LABEL) == 1


def test_news_index_lists_no_members_only_news_to_an_anonymous_visitor(client, site_tree):
    response = client.get(site_tree.news_index.url)

    assert response.status_code == 200
    assert_no_secret(response)


def test_news_index_lists_the_members_only_news_for_a_member(client_for, member, site_tree):
    body = text(client_for(member).get(site_tree.news_index.url))

    assert SECRET_NEWS in body


def test_news_index_labels_the_members_only_news_for_a_member(client_for, member, site_tree):
    body = text(client_for(member).get(site_tree.news_index.url))

    assert body.count(MEMBERS_ONLY_LABEL) == 1


def test_standard_page_lists_no_members_only_child_to_an_anonymous_visitor(client, site_tree):
    response = client.get(site_tree.about.url)

    assert site_tree.values.title in text(response)
    assert_no_secret(response)


def test_standard_page_lists_its_members_only_child_for_a_member(client_for, member, site_tree):
    body = text(client_for(member).get(site_tree.about.url))

    assert site_tree.secret_corner.title in body


def test_standard_page_labels_its_members_only_child_for_a_member(client_for, member, site_tree):
    body = text(client_for(member).get(site_tree.about.url))

    assert body.count(MEMBERS_ONLY_LABEL) == 1


def test_home_page_latest_blocks_show_no_members_only_item_to_an_anonymous_visitor(
    client, site_tree
):
    response = client.get("/")

    assert response.status_code == 200
    assert site_tree.public_news.title in text(response)
    assert_no_secret(response)


def test_home_page_latest_resources_show_the_members_only_resource_for_a_member(
    client_for, member, site_tree
):
    body = text(client_for(member).get("/"))

    assert SECRET_RESOURCE in body


def test_home_page_latest_news_show_the_members_only_news_for_a_member(
    client_for, member, site_tree
):
    body = text(client_for(member).get("/"))

    assert SECRET_NEWS in body


def test_home_page_labels_each_members_only_item_of_its_latest_blocks(
    client_for, member, site_tree
):
    # One members-only resource and one members-only news item in the "latest" blocks.
    body = text(client_for(member).get("/"))

    assert body.count(MEMBERS_ONLY_LABEL) == 2


# --- Main menu ---------------------------------------------------------------------------


def test_main_menu_hides_a_members_only_page_from_an_anonymous_visitor(client, site_tree):
    body = text(client.get(site_tree.about.url))

    assert site_tree.resources.title in body
    assert SECRET_SPACE not in body


def test_main_menu_shows_a_members_only_page_to_a_member(client_for, member, site_tree):
    body = text(client_for(member).get(site_tree.about.url))

    assert f'href="{site_tree.members_space.url}"' in body


# --- Sitemap, feed, API ------------------------------------------------------------------


def test_sitemap_lists_no_members_only_url_to_an_anonymous_visitor(client, site_tree):
    body = text(client.get("/sitemap.xml"))

    assert site_tree.public_resources[0].full_url in body
    assert [p.full_url for p in site_tree.secret_pages if p.full_url in body] == []


def test_sitemap_lists_no_members_only_url_even_to_a_member(client_for, member, site_tree):
    body = text(client_for(member).get("/sitemap.xml"))

    assert [p.full_url for p in site_tree.secret_pages if p.full_url in body] == []


def test_feed_carries_no_members_only_item(client, site_tree):
    response = client.get("/flux/")

    assert response.status_code == 200
    assert site_tree.public_news.title in text(response)
    assert_no_secret(response)
    assert site_tree.secret_resource.full_url not in text(response)


def test_feed_carries_no_members_only_item_even_to_a_member(client_for, member, site_tree):
    response = client_for(member).get("/flux/")

    assert_no_secret(response)


def test_wagtail_api_is_not_mounted(client, site_tree):
    assert client.get("/api/v2/pages/").status_code == 404


# --- Documents in a restricted collection ------------------------------------------------


@pytest.fixture
def collection_document(db):
    return make_document(
        title="Procès-verbal interne",
        filename="proces-verbal.pdf",
        collection=members_collection(),
    )


def test_document_of_a_restricted_collection_sends_an_anonymous_visitor_to_login(
    client, collection_document
):
    path = collection_document.url

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == login_redirect_for(path)


def test_document_of_a_restricted_collection_is_served_to_a_member(
    client_for, member, collection_document
):
    response = client_for(member).get(collection_document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_media_file_of_a_restricted_collection_sends_an_anonymous_visitor_to_login(
    client, collection_document
):
    path = f"/media/{collection_document.file.name}"

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == login_redirect_for(path)


def test_media_file_of_a_restricted_collection_is_served_to_a_member(
    client_for, member, collection_document
):
    response = client_for(member).get(f"/media/{collection_document.file.name}")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES


# --- Documents in a public collection, used by pages -------------------------------------


@pytest.fixture
def document_of_a_members_only_page(site_tree):
    document = make_document(title="Annexe confidentielle", filename="annexe.pdf")
    page = ResourcePageFactory(
        parent=site_tree.resources, title="Ressource réservée avec annexe", documents=[document]
    )
    restrict_to_members(page)
    return document


@pytest.fixture
def document_of_a_public_page(site_tree):
    document = make_document(title="Annexe publique", filename="annexe-publique.pdf")
    ResourcePageFactory(
        parent=site_tree.resources, title="Ressource avec annexe publique", documents=[document]
    )
    return document


def test_saving_a_page_records_its_attachment_in_the_reference_index(
    document_of_a_members_only_page,
):
    # home.visibility finds the pages that use a document through Wagtail's reference index.
    assert ReferenceIndex.get_references_to(document_of_a_members_only_page).exists()


def test_document_attached_to_a_members_only_page_sends_an_anonymous_visitor_to_login(
    client, document_of_a_members_only_page
):
    path = document_of_a_members_only_page.url

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == login_redirect_for(path)


def test_media_file_attached_to_a_members_only_page_sends_an_anonymous_visitor_to_login(
    client, document_of_a_members_only_page
):
    path = f"/media/{document_of_a_members_only_page.file.name}"

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == login_redirect_for(path)


def test_document_attached_to_a_members_only_page_is_served_to_a_member(
    client_for, member, document_of_a_members_only_page
):
    client = client_for(member)

    by_document_url = client.get(document_of_a_members_only_page.url)
    by_media_url = client.get(f"/media/{document_of_a_members_only_page.file.name}")

    assert b"".join(by_document_url.streaming_content) == PDF_BYTES
    assert b"".join(by_media_url.streaming_content) == PDF_BYTES


def test_document_attached_to_a_members_only_page_is_refused_to_someone_outside_the_group(
    client_for, user_without_role, document_of_a_members_only_page
):
    response = client_for(user_without_role).get(document_of_a_members_only_page.url)

    assert response.status_code == 403


def test_document_attached_only_to_a_public_page_is_served_to_an_anonymous_visitor(
    client, document_of_a_public_page
):
    response = client.get(document_of_a_public_page.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_media_file_attached_only_to_a_public_page_is_served_to_an_anonymous_visitor(
    client, document_of_a_public_page
):
    response = client.get(f"/media/{document_of_a_public_page.file.name}")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES


# --- Images in the body of a members-only page -------------------------------------------


@pytest.fixture
def image_of_a_members_only_page(site_tree):
    image = make_image(title="Photo de la réunion", filename="reunion.png")
    page = StandardPageFactory(
        parent=site_tree.members_space,
        title="Album des membres",
        body=[("image", {"image": image, "alt": "La réunion", "caption": ""})],
    )
    rendition = image.get_rendition("width-900")
    return image, rendition, page


def test_members_only_page_shows_its_image_rendition_to_a_member(
    client_for, member, image_of_a_members_only_page
):
    _image, rendition, page = image_of_a_members_only_page

    body = text(client_for(member).get(page.url))

    assert rendition.url in body


def test_image_rendition_of_a_members_only_page_is_refused_to_an_anonymous_visitor(
    client, image_of_a_members_only_page
):
    _image, rendition, _page = image_of_a_members_only_page
    path = f"/media/{rendition.file.name}"
    assert path.startswith("/media/images/")

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == login_redirect_for(path)


def test_original_image_of_a_members_only_page_is_refused_to_an_anonymous_visitor(
    client, image_of_a_members_only_page
):
    image, _rendition, _page = image_of_a_members_only_page
    path = f"/media/{image.file.name}"
    assert path.startswith("/media/original_images/")

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == login_redirect_for(path)


def test_image_files_of_a_members_only_page_are_served_to_a_member(
    client_for, member, image_of_a_members_only_page
):
    image, rendition, _page = image_of_a_members_only_page
    client = client_for(member)

    original = client.get(f"/media/{image.file.name}")
    resized = client.get(f"/media/{rendition.file.name}")

    assert original.status_code == 200
    assert resized.status_code == 200
    assert b"".join(original.streaming_content).startswith(b"\x89PNG")
    assert resized["Content-Type"] == "image/png"


def test_image_used_by_a_public_page_is_served_to_an_anonymous_visitor(client, site_tree):
    image = make_image(title="Photo publique", filename="publique.png")
    StandardPageFactory(
        parent=site_tree.about,
        title="Galerie publique",
        body=[("image", {"image": image, "alt": "", "caption": ""})],
    )

    response = client.get(f"/media/{image.file.name}")

    assert response.status_code == 200


# --- Files the CMS does not know ---------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/media/documents/nope.pdf",
        "/media/original_images/nope.png",
        "/media/images/nope.width-900.png",
        "/media/../settings.py",
        "/media/%2e%2e/portal/settings/base.py",
        "/media/documents/../../conftest.py",
        "/media/secret.txt",
    ],
)
def test_media_url_of_a_file_the_cms_does_not_know_is_not_found(client, site_tree, path):
    assert client.get(path).status_code == 404


def test_media_file_on_disk_but_unknown_to_the_cms_is_not_found(client, settings, site_tree):
    stray = settings.MEDIA_ROOT / "documents" / "stray.pdf"
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(PDF_BYTES)

    assert client.get("/media/documents/stray.pdf").status_code == 404
