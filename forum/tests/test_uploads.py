"""What a member may attach to a forum post (security issue, item 7).

The rules of the help requests' thread (portal/uploads.py): allowed kinds only, content matching
the kind, 10 MB at most; at most five files per post; random names on disk. A refused file
leaves the post unsaved, says why, and keeps what was typed.
"""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from machina.core.db.models import get_model

from forum.moderation.tests import factories
from forum.moderation.tests.posting import post_topic, topic_create_url, topic_url
from portal import uploads

Attachment = get_model("forum_attachments", "Attachment")
Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"
TYPED = "Voici le compte rendu de notre réunion d’équipe."


@pytest.fixture
def forum(db):
    return factories.make_forum("Écoute entre pairs")


@pytest.fixture
def author(member, client_for):
    return client_for(member)


def _post(client, forum, *files):
    return post_topic(client, forum, subject="Compte rendu", content=TYPED, files=list(files))


def _refused(response, message):
    content = response.content.decode()
    assert response.status_code == 200
    assert message in content
    assert TYPED in content  # what was typed is kept
    assert "Ce que vous avez écrit est conservé." in content
    assert not Topic.objects.filter(subject="Compte rendu").exists()
    assert not Attachment.objects.exists()


def test_an_allowed_file_is_stored_under_a_random_name(forum, author):
    response = _post(
        author, forum, SimpleUploadedFile("Dupont Marie - bilan.pdf", PDF, "application/pdf")
    )
    assert response.status_code == 302
    stored = Attachment.objects.get()
    name = os.path.basename(stored.file.name)
    assert "Dupont" not in stored.file.name and "bilan" not in stored.file.name
    assert len(name) == len("0123456789abcdef0123456789abcdef.pdf") and name.endswith(".pdf")


def test_the_topic_page_names_an_attachment_without_any_file_name(forum, author, member):
    _post(author, forum, SimpleUploadedFile("Dupont Marie.pdf", PDF, "application/pdf"))
    topic = Topic.objects.get(subject="Compte rendu")
    # A newcomer's post waits for approval: approve it, as a moderator would.
    Post.objects.filter(topic=topic).update(approved=True)
    Topic.objects.filter(pk=topic.pk).update(approved=True)
    html = author.get(topic_url(topic)).content.decode()
    assert "Pièce jointe 1" in html
    assert "Dupont" not in html
    assert os.path.basename(Attachment.objects.get().file.name) not in html


@pytest.mark.parametrize(
    "name, content, content_type",
    [
        ("page.html", b"<script>alert(1)</script>", "text/html"),
        ("programme.exe", b"MZ\x90\x00", "application/octet-stream"),
        ("image.svg", b"<svg onload=alert(1)>", "image/svg+xml"),
        ("sans-extension", b"%PDF-1.4", "application/pdf"),
    ],
)
def test_a_file_of_a_kind_not_allowed_is_refused(forum, author, name, content, content_type):
    response = _post(author, forum, SimpleUploadedFile(name, content, content_type))
    _refused(response, "n’est pas d’un type accepté")


def test_a_file_whose_content_lies_about_its_kind_is_refused(forum, author):
    fake = SimpleUploadedFile("rapport.pdf", b"<html><script>alert(1)</script>", "application/pdf")
    _refused(_post(author, forum, fake), "ne correspond pas à son type")


def test_a_file_over_ten_megabytes_is_refused(forum, author):
    big = SimpleUploadedFile("gros.pdf", PDF + b"0" * uploads.MAX_UPLOAD_SIZE, "application/pdf")
    _refused(_post(author, forum, big), "dépasse 10 Mo")


def test_an_empty_file_is_refused(forum, author):
    empty = SimpleUploadedFile("vide.pdf", b"", "application/pdf")
    _refused(_post(author, forum, empty), "Le fichier soumis est vide.")


def test_more_than_five_files_are_refused(forum, author):
    files = [SimpleUploadedFile(f"f{n}.pdf", PDF, "application/pdf") for n in range(6)]
    _refused(_post(author, forum, *files), "Joignez au plus 5 fichiers par message.")


def test_five_files_are_accepted(forum, author):
    files = [SimpleUploadedFile(f"f{n}.pdf", PDF, "application/pdf") for n in range(5)]
    assert _post(author, forum, *files).status_code == 302
    assert Attachment.objects.count() == 5


def test_the_file_input_offers_only_the_allowed_kinds(forum, author):
    html = author.get(topic_create_url(forum)).content.decode()
    assert f'accept="{uploads.accept_attribute()}"' in html
