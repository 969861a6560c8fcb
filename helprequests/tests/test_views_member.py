"""The member's pages of help requests through the test client, as a member uses them (issue #6):
asking (R-C1, R-P2), following one's requests, withdrawing (R-C4), consenting (R-C10), offers
(R-C5), the questionnaire (R-P7) and supervision (R-K8). Services' own rules are R1's tests."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from helprequests import services
from helprequests.models import (
    HelpRequest,
    HelpRequestSettings,
    Offer,
    OfferStatus,
    Routing,
    SatisfactionAnswer,
    Status,
    SupervisionShare,
)
from home.tests.factories import ThemeFactory
from members import roles
from members.models import HelperProfile, MembershipStatus, Organisation, Profile
from members.tests import factories

ASK = reverse("helprequests:ask")
MINE = reverse("helprequests:mine")
DESCRIPTION = "Depuis le changement de service, mon responsable ne me confie plus aucun dossier."
STALE = "a changé"  # the services' message for a form posted from an older state


def active(user, **fields):
    Profile.objects.create(user=user, status=MembershipStatus.ACTIVE, **fields)
    return user


class People:
    """A requester with a full profile, another member, a helper of the theme, coordinators."""

    def __init__(self):
        self.theme = ThemeFactory(name="Relations au travail", slug="relations")
        self.organisation = Organisation.objects.create(
            name="Mairie de Saint-Aubin",
            alert_procedure="Prévenir la direction générale des services par téléphone.",
        )
        self.member = active(
            factories.member(first_name="Maëlle", last_name="Kervella"),
            job_title="Secrétaire de mairie",
            organisation=self.organisation,
            phone="06 22 33 44 55",
        )
        self.other_member = active(factories.member())
        self.helper = active(factories.UserFactory(roles=[roles.MEMBERS, roles.HELPERS]))
        HelperProfile.objects.create(user=self.helper, qualifications="Écoute active")
        self.helper.helper_profile.themes.add(self.theme)
        self.coordinator = active(factories.with_second_factor(factories.coordinator()))

    def request_data(self, **changes):
        data = {
            "theme": self.theme,
            "subject": "Dossiers retirés",
            "description": DESCRIPTION,
            "since": "Depuis la rentrée",
            "needed_by": timezone.localdate() + timedelta(days=30),
            "urgent": False,
            "channel": "email",
            "callback_phone": "",
            "job_title": "Secrétaire de mairie",
            "organisation": self.organisation,
            "on_behalf_of_client": False,
            "offers_wanted": False,
        }
        data.update(changes)
        return data

    def submitted(self, member=None, **changes):
        return services.submit_request(by=member or self.member, data=self.request_data(**changes))

    def accepted(self, **changes):
        obj = self.submitted(**changes)
        services.acknowledge_request(request=obj, by=self.coordinator)
        return services.accept_request(
            request=obj,
            by=self.coordinator,
            promised_by=timezone.localdate() + timedelta(days=10),
        )

    def routed(self, **changes):
        obj = self.accepted(**changes)
        return services.route_request(request=obj, by=self.coordinator, helpers=[self.helper])

    def routing(self, obj):
        return Routing.objects.get(request=obj, helper=self.helper)

    def taken(self, **changes):
        obj = self.routed(**changes)
        services.accept_routing(routing=self.routing(obj), by=self.helper)
        return fresh(obj)

    def resolved(self):
        obj = self.taken()
        services.resolve_request(request=obj, by=self.helper)
        return fresh(obj)


def fresh(obj):
    return HelpRequest.objects.get(pk=obj.pk)


def detail_url(obj):
    return reverse("helprequests:detail", kwargs={"public_id": obj.public_id})


def form_data(people, **changes):
    data = {
        "theme": str(people.theme.pk),
        "subject": "Dossiers retirés",
        "description": DESCRIPTION,
        "since": "Depuis la rentrée",
        "needed_by": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "channel": "phone",
        "callback_phone": "06 22 33 44 55",
        "job_title": "Secrétaire de mairie",
        "organisation": str(people.organisation.pk),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def people(db):
    return People()


@pytest.fixture
def as_member(people, client_for):
    return client_for(people.member)


# --- Asking ----------------------------------------------------------------------------------


def test_the_form_is_prefilled_from_the_member_s_profile(as_member, people):
    html = as_member.get(ASK).content.decode()

    assert 'value="Secrétaire de mairie"' in html
    assert f'<option value="{people.organisation.pk}" selected>' in html
    assert 'value="06 22 33 44 55"' in html


def test_the_form_explains_urgency_and_shows_the_emergency_numbers(as_member):
    html = as_member.get(ASK).content.decode()

    assert "en dehors des créneaux habituels" in html
    assert 'href="tel:112"' in html
    assert 'href="tel:3114"' in html


def test_the_form_carries_the_description_limit_for_the_live_counter(as_member):
    row = HelpRequestSettings.load()
    row.description_max_length = 800
    row.save()

    html = as_member.get(ASK).content.decode()

    assert 'data-counter-max="800"' in html
    assert "helprequests/counter.js" in html
    assert 'data-counter-for="id_description"' in html


def test_a_valid_request_leads_to_its_page_with_reference_and_next_step(as_member, people):
    response = as_member.post(ASK, form_data(people, urgent="on"), follow=True)

    obj = HelpRequest.objects.get(requester=people.member)
    assert response.redirect_chain[-1][0] == detail_url(obj)
    html = response.content.decode()
    assert obj.reference in html
    assert "Et maintenant" in html
    assert "dès que possible" in html  # urgent: called back outside the usual slots (R-P5)
    assert obj.urgent and obj.callback_phone == "06 22 33 44 55"
    assert obj.theme == people.theme and obj.organisation == people.organisation


def test_a_new_version_of_the_terms_to_accept_does_not_stop_a_request_for_help(
    as_member, people, site_tree
):
    """Issue #17, item 5: the request goes through, its page opens, a banner asks to accept."""
    import datetime

    from home.models import CharterKind
    from home.tests.factories import CharterPageFactory

    CharterPageFactory(
        parent=site_tree.charters,
        slug="conditions-v9",
        kind=CharterKind.MEMBERSHIP_TERMS,
        version_label="V9",
        effective_date=datetime.date(2026, 1, 1),
        requires_reacceptance=True,
    )
    assert as_member.get(reverse("members:directory")).status_code == 302  # the gate is there

    response = as_member.post(ASK, form_data(people), follow=True)

    obj = HelpRequest.objects.get(requester=people.member)
    assert response.redirect_chain[-1][0] == detail_url(obj)
    html = response.content.decode()
    assert obj.reference in html
    assert "Une nouvelle version des conditions du réseau attend votre accord." in html


