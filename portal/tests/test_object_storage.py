"""Uploaded files on private object storage (issue #18, item 2).

An S3-compatible server runs on 127.0.0.1 for this module (tests/object_storage.py; the one of
this process when the whole suite runs with RELAIS_TEST_S3=1), each test with a bucket of its
own. Proven through the portal's URLs: uploads land in the bucket and not on disk, renditions
too; the application decides every access, then streams the file or redirects to a signed URL
that expires within a minute; the objects carry no public grant and an unsigned GET is refused.
"""

import re
import urllib.error
import urllib.request
from urllib.parse import parse_qs, urlsplit

import environ
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from machina.core.db.models import get_model

from forum.moderation.tests import factories as forum_factories
from home.tests.factories import (
    PDF_BYTES,
    ResourcePageFactory,
    StandardPageFactory,
    make_document,
    make_image,
    members_collection,
    restrict_to_members,
)
from members.tests import factories as people
from portal.settings.object_storage import object_storage_options, object_storage_origin
from portal.storage import PrivateObjectStorage
from tests.object_storage import ObjectStorageServer

Attachment = get_model("forum_attachments", "Attachment")

pytestmark = pytest.mark.django_db

PUBLIC_GROUPS = {
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
}


@pytest.fixture(scope="module")
def s3_server():
    running = getattr(settings, "TEST_OBJECT_STORAGE", None)
    if running is not None:
        yield running
        return
    server = ObjectStorageServer()
    yield server
    server.stop()


@pytest.fixture
def bucket(s3_server, settings, monkeypatch):
    """A fresh private bucket as the default storage, /media/ redirecting to signed URLs."""
    name = s3_server.make_bucket()
    monkeypatch.setenv("STORAGE_URL", s3_server.storage_url(name))
    options = object_storage_options(environ.Env())
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "portal.storage.PrivateObjectStorage", "OPTIONS": options},
    }
    settings.MEDIA_SERVE_METHOD = "redirect"
    return name


def keys(s3_server, bucket):
    listing = s3_server.client().list_objects_v2(Bucket=bucket)
    return {item["Key"] for item in listing.get("Contents", [])}


