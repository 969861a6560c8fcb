"""The services' rules beyond the transition table: input, anonymity, consent, alerts, e-mails.

(The walk of every action from every state by every role is test_services_transitions.py.)
"""

import socket
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from helprequests import selectors, services
from helprequests.errors import RequestError
from helprequests.models import (
    Alert,
    HelpRequest,
    HelpRequestSettings,
    OfferStatus,
    Status,
    Transition,
)
from members.models import ConfidentialityLevel
from members.tests import factories as people
from portal.notifications import deliver_notice

from .factories import Cast, helper, in_days, outcome_kwargs, request_data

DATABASE_QUEUE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "relais": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]},
}


@pytest.fixture
def cast(db):
    return Cast.create()


def _closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- Bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "overrides",
    [
        {"subject": ""},
        {"subject": "   "},
        {"subject": "x" * 121},
        {"description": ""},
        {"description": "x" * 2001},
        {"since": "x" * 121},
        {"job_title": "x" * 121},
        {"needed_by": timezone.localdate() - timedelta(days=1)},
        {"needed_by": "pas une date"},
        {"channel": "pigeon"},
        {"channel": "phone", "callback_phone": ""},
        {"callback_phone": "appelez-moi"},
        {"theme": None},
        {"theme": 999_999},
    ],
    ids=lambda overrides: ",".join(overrides),
)
def test_a_request_with_bad_input_is_refused_and_nothing_is_created(cast, overrides):
    data = request_data(**{"theme": cast.theme, **overrides})
    with pytest.raises(RequestError):
        services.submit_request(by=cast.member, data=data)
    assert HelpRequest.objects.count() == 0
    assert Transition.objects.count() == 0


def test_the_description_limit_is_the_network_s_setting(cast):
    settings = HelpRequestSettings.load()
    settings.description_max_length = 50
    settings.save()
    with pytest.raises(RequestError) as error:
        services.submit_request(by=cast.member, data=request_data(description="x" * 51))
    assert "50" in str(error.value.message)
    services.submit_request(by=cast.member, data=request_data(description="x" * 50))


def test_submission_starts_the_clock_from_the_setting(cast):
    settings = HelpRequestSettings.load()
    settings.acknowledgement_hours = 24
    settings.save()
    request = cast.submit()
    assert request.acknowledge_by - request.submitted_at == timedelta(hours=24)
    assert request.status == Status.SUBMITTED
    assert request.reference.startswith("D-")


@pytest.mark.parametrize("phone", ["(01) 23 45 67", "12-34-56"])
def test_the_service_refuses_a_phone_number_the_form_refuses(cast, phone):
    # The service had its own, looser rule than the forms' phone_validator.
    with pytest.raises(RequestError) as error:
        cast.submit(channel="phone", callback_phone=phone)
    assert "numéro de téléphone valide" in str(error.value.messages)


def test_the_service_keeps_a_phone_number_the_form_accepts(cast):
    request = cast.submit(channel="phone", callback_phone="+33 6 12 34 56 78")
    assert request.callback_phone == "+33 6 12 34 56 78"


def test_an_e_mail_channel_needs_no_phone(cast):
    request = cast.submit(channel="email", callback_phone="")
    assert request.callback_phone == ""


@pytest.mark.parametrize("promised_by", [None, "", timezone.localdate() - timedelta(days=1)])
def test_a_promise_needs_a_date_to_come(cast, promised_by):
    request = cast.request_in(Status.ACKNOWLEDGED)
    with pytest.raises(RequestError):
        services.accept_request(request=request, by=cast.coordinator, promised_by=promised_by)
    request.refresh_from_db()
    assert request.status == Status.ACKNOWLEDGED


def test_today_is_a_possible_promise(cast):
    request = cast.request_in(Status.ACKNOWLEDGED)
    services.accept_request(request=request, by=cast.coordinator, promised_by=in_days(0))