def test_a_request_missing_its_subject_is_refused_and_nothing_typed_is_lost(as_member, people):
    response = as_member.post(ASK, form_data(people, subject=""))

    assert response.status_code == 400
    html = response.content.decode()
    assert "Donnez un objet à votre demande" in html
    assert DESCRIPTION in html
    assert 'value="Depuis la rentrée"' in html
    assert not HelpRequest.objects.exists()


def test_a_description_over_the_limit_is_refused_on_the_server(as_member, people):
    row = HelpRequestSettings.load()
    row.description_max_length = 40
    row.save()

    response = as_member.post(ASK, form_data(people))

    assert response.status_code == 400
    html = response.content.decode()
    assert "La description est trop longue : 40 caractères au plus" in html
    assert DESCRIPTION in html
    assert not HelpRequest.objects.exists()


def test_a_needed_by_date_in_the_past_is_refused(as_member, people):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()

    response = as_member.post(ASK, form_data(people, needed_by=yesterday))

    assert "Choisissez une date à venir" in response.content.decode()
    assert not HelpRequest.objects.exists()


def test_a_call_back_needs_a_phone_number(as_member, people):
    response = as_member.post(ASK, form_data(people, callback_phone=""))

    assert "Indiquez le numéro auquel vous rappeler" in response.content.decode()
    assert not HelpRequest.objects.exists()


def test_an_e_mail_answer_needs_no_phone_number(as_member, people):
    as_member.post(ASK, form_data(people, channel="email", callback_phone=""))

    assert HelpRequest.objects.get().channel == "email"


def test_on_behalf_of_a_client_and_quotes_are_recorded(as_member, people):
    as_member.post(ASK, form_data(people, on_behalf_of_client="on", offers_wanted="on"))

    obj = HelpRequest.objects.get()
    assert obj.on_behalf_of_client and obj.offers_wanted


# --- My requests -----------------------------------------------------------------------------


def test_my_requests_lists_mine_with_their_state_and_not_others(as_member, people):
    mine = people.submitted()
    theirs = people.submitted(member=people.other_member)

    html = as_member.get(MINE).content.decode()

    assert mine.reference in html
    assert "Envoyée" in html
    assert theirs.reference not in html


