"""The private thread of a request: who writes, who reads, and private attachments (issue #6)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from helprequests import services
from helprequests.forms.thread import BODY_MAX_LENGTH, MAX_FILE_SIZE
from helprequests.models import Message, MessageAttachment
from members.tests import factories

from .test_views_helper import World

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world(db):
    return World()


@pytest.fixture
def taken(world):
    return world.taken_request()


def post_url(request):
    return reverse("helprequests:post_message", kwargs={"public_id": request.public_id})


def attachment_url(item):
    return reverse("helprequests:attachment", kwargs={"public_id": item.public_id})


def pdf(name="attestation.pdf", content=PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def coordinator_client(world, client_for):
    return client_for(world.coordinator)


# --- Posting ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["member", "coordinator", "helper"])
def test_each_party_can_write_in_the_thread(client_for, world, taken, who):
    author = {"member": world.member, "coordinator": world.coordinator, "helper": world.helper}[who]
    response = client_for(author).post(
        post_url(taken), {"body": f"Un message de la part de {who}."}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#echanges")
    message = Message.objects.get(request=taken)
    assert message.author == author
    assert message.author_role == who


def test_after_posting_the_helper_comes_back_to_the_brief(client_for, world, taken):
    brief = reverse("helprequests:helper_brief", kwargs={"public_id": taken.public_id})
    response = client_for(world.helper).post(post_url(taken), {"body": "Bonjour", "next": brief})
    assert response["Location"] == brief + "#echanges"


def test_an_outside_address_to_come_back_to_is_ignored(client_for, world, taken):
    response = client_for(world.helper).post(
        post_url(taken), {"body": "Bonjour", "next": "https://ailleurs.example/"}
    )
    assert "ailleurs" not in response["Location"]


@pytest.mark.parametrize("who", ["outsider", "other_helper", "second_helper"])
def test_people_outside_the_thread_cannot_write(client_for, world, taken, who):
    response = client_for(getattr(world, who)).post(post_url(taken), {"body": "Intrusion"})
    assert response.status_code in (403, 404)
    assert not Message.objects.exists()


def test_a_helper_it_is_only_offered_to_cannot_write(client_for, world):
    request = world.new_request()
    response = client_for(world.helper).post(post_url(request), {"body": "Trop tôt"})
    assert response.status_code == 404
    assert not Message.objects.exists()


def test_a_visitor_is_sent_to_the_login_page(client, taken):
    response = client.post(post_url(taken), {"body": "Anonyme"})
    assert response.status_code == 302
    assert "/compte/login/" in response["Location"]
    assert not Message.objects.exists()


def test_a_coordinator_without_second_factor_cannot_write(client_for, world, taken):
    response = client_for(factories.coordinator()).post(post_url(taken), {"body": "Sans TOTP"})
    assert response.status_code == 404
    assert not Message.objects.exists()


def test_a_coordinator_whose_session_did_not_pass_the_second_factor_cannot_write(
    client_for, world, taken
):
    coordinator = factories.coordinator()
    client = client_for(coordinator)
    factories.with_second_factor(coordinator)  # set up after this session logged in

    response = client.post(post_url(taken), {"body": "Session sans code"})

    assert response.status_code == 404
    assert not Message.objects.exists()


def test_an_empty_message_is_refused_on_the_page(client_for, world, taken):
    response = client_for(world.member).post(post_url(taken), {"body": "   "})
    assert response.status_code == 400
    assert "Écrivez votre message avant de l’envoyer." in response.content.decode()
    assert not Message.objects.exists()


def test_an_over_long_message_is_refused_and_the_text_kept(client_for, world, taken):
    body = "Texte gardé " + "x" * BODY_MAX_LENGTH
    response = client_for(world.member).post(post_url(taken), {"body": body})
    assert response.status_code == 400
    page = response.content.decode()
    assert "trop long" in page
    assert "Texte gardé" in page
    assert not Message.objects.exists()


def test_a_refusal_of_the_service_is_shown_and_the_text_kept(client_for, world, taken):
    services.resolve_request(request=taken, by=world.helper)
    services.answer_questionnaire(
        request=taken, by=world.member, overall=4, timely=True, would_recommend=True
    )
    response = client_for(world.member).post(post_url(taken), {"body": "Encore une question"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Encore une question" in page
    assert "Ce n’est plus possible" in page
    assert not Message.objects.exists()


def test_the_notification_says_nothing_of_the_message(
    client_for, world, taken, mailbox, django_capture_on_commit_callbacks
):
    mailbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(world.helper).post(post_url(taken), {"body": "Rendez-vous jeudi à 14 h"})
    assert mailbox
    recipients = {address for message in mailbox for address in message["To"].split(",")}
    assert world.member.email in recipients
    for message in mailbox:
        text = message.as_string()
        assert "jeudi" not in text
        assert "Dossiers retirés" not in text
        assert world.member.last_name not in text


def test_authors_are_shown_by_role(client_for, world, taken):
    services.post_message(request=taken, by=world.member, body="Question du membre")
    services.post_message(request=taken, by=world.coordinator, body="Réponse de la coordination")
    brief = reverse("helprequests:helper_brief", kwargs={"public_id": taken.public_id})
    page = client_for(world.helper).get(brief).content.decode()
    assert "La coordination" in page
    assert "Question du membre" in page
    assert world.member.last_name not in page
    assert world.coordinator.last_name not in page


# --- Attachments ------------------------------------------------------------------------------


def _post_with_file(client, request, upload, body="Voici le document."):
    return client.post(post_url(request), {"body": body, "files": [upload]})


def test_a_pdf_is_attached_under_a_name_that_says_nothing(client_for, world, taken):
    response = _post_with_file(client_for(world.member), taken, pdf("Vasseur arrêt.pdf"))
    assert response.status_code == 302
    item = MessageAttachment.objects.get()
    assert item.original_name == "Vasseur arrêt.pdf"
    assert "Vasseur" not in item.file.name
    assert item.file.name.startswith("helprequests/")


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("programme.exe", b"MZ\x90\x00", "application/octet-stream"),
        ("page.html", b"<script>alert(1)</script>", "text/html"),
        ("faux.pdf", b"<html>pas un pdf</html>", "application/pdf"),
        ("image.png", PDF, "image/png"),
        ("vide.txt", b"", "text/plain"),
    ],
)
def test_files_of_other_kinds_or_lying_about_their_kind_are_refused(
    client_for, world, taken, name, content, content_type
):
    response = _post_with_file(
        client_for(world.member), taken, SimpleUploadedFile(name, content, content_type)
    )
    assert response.status_code == 400
    assert "Voici le document." in response.content.decode()
    assert not Message.objects.exists()


def test_a_file_over_five_megabytes_is_refused(client_for, world, taken):
    big = pdf("gros.pdf", PDF + b"0" * MAX_FILE_SIZE)
    response = _post_with_file(client_for(world.member), taken, big)
    assert response.status_code == 400
    assert "5 Mo" in response.content.decode()
    assert not MessageAttachment.objects.exists()


def test_several_files_can_be_attached(client_for, world, taken):
    response = client_for(world.member).post(
        post_url(taken),
        {
            "body": "Deux pièces",
            "files": [pdf("a.pdf"), SimpleUploadedFile("b.txt", b"notes", "text/plain")],
        },
    )
    assert response.status_code == 302
    assert MessageAttachment.objects.count() == 2


@pytest.fixture
def attached(world, taken):
    services.post_message(
        request=taken, by=world.member, body="Le courrier reçu", files=[pdf("courrier.pdf")]
    )
    return MessageAttachment.objects.get()


@pytest.mark.parametrize("who", ["member", "coordinator", "helper"])
def test_the_parties_download_an_attachment_privately(client_for, world, attached, who):
    reader = {"member": world.member, "coordinator": world.coordinator, "helper": world.helper}[who]
    response = client_for(reader).get(attachment_url(attached))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert "courrier.pdf" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"


def test_a_coordinator_download_is_recorded_as_an_opening(client_for, world, attached, taken):
    from helprequests.models import RequestAccess

    client_for(world.coordinator).get(attachment_url(attached))
    assert RequestAccess.objects.filter(request=taken, viewer=world.coordinator).exists()


@pytest.mark.parametrize("who", ["outsider", "other_helper", "second_helper"])
def test_nobody_else_downloads_an_attachment(client_for, world, attached, who):
    response = client_for(getattr(world, who)).get(attachment_url(attached))
    assert response.status_code == 404


def test_a_helper_it_is_only_offered_to_cannot_download(client_for, world):
    request = world.new_request()
    services.post_message(request=request, by=world.member, body="Pièce", files=[pdf("piece.pdf")])
    item = MessageAttachment.objects.get()
    assert client_for(world.helper).get(attachment_url(item)).status_code == 404


def test_a_coordinator_without_second_factor_cannot_download(client_for, attached):
    response = client_for(factories.coordinator()).get(attachment_url(attached))
    assert response.status_code == 404


def test_a_visitor_is_sent_to_log_in_before_any_download(client, attached):
    response = client.get(attachment_url(attached))
    assert response.status_code == 302
    assert "/compte/login/" in response["Location"]


def test_an_unknown_attachment_is_404(client_for, world):
    url = reverse(
        "helprequests:attachment", kwargs={"public_id": "00000000-0000-4000-8000-000000000000"}
    )
    assert client_for(world.member).get(url).status_code == 404


def test_the_helper_loses_the_attachments_when_the_request_closes(
    client_for, world, taken, attached
):
    services.resolve_request(request=taken, by=world.helper)
    assert client_for(world.helper).get(attachment_url(attached)).status_code == 200
    services.answer_questionnaire(
        request=taken, by=world.member, overall=4, timely=True, would_recommend=True
    )
    assert client_for(world.helper).get(attachment_url(attached)).status_code == 404
    assert client_for(world.member).get(attachment_url(attached)).status_code == 200


@pytest.mark.parametrize("who", ["member", "coordinator", "helper", "visitor"])
def test_attachments_are_never_served_from_media(client, client_for, world, attached, who):
    """Only the attachment view serves them: /media/ knows nothing of help requests."""
    reader = None if who == "visitor" else getattr(world, who if who != "member" else "member")
    http = client if reader is None else client_for(reader)
    response = http.get("/media/" + attached.file.name)
    assert response.status_code == 404


def test_the_file_on_disk_holds_what_was_sent(attached):
    with attached.file.open("rb") as handle:
        assert io.BytesIO(handle.read()).getvalue() == PDF