@pytest.mark.parametrize("reason", ["", "  ", "x" * 2001])
def test_declining_needs_a_reason(cast, reason):
    request = cast.request_in(Status.SUBMITTED)
    with pytest.raises(RequestError):
        services.decline_request(request=request, by=cast.coordinator, reason=reason)


def test_a_decline_keeps_its_reason_and_referral_for_the_member(cast):
    request = cast.request_in(Status.SUBMITTED)
    services.decline_request(
        request=request, by=cast.coordinator, reason="Hors champ.", referral="Une permanence."
    )
    request.refresh_from_db()
    assert (request.decline_reason, request.referral) == ("Hors champ.", "Une permanence.")
    assert request.acknowledged_at is not None  # the clock stops: the member has an answer


def test_a_delay_must_move_the_date_later_and_give_a_reason(cast):
    request = cast.request_in(Status.TAKEN)
    for new_date, reason in (
        (request.promised_by, "Un imprévu."),
        (in_days(-1), "Un imprévu."),
        (in_days(30), ""),
    ):
        with pytest.raises(RequestError):
            services.announce_delay(
                request=request, by=cast.helper, new_date=new_date, reason=reason
            )
    notice = services.announce_delay(
        request=request, by=cast.helper, new_date=in_days(30), reason="Un imprévu."
    )
    request.refresh_from_db()
    assert request.promised_by == in_days(30)
    assert notice.previous_date == in_days(10)


def test_routing_refuses_the_requester_and_people_who_are_not_helpers(cast):
    request = cast.request_in(Status.ACCEPTED)
    for helpers in ([], [cast.other_member], [cast.coordinator]):
        with pytest.raises(RequestError):
            services.route_request(request=request, by=cast.coordinator, helpers=helpers)
    cast.member.groups.add(*cast.helper.groups.all())
    cast.member._relais_group_names = None
    with pytest.raises(RequestError):
        services.route_request(request=request, by=cast.coordinator, helpers=[cast.member])


@pytest.mark.parametrize(
    "usual, network",
    [("100", "150"), ("0", "0"), ("-5", "0"), ("abc", "10"), ("100", "-1")],
)
def test_an_offer_never_shows_a_network_price_above_the_usual_one(cast, usual, network):
    request = cast.request_in(Status.TAKEN)
    with pytest.raises(RequestError):
        services.make_offer(
            request=request,
            by=cast.helper,
            title="Accompagnement",
            description="Trois séances.",
            usual_price=usual,
            network_price=network,
        )


def test_the_member_answers_each_offer_once(cast):
    request = cast.request_in(Status.TAKEN)
    services.ask_for_offers(request=request, by=cast.member)
    offers = [
        services.make_offer(
            request=request,
            by=cast.helper,
            title=f"Offre {n}",
            description="Séances.",
            usual_price="300",
            network_price="100",
        )
        for n in (1, 2)
    ]
    services.answer_offer(offer=offers[0], by=cast.member, accept=True)
    services.answer_offer(offer=offers[1], by=cast.member, accept=False)
    with pytest.raises(RequestError):
        services.answer_offer(offer=offers[0], by=cast.member, accept=False)
    assert [o.status for o in selectors.offers_of(request)] == [
        OfferStatus.ACCEPTED,
        OfferStatus.DECLINED,
    ]


@pytest.mark.parametrize(
    "note", ["Trois séances de 45 min.", "Facturé 60 €", "2 heures au téléphone", "x" * 1001]
)
def test_the_outcome_report_stays_discreet_about_price_and_duration(cast, note):
    request = cast.request_in(Status.IN_PROGRESS)
    with pytest.raises(RequestError):
        services.file_outcome(
            request=request, by=cast.helper, help_kind="advice", settled=True, note=note
        )


def test_the_outcome_is_filed_once(cast):
    request = cast.request_in(Status.IN_PROGRESS)
    services.file_outcome(request=request, by=cast.helper, **outcome_kwargs())
    with pytest.raises(RequestError):
        services.file_outcome(request=request, by=cast.helper, **outcome_kwargs())
    with pytest.raises(RequestError):
        services.file_outcome(
            request=request, by=cast.helper, help_kind="magic", settled=True, note=""
        )