def test_another_member_s_request_page_is_not_found(client_for, people):
    obj = people.submitted()

    assert client_for(people.other_member).get(detail_url(obj)).status_code == 404


def test_the_request_page_shows_history_promise_and_delays_with_their_reason(as_member, people):
    obj = people.routed()
    services.announce_delay(
        request=obj,
        by=people.coordinator,
        new_date=timezone.localdate() + timedelta(days=20),
        reason="L’aidante spécialisée revient de congé la semaine prochaine.",
    )

    html = as_member.get(detail_url(obj)).content.decode()

    assert "Historique" in html
    assert "Date promise" in html
    assert "L’aidante spécialisée revient de congé" in html
    assert "Reports annoncés" in html


def test_a_declined_request_shows_its_reason_and_referral(as_member, people):
    obj = people.submitted()
    services.decline_request(
        request=obj,
        by=people.coordinator,
        reason="Cette question relève du droit de la famille.",
        referral="Le point d’accès au droit de votre commune.",
    )

    html = as_member.get(detail_url(obj)).content.decode()

    assert "Cette question relève du droit de la famille." in html
    assert "Le point d’accès au droit de votre commune." in html


def test_the_request_page_includes_the_private_thread(as_member, people):
    obj = people.taken()

    html = as_member.get(detail_url(obj)).content.decode()

    assert 'id="echanges"' in html
    assert reverse("helprequests:post_message", kwargs={"public_id": obj.public_id}) in html


# --- Withdrawing (R-C4) ----------------------------------------------------------------------


def withdraw_url(obj):
    return reverse("helprequests:withdraw", kwargs={"public_id": obj.public_id})


def test_withdrawing_asks_for_confirmation_first(as_member, people):
    obj = people.submitted()

    response = as_member.get(withdraw_url(obj))

    assert "Oui, retirer ma demande" in response.content.decode()
    assert fresh(obj).status == Status.SUBMITTED


def test_a_confirmed_withdrawal_withdraws_the_request(as_member, people):
    obj = people.submitted()

    response = as_member.post(withdraw_url(obj), {"version": obj.version, "note": "Réglé."})

    assert response.status_code == 302
    assert fresh(obj).status == Status.WITHDRAWN


def test_a_withdrawal_from_an_older_page_is_refused_with_a_message(as_member, people):
    obj = people.submitted()
    old_version = obj.version
    services.acknowledge_request(request=obj, by=people.coordinator)

    response = as_member.post(withdraw_url(obj), {"version": old_version, "note": "Réglé."})

    html = response.content.decode()
    assert response.status_code == 409
    assert STALE in html
    assert "Réglé." in html
    assert fresh(obj).status == Status.ACKNOWLEDGED
    assert f'name="version" value="{fresh(obj).version}"' in html


# --- Consent (R-C10) -------------------------------------------------------------------------


def consent(client, obj, routing, give):
    return client.post(
        reverse("helprequests:consent", kwargs={"public_id": obj.public_id}),
        {"version": obj.version, "routing": routing.pk, "give": "1" if give else "0"},
    )


def test_the_member_gives_consent_and_sees_when(as_member, people):
    obj = people.taken()

    response = consent(as_member, obj, people.routing(obj), give=True)

    assert response.status_code == 302
    assert people.routing(obj).member_consent_at is not None
    html = as_member.get(detail_url(obj)).content.decode()
    assert "Votre accord" in html
    assert "pas encore donné" in html  # the helper's
    assert "Retirer mon accord" in html


def test_the_helper_s_contact_shows_once_both_have_consented(as_member, people):
    obj = people.taken()
    consent(as_member, obj, people.routing(obj), give=True)
    services.give_helper_consent(routing=people.routing(obj), by=people.helper)

    html = as_member.get(detail_url(fresh(obj))).content.decode()

    assert "Ses coordonnées" in html
    assert people.helper.email in html


def test_consenting_after_the_helper_says_the_details_are_exchanged(as_member, people):
    obj = people.taken()
    services.give_helper_consent(routing=people.routing(obj), by=people.helper)

    response = consent(as_member, fresh(obj), people.routing(obj), give=True)

    html = as_member.get(response["Location"]).content.decode()
    assert "vos coordonnées sont échangées" in html
    assert "passeront dès que" not in html
    assert people.helper.email in html