def fetch(url):
    """What a browser gets from a URL outside the portal: (status, body)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 (a local test URL)
            return answer.status, answer.read()
    except urllib.error.HTTPError as refusal:
        return refusal.code, b""


def login_redirect_for(path):
    return f"{reverse('account_login')}?next={path}"


def test_a_document_uploaded_in_the_admin_lands_in_the_bucket_not_on_disk(
    s3_server, bucket, client_for, editor
):
    response = client_for(people.with_second_factor(editor)).post(
        reverse("wagtaildocs:add"),
        {
            "title": "Charte du réseau",
            "collection": members_collection().pk,
            "file": SimpleUploadedFile("charte.pdf", PDF_BYTES, "application/pdf"),
        },
    )

    assert response.status_code == 302, response.content.decode()[-3000:]
    assert response["Location"] == reverse("wagtaildocs:index"), response["Location"]
    stored = [key for key in keys(s3_server, bucket) if key.startswith("documents/charte")]
    assert len(stored) == 1
    assert not (settings.MEDIA_ROOT / "documents").exists() or not any(
        (settings.MEDIA_ROOT / "documents").glob("charte*")
    )
    body = s3_server.client().get_object(Bucket=bucket, Key=stored[0])["Body"].read()
    assert body == PDF_BYTES


@pytest.fixture
def members_document(bucket):
    return make_document(
        title="Procès-verbal interne", filename="proces-verbal.pdf", collection=members_collection()
    )


def test_a_members_only_document_is_refused_to_a_visitor(client, members_document):
    for path in (members_document.url, f"/media/{members_document.file.name}"):
        response = client.get(path)

        assert response.status_code == 302
        assert response["Location"] == login_redirect_for(path)


def test_a_members_only_document_is_streamed_to_a_member_by_its_page(
    client_for, member, members_document
):
    response = client_for(member).get(members_document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_media_redirects_a_member_to_a_signed_url_that_expires_within_a_minute(
    s3_server, bucket, client_for, member, members_document
):
    response = client_for(member).get(f"/media/{members_document.file.name}")

    assert response.status_code == 302
    assert response["Cache-Control"].startswith("private, no-store")
    signed = urlsplit(response["Location"])
    query = parse_qs(signed.query)
    assert f"{signed.scheme}://{signed.netloc}" == s3_server.endpoint_url
    assert signed.path == f"/{bucket}/{members_document.file.name}"
    assert query["X-Amz-Algorithm"] == ["AWS4-HMAC-SHA256"]
    assert query["X-Amz-Signature"][0]
    assert int(query["X-Amz-Expires"][0]) <= 60
    assert query["response-content-type"] == ["application/pdf"]
    assert fetch(response["Location"]) == (200, PDF_BYTES)


def test_objects_carry_no_public_grant_and_an_unsigned_get_is_refused(
    s3_server, bucket, members_document
):
    name = members_document.file.name
    grants = s3_server.client().get_object_acl(Bucket=bucket, Key=name)["Grants"]

    assert grants
    assert not {grant["Grantee"].get("URI") for grant in grants} & PUBLIC_GROUPS
    assert fetch(f"{s3_server.endpoint_url}/{bucket}/{name}")[0] == 403


def test_the_storage_hands_out_only_the_portal_s_own_media_route(members_document):
    assert members_document.file.url == f"/media/{members_document.file.name}"
    assert isinstance(members_document.file.storage._wrapped, PrivateObjectStorage)


@pytest.fixture
def members_page_image(s3_server, bucket, site_tree):
    image = make_image(title="Photo de la réunion", filename="reunion.png")
    page = StandardPageFactory(
        parent=site_tree.members_space,
        title="Album des membres",
        body=[("image", {"image": image, "alt": "La réunion", "caption": ""})],
    )
    return image, page


def test_renditions_land_in_the_bucket_and_go_through_the_portal(
    s3_server, bucket, client, client_for, member, members_page_image
):
    image, page = members_page_image

    body = client_for(member).get(page.url).content.decode()

    renditions = [key for key in keys(s3_server, bucket) if key.startswith("images/")]
    assert renditions, "the page's rendition was written to the bucket"
    assert image.file.name in keys(s3_server, bucket)
    assert f"/media/{renditions[0]}" in body
    assert s3_server.endpoint_url not in body
    assert client.get(f"/media/{renditions[0]}").status_code == 302  # to the login page
    allowed = client_for(member).get(f"/media/{renditions[0]}")
    status, content = fetch(allowed["Location"])
    assert (status, content[:8]) == (200, b"\x89PNG\r\n\x1a\n")


def test_a_forum_attachment_is_kept_in_the_bucket_and_streamed_to_a_reader(
    s3_server, bucket, client_for, member
):
    forum = forum_factories.make_forum("Entre pairs aidants", helpers_only=True)
    post = forum_factories.first_post(forum_factories.make_topic(forum, forum_factories.helper()))
    attachment = Attachment.objects.create(
        post=post, file=SimpleUploadedFile("compte-rendu.txt", b"Compte rendu", "text/plain")
    )
    url = reverse("forum_conversation:attachment", args=[attachment.pk])

    assert attachment.file.name in keys(s3_server, bucket)
    assert client_for(forum_factories.helper()).get(url).content == b"Compte rendu"
    assert client_for(member).get(url).status_code in (403, 404)
    assert client_for(member).get(f"/media/{attachment.file.name}").status_code == 404


def test_streaming_from_the_bucket_is_the_other_way(client_for, member, members_document, settings):
    settings.MEDIA_SERVE_METHOD = "stream"

    response = client_for(member).get(f"/media/{members_document.file.name}")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_storage_url_and_aws_variables_name_the_same_private_bucket(monkeypatch):
    monkeypatch.setenv(
        "STORAGE_URL", "s3://relais-media/prod?endpoint_url=https://s3.example.net&region=fr-par"
    )
    from_url = object_storage_options(environ.Env())
    monkeypatch.delenv("STORAGE_URL")
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "relais-media")
    monkeypatch.setenv("AWS_LOCATION", "prod")
    monkeypatch.setenv("AWS_S3_ENDPOINT_URL", "https://s3.example.net")
    monkeypatch.setenv("AWS_S3_REGION_NAME", "fr-par")
    from_aws = object_storage_options(environ.Env())

    assert from_url == from_aws
    assert from_url["bucket_name"] == "relais-media" and from_url["location"] == "prod"
    assert from_url["default_acl"] == "private" and from_url["querystring_auth"] is True
    assert from_url["querystring_expire"] == 60
    assert object_storage_origin(from_url) == "https://s3.example.net"
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME")
    assert object_storage_options(environ.Env()) is None


# --- The /media/ walk on the bucket: every kind of file x every kind of viewer ---------------


@pytest.fixture
def files_on_the_bucket(bucket, site_tree):
    """One file of each road home.visibility decides, all in the bucket: a document of a
    restricted collection, a document attached to a members-only page (reference index), an
    image of a members-only page, and a document of a public page."""
    collection_document = make_document(
        title="Procès-verbal interne", filename="proces-verbal.pdf", collection=members_collection()
    )
    attached = make_document(title="Annexe confidentielle", filename="annexe.pdf")
    restrict_to_members(
        ResourcePageFactory(
            parent=site_tree.resources, title="Ressource avec annexe", documents=[attached]
        )
    )
    image = make_image(title="Photo de la réunion", filename="reunion.png")
    StandardPageFactory(
        parent=site_tree.members_space,
        title="Album des membres",
        body=[("image", {"image": image, "alt": "La réunion", "caption": ""})],
    )
    public = make_document(title="Annexe publique", filename="annexe-publique.pdf")
    ResourcePageFactory(parent=site_tree.resources, title="Ressource publique", documents=[public])
    return {
        "restricted collection": collection_document.file.name,
        "members-only page's document": attached.file.name,
        "members-only page's image": image.file.name,
        "public page's document": public.file.name,
    }


SIGNED = "signed URL"
MEDIA_WALK = {
    # viewer: (what a members-only file gives, what a public file gives)
    "visitor": ("login", SIGNED),
    "outside the group": (403, SIGNED),
    "member": (SIGNED, SIGNED),
}


@pytest.mark.parametrize("viewer", MEDIA_WALK)
def test_every_media_file_on_the_bucket_goes_to_whoever_may_see_it_and_to_nobody_else(
    s3_server, files_on_the_bucket, client, client_for, member, user_without_role, viewer
):
    """R-C11 on object storage: /media/ decides before any signed URL is handed out, for each
    road home.visibility knows; the redirect is never kept by a cache, and an unknown key is
    not found rather than signed."""
    browser = {
        "visitor": client,
        "outside the group": client_for(user_without_role),
        "member": client_for(member),
    }[viewer]
    for kind, name in files_on_the_bucket.items():
        path = f"/media/{name}"
        expected = MEDIA_WALK[viewer][kind.startswith("public")]
        response = browser.get(path)
        if expected == SIGNED:
            assert response.status_code == 302, kind
            assert response["Location"].startswith(s3_server.endpoint_url), kind
            assert response["Cache-Control"].startswith("private, no-store"), kind
            assert fetch(response["Location"])[0] == 200, kind
        elif expected == "login":
            assert response.status_code == 302, kind
            assert response["Location"] == login_redirect_for(path), kind
        else:
            assert response.status_code == expected, kind
    assert browser.get("/media/documents/inconnu.pdf").status_code == 404


def test_a_visitors_kept_page_carries_the_portal_s_media_route_never_a_signed_url(
    s3_server, bucket, site_tree
):
    """A kept page outlives a signed URL (a minute) and would skip the check: the page, built
    and then served from the cache, links /media/ only, and that link still signs afresh."""
    image = make_image(title="Photo publique", filename="publique.png")
    page = StandardPageFactory(
        parent=site_tree.about,
        title="Notre équipe",
        body=[("image", {"image": image, "alt": "L’équipe", "caption": ""})],
    )
    for _twice in range(2):
        body = Client().get(page.url).content.decode()
        assert s3_server.endpoint_url not in body
        assert "X-Amz-Signature" not in body
        media = re.search(r'src="(/media/[^"]+)"', body).group(1)
    response = Client().get(media)
    assert response.status_code == 302
    assert fetch(response["Location"])[0] == 200