@pytest.mark.parametrize("overall", [0, 6, "", None, "cinq"])
def test_the_questionnaire_needs_a_score_from_1_to_5(cast, overall):
    request = cast.request_in(Status.RESOLVED)
    with pytest.raises(RequestError):
        services.answer_questionnaire(
            request=request, by=cast.member, overall=overall, timely=True, would_recommend=True
        )
    request.refresh_from_db()
    assert request.status == Status.RESOLVED


def test_the_questionnaire_feeds_indicators_without_identity(cast):
    request = cast.request_in(Status.RESOLVED)
    services.answer_questionnaire(
        request=request,
        by=cast.member,
        overall="2",
        timely="false",
        would_recommend="oui",
        comment="Merci.",
    )
    answer = HelpRequest.objects.get(pk=request.pk).satisfaction
    assert (answer.overall, answer.timely, answer.would_recommend) == (2, False, True)
    field_names = {f.name for f in answer._meta.get_fields()}
    assert not field_names & {"user", "member", "author", "requester"}


def test_supervision_needs_the_member_s_agreement_before_anything_is_shared(cast):
    request = cast.request_in(Status.IN_PROGRESS)
    supervisor = helper()
    with pytest.raises(RequestError):
        services.ask_supervision(request=request, by=cast.helper, supervisor=cast.helper)
    with pytest.raises(RequestError):
        services.ask_supervision(request=request, by=cast.helper, supervisor=cast.other_member)
    share = services.ask_supervision(request=request, by=cast.helper, supervisor=supervisor)
    with pytest.raises(RequestError):
        services.share_summary(share=share, by=cast.helper, summary="Un cas de conflit.")
    services.answer_supervision(share=share, by=cast.member, agree=True)
    with pytest.raises(RequestError):
        services.share_summary(share=share, by=cast.helper, summary="")
    services.share_summary(share=share, by=cast.helper, summary="Un cas de conflit.")
    assert list(selectors.supervision_cases_for(supervisor)) == [share]


def test_a_refused_supervision_shares_nothing(cast):
    request = cast.request_in(Status.IN_PROGRESS)
    share = services.ask_supervision(request=request, by=cast.helper, supervisor=helper())
    services.answer_supervision(share=share, by=cast.member, agree=False)
    with pytest.raises(RequestError):
        services.share_summary(share=share, by=cast.helper, summary="Un cas.")
    with pytest.raises(RequestError):
        services.answer_supervision(share=share, by=cast.member, agree=True)


# --- Consent (R-C10) -------------------------------------------------------------------------


def test_contact_passes_only_with_both_consents_and_an_accepted_routing(cast):
    request = cast.request_in(Status.ROUTED)
    routing = cast.routing(request)
    services.give_member_consent(routing=routing, by=cast.member)
    routing.refresh_from_db()
    assert selectors.member_contact(routing, cast.helper) is None  # not accepted yet

    services.accept_routing(routing=routing, by=cast.helper)
    routing.refresh_from_db()
    assert selectors.member_contact(routing, cast.helper) is None  # helper has not agreed
    assert selectors.helper_contact(routing, cast.member) is None

    services.give_helper_consent(routing=routing, by=cast.helper)
    routing.refresh_from_db()
    contact = selectors.member_contact(routing, cast.helper)
    assert contact.name == "Apolline Vasseur-Quint"
    assert contact.phone == "06 12 34 56 78"  # the call-back number of the request
    assert contact.email == cast.member.email
    assert selectors.helper_contact(routing, cast.member).email == cast.helper.email
    # Nobody else reads them, not even another helper or the other side's selector.
    assert selectors.member_contact(routing, cast.other_helper) is None
    assert selectors.member_contact(routing, cast.member) is None
    assert selectors.helper_contact(routing, cast.helper) is None
    assert selectors.helper_contact(routing, cast.coordinator) is None