def test_consenting_first_says_the_helper_must_agree_too(as_member, people):
    obj = people.taken()
    response = consent(as_member, obj, people.routing(obj), give=True)
    html = as_member.get(response["Location"]).content.decode()
    assert "passeront dès que l’aidant·e aura aussi donné le sien" in html


def test_the_member_withdraws_consent(as_member, people):
    obj = people.taken()
    consent(as_member, obj, people.routing(obj), give=True)

    consent(as_member, fresh(obj), people.routing(obj), give=False)

    assert people.routing(obj).member_consent_at is None


def test_a_consent_from_an_older_page_is_refused_with_a_message(as_member, people):
    obj = people.taken()
    old = fresh(obj)
    services.start_work(request=obj, by=people.helper)

    response = consent(as_member, old, people.routing(obj), give=True)

    assert response.status_code == 409
    assert STALE in response.content.decode()
    assert people.routing(obj).member_consent_at is None


def test_a_tampered_form_without_version_is_refused(as_member, people):
    obj = people.taken()

    response = as_member.post(
        reverse("helprequests:consent", kwargs={"public_id": obj.public_id}),
        {"routing": people.routing(obj).pk, "give": "1"},
    )

    assert response.status_code == 400
    assert "rechargez la page" in response.content.decode()
    assert people.routing(obj).member_consent_at is None


# --- The acknowledgement delay (R-P4) ----------------------------------------------------------


def test_the_pages_announce_the_delay_the_network_set_not_a_fixed_48_hours(as_member, people):
    row = HelpRequestSettings.load()
    row.acknowledgement_hours = 24
    row.save()
    obj = people.submitted()

    ask_page = as_member.get(ASK).content.decode()
    detail_page = as_member.get(detail_url(obj)).content.decode()

    assert "dans les 24 heures au plus" in ask_page
    assert "dans les 24 heures au plus" in detail_page
    assert "48 heures" not in ask_page + detail_page


def test_a_delay_above_48_hours_is_refused_with_a_clear_message(db):
    row = HelpRequestSettings.load()
    row.acknowledgement_hours = 49

    with pytest.raises(ValidationError) as error:
        row.full_clean()

    assert "48 heures ou moins" in str(error.value.message_dict["acknowledgement_hours"])


# --- Offers (R-C5) ---------------------------------------------------------------------------


def test_the_member_asks_for_quotes(as_member, people):
    obj = people.taken()

    as_member.post(
        reverse("helprequests:offers", kwargs={"public_id": obj.public_id}),
        {"version": obj.version},
    )

    assert fresh(obj).offers_wanted


@pytest.mark.parametrize("state", ["submitted", "accepted", "routed"])
def test_no_quote_button_shows_before_a_helper_took_the_request(as_member, people, state):
    # The button used to show on every open request and led to a refusal: the transitions
    # table allows asking for quotes only once a helper took the request.
    obj = getattr(people, state)()

    page = as_member.get(detail_url(obj)).content.decode()

    assert "Je souhaite recevoir des devis" not in page
    assert reverse("helprequests:offers", kwargs={"public_id": obj.public_id}) not in page


def test_the_quote_button_shows_once_a_helper_took_the_request(as_member, people):
    obj = people.taken()

    page = as_member.get(detail_url(obj)).content.decode()

    assert "Je souhaite recevoir des devis" in page


def test_an_offer_shows_both_prices_and_can_be_accepted(as_member, people):
    obj = people.taken()
    offer = services.make_offer(
        request=obj,
        by=people.helper,
        title="Accompagnement en quatre séances",
        description="Quatre séances d’une heure à distance.",
        usual_price=Decimal("320.00"),
        network_price=Decimal("120.00"),
    )
    obj = fresh(obj)

    html = as_member.get(detail_url(obj)).content.decode()
    assert "320,00 €" in html or "320.00 €" in html
    assert "120,00 €" in html or "120.00 €" in html

    as_member.post(
        reverse(
            "helprequests:answer_offer", kwargs={"public_id": obj.public_id, "offer_id": offer.pk}
        ),
        {"version": obj.version, "accept": "1"},
    )

    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.ACCEPTED


