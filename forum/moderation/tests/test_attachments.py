"""Attachments are private to those who can read the topic (issue #5, item 7).

machina serves them through its attachment view, which checks can_download_file on the forum.
The file itself is stored under MEDIA_ROOT, but /media/ is served by
home.views.serve_protected_media, which serves only files the CMS knows: never an attachment.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from machina.core.db.models import get_model

from members.models import MembershipStatus
from members.services import joining
from members.tests.factories import UserFactory

from . import factories

Attachment = get_model("forum_attachments", "Attachment")

pytestmark = pytest.mark.django_db

SECRET = b"Compte rendu confidentiel de la rencontre entre aidants."


@pytest.fixture
def helpers_attachment(db):
    forum = factories.make_forum("Entre pairs aidants", helpers_only=True)
    author = factories.helper()
    post = factories.first_post(factories.make_topic(forum, author))
    return Attachment.objects.create(
        post=post, file=SimpleUploadedFile("compte-rendu.txt", SECRET, "text/plain")
    )


def attachment_url(attachment):
    return reverse("forum_conversation:attachment", args=[attachment.pk])


def media_url(attachment):
    return f"/media/{attachment.file.name}"


def test_a_helper_who_reads_the_forum_downloads_the_attachment(helpers_attachment, client_for):
    response = client_for(factories.helper()).get(attachment_url(helpers_attachment))
    assert response.status_code == 200
    assert (
        b"".join(response.streaming_content if response.streaming else [response.content]) == SECRET
    )


def test_a_member_who_cannot_read_the_forum_cannot_download(helpers_attachment, member, client_for):
    client = client_for(member)
    assert client.get(attachment_url(helpers_attachment)).status_code in (403, 404)
    assert client.get(media_url(helpers_attachment)).status_code in (403, 404)


def test_a_visitor_cannot_download(helpers_attachment, client):
    response = client.get(attachment_url(helpers_attachment))
    assert response.status_code == 302
    assert client.get(media_url(helpers_attachment)).status_code in (302, 403, 404)
    assert SECRET not in client.get(media_url(helpers_attachment)).content


def test_a_person_still_joining_cannot_download(helpers_attachment, client_for):
    joiner = UserFactory(email="en-cours@relais.test")
    profile = joining.ensure_profile(joiner)
    assert profile.status != MembershipStatus.ACTIVE
    client = client_for(joiner)
    assert client.get(attachment_url(helpers_attachment)).status_code in (302, 403, 404)
    assert client.get(media_url(helpers_attachment)).status_code in (302, 403, 404)


def test_the_file_is_never_served_from_media_even_to_a_reader(helpers_attachment, client_for):
    response = client_for(factories.helper()).get(media_url(helpers_attachment))
    assert response.status_code == 404