def test_the_helper_consenting_first_works_the_other_way_round(cast):
    request = cast.request_in(Status.TAKEN)
    routing = cast.routing(request)
    services.give_helper_consent(routing=routing, by=cast.helper)
    routing.refresh_from_db()
    assert selectors.helper_contact(routing, cast.member) is None
    services.give_member_consent(routing=routing, by=cast.member)
    routing.refresh_from_db()
    assert selectors.helper_contact(routing, cast.member) is not None


def test_withdrawing_consent_hides_the_contact_again_and_both_dates_are_recorded(cast):
    request = cast.request_in(Status.TAKEN)
    routing = cast.routing(request)
    services.give_member_consent(routing=routing, by=cast.member)
    services.give_helper_consent(routing=routing, by=cast.helper)
    routing.refresh_from_db()
    assert routing.member_consent_at and routing.helper_consent_at
    services.withdraw_member_consent(routing=routing, by=cast.member)
    routing.refresh_from_db()
    assert selectors.member_contact(routing, cast.helper) is None
    actions = list(request.transitions.values_list("action", flat=True))
    assert actions[-3:] == ["give_member_consent", "give_helper_consent", "withdraw_member_consent"]


def test_a_consent_is_given_once_and_only_by_its_own_party(cast):
    request = cast.request_in(Status.TAKEN)
    routing = cast.routing(request)
    with pytest.raises(RequestError):
        services.give_member_consent(routing=routing, by=cast.helper)
    with pytest.raises(RequestError):
        services.give_helper_consent(routing=routing, by=cast.member)
    with pytest.raises(RequestError):
        services.withdraw_member_consent(routing=routing, by=cast.member)
    services.give_member_consent(routing=routing, by=cast.member)
    with pytest.raises(RequestError):
        services.give_member_consent(routing=routing, by=cast.member)


def test_closure_ends_the_contact(cast):
    request = cast.request_in(Status.IN_PROGRESS)
    routing = cast.routing(request)
    services.give_member_consent(routing=routing, by=cast.member)
    services.give_helper_consent(routing=routing, by=cast.helper)
    services.resolve_request(request=request, by=cast.helper)
    services.answer_questionnaire(
        request=request, by=cast.member, overall=5, timely=True, would_recommend=True
    )
    routing.refresh_from_db()
    assert selectors.member_contact(routing, cast.helper) is None


# --- Alerts (R-A12) --------------------------------------------------------------------------


def test_an_alert_tells_every_coordinator_at_once_flags_and_logs(
    cast, mailbox, django_capture_on_commit_callbacks
):
    others = [people.coordinator(), people.coordinator()]
    request = cast.request_in(Status.TAKEN)
    mailbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        alert = services.raise_alert(
            request=request, by=cast.helper, kind="danger", note="Menaces de mort rapportées."
        )
    recipients = sorted(m["To"] for m in mailbox)
    assert recipients == sorted([cast.coordinator.email] + [o.email for o in others])
    for message in mailbox:
        body = message.get_content()
        assert "Menaces" not in body and "Apolline" not in body
        assert f"/demandes/coordination/{request.public_id}/" in body
    request.refresh_from_db()
    assert request.alert_raised
    assert list(selectors.alerts_log()) == [alert]
    assert alert.raised_by_role == "helper"
    assert "Prévenir la DGS" in selectors.alert_procedure_of(request)


def test_handling_the_last_open_alert_lowers_the_flag(cast):
    request = cast.request_in(Status.IN_PROGRESS)
    first = services.raise_alert(request=request, by=cast.helper, kind="danger", note="Un.")
    second = services.raise_alert(
        request=request, by=cast.coordinator, kind="unlawful", note="Deux."
    )
    services.handle_alert(alert=first, by=cast.coordinator, note="Appel fait.")
    request.refresh_from_db()
    assert request.alert_raised
    services.handle_alert(alert=second, by=cast.coordinator, note="Signalé.")
    request.refresh_from_db()
    assert not request.alert_raised
    with pytest.raises(RequestError):
        services.handle_alert(alert=second, by=cast.coordinator, note="Encore.")
    assert selectors.open_alerts().count() == 0