def test_only_an_offer_still_waiting_gets_the_answer_buttons(as_member, people):
    """Which offer may be answered is the request view's answer (presenters.offer_rows)."""
    obj = people.taken()
    answered, waiting = (
        services.make_offer(
            request=obj,
            by=people.helper,
            title=title,
            description="Des séances à distance.",
            usual_price=Decimal("320.00"),
            network_price=Decimal("120.00"),
        )
        for title in ("Quatre séances", "Six séances")
    )
    services.answer_offer(offer=answered, by=people.member, accept=False)

    html = as_member.get(detail_url(fresh(obj))).content.decode()

    articles = {
        offer: html.split(offer.title, 1)[1].split("</article>", 1)[0]
        for offer in (answered, waiting)
    }
    assert "Accepter ce devis" not in articles[answered]
    assert "Votre réponse" in articles[answered]
    assert "Accepter ce devis" in articles[waiting]


# --- Questionnaire (R-P7) and supervision (R-K8) ---------------------------------------------


def questionnaire_url(obj):
    return reverse("helprequests:questionnaire", kwargs={"public_id": obj.public_id})


def test_a_resolved_request_invites_to_the_questionnaire(as_member, people):
    obj = people.resolved()

    html = as_member.get(detail_url(obj)).content.decode()

    assert questionnaire_url(obj) in html


def test_answering_the_questionnaire_closes_the_request(as_member, people):
    obj = people.resolved()

    response = as_member.post(
        questionnaire_url(obj),
        {
            "version": obj.version,
            "overall": "4",
            "timely": "yes",
            "would_recommend": "yes",
            "comment": "Merci.",
        },
    )

    assert response.status_code == 302
    assert fresh(obj).status == Status.CLOSED
    answer = SatisfactionAnswer.objects.get(request=obj)
    assert (answer.overall, answer.timely, answer.would_recommend) == (4, True, True)


def test_an_incomplete_questionnaire_keeps_what_was_answered(as_member, people):
    obj = people.resolved()

    response = as_member.post(
        questionnaire_url(obj), {"version": obj.version, "overall": "", "comment": "À garder"}
    )

    html = response.content.decode()
    assert "Choisissez une note de 1 à 5." in html
    assert "À garder" in html
    assert fresh(obj).status == Status.RESOLVED


def test_the_questionnaire_is_not_offered_before_resolution(as_member, people):
    obj = people.taken()

    response = as_member.get(questionnaire_url(obj))

    assert response.status_code == 302


def test_the_member_agrees_to_supervision(as_member, people):
    obj = people.taken()
    supervisor = active(factories.UserFactory(roles=[roles.MEMBERS, roles.HELPERS]))
    share = services.ask_supervision(request=obj, by=people.helper, supervisor=supervisor)
    obj = fresh(obj)

    assert "Supervision" in as_member.get(detail_url(obj)).content.decode()
    as_member.post(
        reverse(
            "helprequests:supervision_answer",
            kwargs={"public_id": obj.public_id, "share_id": share.pk},
        ),
        {"version": obj.version, "agree": "1"},
    )

    assert SupervisionShare.objects.get(pk=share.pk).member_agreed_at is not None


# --- Query counts ----------------------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 6])
def test_my_requests_runs_a_fixed_number_of_queries(
    as_member, people, size, django_assert_num_queries
):
    for _ in range(size):
        people.submitted()
    as_member.get(MINE)  # settings rows are created on the first page
    with django_assert_num_queries(MINE_QUERIES):
        response = as_member.get(MINE)
    assert response.status_code == 200


# Session, user, the viewer's groups, the requests with their theme and organisation, and what
# base.html reads (site, links, permissions, menu).
# The membership gate adds two reads.
MINE_QUERIES = 12


@pytest.mark.parametrize("size", [1, 6])
def test_the_request_page_runs_a_fixed_number_of_queries(
    as_member, people, size, django_assert_num_queries
):
    obj = people.taken()
    for number in range(size):
        services.post_message(request=obj, by=people.member, body=f"Message {number}")
        services.announce_delay(
            request=fresh(obj),
            by=people.coordinator,
            new_date=timezone.localdate() + timedelta(days=20 + number),
            reason=f"Motif {number}",
        )
    obj = fresh(obj)
    as_member.get(detail_url(obj))
    with django_assert_num_queries(DETAIL_QUERIES):
        response = as_member.get(detail_url(obj))
    assert response.status_code == 200


# Session, user, groups, the request and what the member holds on it (guardian, one read for the
# page), the questionnaire answer, supervision shares, history, delays, routings (twice:
# consents, then the thread's labels), offers, messages with their attachments, and what
# base.html reads.
# The membership gate adds two reads; the request's sessions (appointments) one.
DETAIL_QUERIES = 24
