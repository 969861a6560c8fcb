"""Retention (R-K7, R-G10) and account deletion: personal content goes, anonymised facts stay."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from guardian.models import UserObjectPermission

from helprequests import services
from helprequests.models import (
    Alert,
    DelayNotice,
    HelpRequest,
    HelpRequestSettings,
    Message,
    MessageAttachment,
    Offer,
    Routing,
    RoutingStatus,
    Status,
    SupervisionShare,
    Transition,
)
from members.services.data_rights import delete_account

from .factories import Cast, assert_rows_follow_routings, guardian_rows, helper, in_days

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def cast(db):
    return Cast.create()


def full_life(cast, *, close=True):
    """A request that went through everything that leaves personal content behind."""
    request = cast.request_in(Status.IN_PROGRESS)
    services.post_message(
        request=request,
        by=cast.member,
        body="Mon chef s’appelle Monsieur Secret.",
        files=[SimpleUploadedFile("contrat-apolline.pdf", PDF, content_type="application/pdf")],
    )
    services.post_message(request=request, by=cast.helper, body="Bien reçu.")
    services.raise_alert(request=request, by=cast.helper, kind="danger", note="Note secrète.")
    services.announce_delay(request=request, by=cast.helper, new_date=in_days(20), reason="Congé.")
    services.make_offer(
        request=request,
        by=cast.helper,
        title="Offre secrète",
        description="Description secrète.",
        usual_price=300,
        network_price=100,
    )
    share = services.ask_supervision(request=request, by=cast.helper, supervisor=helper())
    services.answer_supervision(share=share, by=cast.member, agree=True)
    services.share_summary(share=share, by=cast.helper, summary="Résumé secret.")
    services.file_outcome(
        request=request, by=cast.helper, help_kind="advice", settled=False, note="Remarque."
    )
    services.resolve_request(request=request, by=cast.helper, note="Note de résolution.")
    if close:
        services.answer_questionnaire(
            request=request,
            by=cast.member,
            overall=4,
            timely=False,
            would_recommend=True,
            comment="Commentaire secret.",
        )
    return HelpRequest.objects.get(pk=request.pk)


def assert_erased(request):
    request = HelpRequest.objects.get(pk=request.pk)
    assert request.requester is None
    assert request.erased_at is not None
    for name in ("subject", "description", "since", "callback_phone", "job_title"):
        assert getattr(request, name) == "", name
    assert not Message.objects.filter(request=request).exclude(body="").exists()
    assert not MessageAttachment.objects.filter(message__request=request).exists()
    assert not Alert.objects.filter(request=request).exclude(note="").exists()
    assert not Offer.objects.filter(request=request).exclude(description="").exists()
    assert not SupervisionShare.objects.filter(request=request).exclude(summary="").exists()
    assert not Transition.objects.filter(request=request).exclude(note="").exists()
    assert not DelayNotice.objects.filter(request=request).exclude(reason="").exists()
    assert not UserObjectPermission.objects.filter(object_pk=str(request.pk)).exists()
    if hasattr(request, "outcome"):
        assert request.outcome.note == ""
    if hasattr(request, "satisfaction"):
        assert request.satisfaction.comment == ""
    return request


def test_content_and_files_go_and_the_indicators_facts_stay(cast):
    request = full_life(cast)
    stored = MessageAttachment.objects.get(message__request=request).file.name
    assert default_storage.exists(stored)
    before = {
        "theme": request.theme_id,
        "organisation": request.organisation_id,
        "urgent": request.urgent,
        "channel": request.channel,
        "status": request.status,
        "submitted_at": request.submitted_at,
        "closed_at": request.closed_at,
        "promised_by": request.promised_by,
        "messages": request.messages.count(),
        "transitions": request.transitions.count(),
    }

    services.erase_request_content(request=request)

    erased = assert_erased(request)
    assert not default_storage.exists(stored)
    assert {
        "theme": erased.theme_id,
        "organisation": erased.organisation_id,
        "urgent": erased.urgent,
        "channel": erased.channel,
        "status": erased.status,
        "submitted_at": erased.submitted_at,
        "closed_at": erased.closed_at,
        "promised_by": erased.promised_by,
        "messages": erased.messages.count(),
        "transitions": erased.transitions.count(),
    } == before
    assert (erased.outcome.help_kind, erased.outcome.settled) == ("advice", False)
    answer = erased.satisfaction
    assert (answer.overall, answer.timely, answer.would_recommend) == (4, False, True)
    assert erased.offers.get().network_price == 100
    assert list(erased.transitions.values_list("action", flat=True))[0] == "submit"


def test_the_daily_command_erases_only_requests_closed_longer_than_the_period(cast):
    settings = HelpRequestSettings.load()
    settings.retention_days = 30
    settings.save()
    old = full_life(cast)
    HelpRequest.objects.filter(pk=old.pk).update(closed_at=timezone.now() - timedelta(days=31))
    recent = cast.request_in(Status.CLOSED)
    open_one = cast.request_in(Status.TAKEN)
    HelpRequest.objects.filter(pk=open_one.pk).update(
        submitted_at=timezone.now() - timedelta(days=400)
    )

    out = StringIO()
    call_command("erase_expired_requests", stdout=out)

    assert "1 demande" in out.getvalue()
    assert_erased(old)
    for kept in (recent, open_one):
        kept = HelpRequest.objects.get(pk=kept.pk)
        assert kept.requester == cast.member and kept.subject and kept.erased_at is None
    assert services.erase_expired_requests() == 0  # already erased


def _to(mailbox, user):
    return [message for message in mailbox if message["To"] == user.email]


def test_deleting_an_account_withdraws_open_requests_and_erases_them_all_at_once(
    cast, mailbox, django_capture_on_commit_callbacks
):
    open_one = full_life(cast, close=False)  # resolved, not closed
    taken = cast.request_in(Status.TAKEN)
    submitted = cast.request_in(Status.SUBMITTED)
    files = list(MessageAttachment.objects.values_list("file", flat=True))
    mailbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        delete_account(user=cast.member, remove_forum_posts=False)

    for request in (open_one, taken, submitted):
        erased = assert_erased(request)
        assert erased.status == Status.CLOSED
    assert not any(default_storage.exists(name) for name in files)
    assert Routing.objects.get(request=taken).status == RoutingStatus.ENDED
    assert not UserObjectPermission.objects.filter(user=cast.member).exists()
    assert not UserObjectPermission.objects.filter(user=cast.helper).exists()
    # The helper is told, without any content.
    to_helper = [m for m in mailbox if m["To"] == cast.helper.email]
    assert to_helper
    for message in mailbox:
        assert "Apolline" not in message.get_content()
        assert "Conflit" not in message.get_content()


def test_deleting_a_member_records_each_step_by_the_system(cast):
    resolved = cast.request_in(Status.RESOLVED)
    taken = cast.request_in(Status.TAKEN)
    submitted = cast.request_in(Status.SUBMITTED)
    closed = cast.request_in(Status.CLOSED)
    counts = {r.pk: r.transitions.count() for r in (resolved, taken, submitted, closed)}

    delete_account(user=cast.member, remove_forum_posts=False)

    def added(request):
        steps = HelpRequest.objects.get(pk=request.pk).transitions.order_by("at", "pk")
        return [(t.action, t.actor_id, t.actor_role) for t in steps[counts[request.pk] :]]

    system = [None, "system"]
    assert added(taken) == [("withdraw", *system), ("close", *system)]
    assert added(submitted) == [("withdraw", *system), ("close", *system)]
    assert added(resolved) == [("close", *system)]  # finished already: closed, not withdrawn
    assert added(closed) == []
    for request in (resolved, taken, submitted, closed):
        assert_rows_follow_routings(request)
        assert guardian_rows(request) == set()


def test_deleting_a_member_tells_each_person_once_per_withdrawn_request(
    cast, mailbox, django_capture_on_commit_callbacks
):
    taken = cast.request_in(Status.TAKEN)
    cast.request_in(Status.SUBMITTED)
    cast.request_in(Status.RESOLVED)  # not open: closed without a withdrawal, nobody told
    mailbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        delete_account(user=cast.member, remove_forum_posts=False)

    (to_helper,) = _to(mailbox, cast.helper)
    assert "vous n’avez plus à y travailler" in to_helper.get_content()
    assert f"/demandes/aidant/{taken.public_id}/" in to_helper.get_content()
    to_coordination = _to(mailbox, cast.coordinator)
    assert len(to_coordination) == 2  # one per withdrawn request
    for message in to_coordination:
        assert "retirée à la suppression d’un compte" in message.get_content()
    assert _to(mailbox, cast.member) == []
    assert len(mailbox) == 3


def test_deleting_a_helper_s_account_sends_their_requests_back_to_the_coordination(cast):
    taken = cast.request_in(Status.TAKEN)
    delete_account(user=cast.helper, remove_forum_posts=False)
    taken.refresh_from_db()
    assert taken.status == Status.ACCEPTED
    assert Routing.objects.get(request=taken).status == RoutingStatus.STEPPED_ASIDE
    assert not UserObjectPermission.objects.filter(user=cast.helper).exists()
    # The member's request itself is untouched.
    assert taken.requester == cast.member and taken.subject


def test_deleting_a_helper_steps_them_aside_everywhere_as_the_system(
    cast, mailbox, django_capture_on_commit_callbacks
):
    offered = cast.request_in(Status.ACCEPTED)
    second = helper()
    services.route_request(request=offered, by=cast.coordinator, helpers=[cast.helper, second])
    taken = cast.request_in(Status.IN_PROGRESS)
    resolved = cast.request_in(Status.RESOLVED)
    declined = cast.request_in(Status.ACCEPTED)
    services.route_request(request=declined, by=cast.coordinator, helpers=[cast.helper])
    services.decline_routing(routing=cast.routing(declined), by=cast.helper)
    mailbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        delete_account(user=cast.helper, remove_forum_posts=False)

    after = {r: HelpRequest.objects.get(pk=r.pk) for r in (offered, taken, resolved, declined)}
    # Back to the coordination, unless another helper still holds an offer; a resolved request
    # stays resolved (its questionnaire is awaited); an earlier refusal is left as it was.
    assert after[offered].status == Status.ROUTED
    assert after[taken].status == Status.ACCEPTED
    assert after[resolved].status == Status.RESOLVED
    assert after[declined].status == Status.ACCEPTED
    for request in (offered, taken, resolved):
        assert cast.routing(request).status == RoutingStatus.STEPPED_ASIDE
        last = after[request].transitions.latest("at", "pk")
        assert (last.action, last.actor, last.actor_role) == ("step_aside", None, "system")
    assert cast.routing(declined).status == RoutingStatus.DECLINED
    assert after[declined].transitions.latest("at", "pk").action == "decline_routing"
    for request in after.values():
        assert_rows_follow_routings(request)
    assert not UserObjectPermission.objects.filter(user=cast.helper).exists()
    # The second helper keeps their offer.
    assert (second.pk, "view_brief") in guardian_rows(offered)
    # The coordination is told once per request back in its hands (not for the resolved one),
    # and nobody else is.
    to_coordination = _to(mailbox, cast.coordinator)
    assert len(to_coordination) == 2
    for message in to_coordination:
        assert "a quitté le réseau" in message.get_content()
    assert len(mailbox) == 2


def test_the_member_s_requests_are_in_mes_donnees(cast):
    from members.services.data_rights import personal_data_json

    cast.request_in(Status.TAKEN)
    section = personal_data_json(cast.member)["sections"]["help_requests"]
    (record,) = section["records"]
    assert record["subject"] == "Conflit avec ma hiérarchie"
    assert "help_requests" not in personal_data_json(cast.other_member)["sections"]
    assert "Bérénice" not in repr(section)