def test_an_alert_needs_a_kind_and_a_note(cast):
    request = cast.request_in(Status.TAKEN)
    for kind, note in (("danger", ""), ("rumeur", "Une note.")):
        with pytest.raises(RequestError):
            services.raise_alert(request=request, by=cast.helper, kind=kind, note=note)
    assert not Alert.objects.exists()


def test_the_default_alert_procedure_is_shown_when_the_organisation_has_none(cast):
    request = cast.submit(organisation=None)
    assert "112" in str(selectors.alert_procedure_of(request))


# --- Notifications ---------------------------------------------------------------------------


def _bodies(mailbox):
    return [(m["To"], m["Subject"], m.get_content()) for m in mailbox]


def test_no_e_mail_of_a_whole_life_carries_content_subject_or_name(
    cast, mailbox, django_capture_on_commit_callbacks
):
    secret_words = [
        "Apolline",
        "Vasseur",
        "Bérénice",
        "Conflit avec ma hiérarchie",
        "réorganisation",
        "06 12 34 56 78",
        "Trois mois",
        "Responsable de service",
        "Valbourg",
        "confidentiel-xyz",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        request = cast.request_in(Status.TAKEN)
        routing = cast.routing(request)
        services.give_member_consent(routing=routing, by=cast.member)
        services.give_helper_consent(routing=routing, by=cast.helper)
        services.post_message(request=request, by=cast.member, body="confidentiel-xyz")
        services.post_message(request=request, by=cast.helper, body="confidentiel-xyz")
        services.raise_alert(
            request=request, by=cast.helper, kind="danger", note="confidentiel-xyz"
        )
        services.announce_delay(
            request=request, by=cast.helper, new_date=in_days(20), reason="confidentiel-xyz"
        )
        services.make_offer(
            request=request,
            by=cast.helper,
            title="confidentiel-xyz",
            description="confidentiel-xyz",
            usual_price=100,
            network_price=50,
        )
        services.resolve_request(request=request, by=cast.helper, note="confidentiel-xyz")
    assert len(mailbox) >= 10
    for to, subject, body in _bodies(mailbox):
        for word in secret_words:
            assert word not in subject and word not in body, (to, word)
        assert "/demandes/" in body


def test_each_person_is_linked_to_their_own_page(cast, mailbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request = cast.request_in(Status.ROUTED)
    by_recipient = {}
    for to, _subject, body in _bodies(mailbox):
        by_recipient.setdefault(to, []).append(body)
    pid = request.public_id
    assert all(f"/demandes/{pid}/" in b for b in by_recipient[cast.member.email])
    assert all(f"/demandes/coordination/{pid}/" in b for b in by_recipient[cast.coordinator.email])
    assert all(f"/demandes/aidant/{pid}/" in b for b in by_recipient[cast.helper.email])


def test_submitting_tells_every_coordinator_and_says_urgent(
    cast, mailbox, django_capture_on_commit_callbacks
):
    second = people.coordinator()
    with django_capture_on_commit_callbacks(execute=True):
        cast.submit(urgent=True)
    to_coordinators = [m for m in mailbox if m["To"] in (cast.coordinator.email, second.email)]
    assert len(to_coordinators) == 2
    assert all("urgente" in m["Subject"] for m in to_coordinators)


def test_acknowledging_tells_the_member_the_next_step(
    cast, mailbox, django_capture_on_commit_callbacks
):
    request = cast.request_in(Status.SUBMITTED)
    mailbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.acknowledge_request(request=request, by=cast.coordinator)
    (message,) = mailbox
    assert message["To"] == cast.member.email
    assert "Prochaine étape" in message.get_content()


def test_resolving_tells_the_member_a_questionnaire_is_waiting(
    cast, mailbox, django_capture_on_commit_callbacks
):
    request = cast.request_in(Status.IN_PROGRESS)
    mailbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.resolve_request(request=request, by=cast.helper)
    to_member = [m for m in mailbox if m["To"] == cast.member.email]
    assert len(to_member) == 1
    assert "questionnaire" in to_member[0].get_content()


def test_a_message_notifies_the_other_participants_only(
    cast, mailbox, django_capture_on_commit_callbacks
):
    request = cast.request_in(Status.TAKEN)
    mailbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.post_message(request=request, by=cast.member, body="Bonjour")
    assert sorted(m["To"] for m in mailbox) == sorted([cast.coordinator.email, cast.helper.email])


def test_a_refused_action_sends_nothing(cast, mailbox, django_capture_on_commit_callbacks):
    request = cast.request_in(Status.SUBMITTED)
    mailbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RequestError):
        services.accept_request(request=request, by=cast.coordinator, promised_by=in_days(3))
    assert mailbox == []


def test_when_mail_fails_the_action_stands(cast, mailbox, django_capture_on_commit_callbacks):
    request = cast.request_in(Status.SUBMITTED)
    with (
        override_settings(EMAIL_PORT=_closed_port()),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.acknowledge_request(request=request, by=cast.coordinator)
    request.refresh_from_db()
    assert request.status == Status.ACKNOWLEDGED
    assert mailbox == []


@override_settings(TASKS=DATABASE_QUEUE)
def test_a_failed_notification_is_retried_later_by_the_worker(
    cast, mailbox, django_capture_on_commit_callbacks
):
    request = cast.request_in(Status.SUBMITTED)
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.acknowledge_request(request=request, by=cast.coordinator)
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    # What the worker does with the queued row (run here directly: the worker's own connection
    # handling does not belong inside a test transaction on PostgreSQL).
    queued = DBTaskResult.objects.get(status="READY")
    kwargs = queued.args_kwargs["kwargs"]
    queued.delete()
    with override_settings(EMAIL_PORT=_closed_port()), pytest.raises(OSError):
        deliver_notice.call(**kwargs)

    request.refresh_from_db()
    assert request.status == Status.ACKNOWLEDGED
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after > timezone.now()
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.args_kwargs["kwargs"]["link"] == f"/demandes/{request.public_id}/"
    assert mailbox == []

    # Once the delay has passed and the server answers again, the message goes out.
    retry.delete()
    assert deliver_notice.call(**retry.args_kwargs["kwargs"]) == "sent"
    assert [m["To"] for m in mailbox] == [cast.member.email]


# --- Briefs (R-C9) ---------------------------------------------------------------------------


def _brief_text(brief):
    from dataclasses import asdict

    return repr(asdict(brief))


@pytest.mark.django_db
@pytest.mark.parametrize("level", list(ConfidentialityLevel))
def test_a_brief_never_names_the_member_and_names_the_organisation_only_if_allowed(level):
    cast = Cast.create(confidentiality=level)
    request = cast.request_in(Status.ROUTED)
    brief = selectors.brief_of(HelpRequest.objects.get(pk=request.pk), cast.helper)
    text = _brief_text(brief)
    for secret in (
        "Apolline",
        "Vasseur-Quint",
        cast.member.email,
        "0611223344",
        "06 12 34 56 78",
        "Responsable de service",
        str(cast.member.public_id),
    ):
        assert secret not in text
    assert brief.description.startswith("Depuis la réorganisation")
    assert "Prévenir la DGS" in brief.alert_procedure
    if level == ConfidentialityLevel.NAME_SHOWN:
        assert brief.organisation_label == cast.organisation.name
    else:
        assert cast.organisation.name not in text
        assert "confidentiel" in brief.organisation_label


def test_a_brief_is_for_routed_helpers_and_coordinators_only(cast):
    from django.http import Http404

    request = cast.request_in(Status.ROUTED)
    for outsider in (cast.other_helper, cast.other_member, cast.moderator):
        with pytest.raises(Http404):
            selectors.brief_of(request, outsider)
    assert selectors.brief_of(request, cast.coordinator).organisation_label == (
        cast.organisation.name
    )
