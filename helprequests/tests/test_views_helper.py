"""The helper's pages through the test client (issue #6): every action by its URL, who may reach
what, and the anonymity of the member until both consents (R-C9, R-C10)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from helprequests import services
from helprequests.models import (
    Alert,
    DelayNotice,
    Offer,
    OutcomeReport,
    Routing,
    RoutingStatus,
    Status,
    SupervisionShare,
)
from home.tests.factories import ThemeFactory
from members import roles
from members import selectors as member_selectors
from members.models import ConfidentialityLevel, MembershipStatus, Organisation, Profile
from members.tests import factories

# Names no test factory draws at random: a random helper called "Aurore" once matched here.
MEMBER_FIRST, MEMBER_LAST = "Aurorine", "Vasseur-Quintal"
MEMBER_EMAIL = "aurore.vasseur@exemple.test"
MEMBER_PHONE = "06 71 82 93 04"
CALLBACK_PHONE = "07 12 34 56 78"
ORGANISATION_NAME = "Société des Ateliers Brunel"
ALERT_PROCEDURE = "Appeler la cellule d’écoute de l’entreprise au 01 02 03 04 05."
DESCRIPTION = "Depuis la réorganisation, ma responsable me retire mes dossiers sans explication."


def personal_details():
    return (MEMBER_FIRST, MEMBER_LAST, MEMBER_EMAIL, MEMBER_PHONE, CALLBACK_PHONE)


def helper(**kwargs):
    user = factories.UserFactory(roles=[roles.MEMBERS, roles.HELPERS], **kwargs)
    Profile.objects.create(user=user, status=MembershipStatus.ACTIVE)
    return user


class World:
    """The people of one request: the member, a coordinator, two helpers it is offered to, a third
    helper it is not, and a member who has nothing to do with it."""

    def __init__(self, *, confidentiality=ConfidentialityLevel.NAME_HIDDEN):
        self.theme = ThemeFactory(name="Relations de travail")
        self.organisation = Organisation.objects.create(
            name=ORGANISATION_NAME,
            context="Atelier de 80 personnes, accord signé en 2025.",
            max_sessions_per_person=3,
            confidentiality_level=confidentiality,
            alert_procedure=ALERT_PROCEDURE,
        )
        self.coordinator = factories.with_second_factor(
            factories.coordinator(first_name="Odile", last_name="Coordonnier-Faÿs")
        )
        self.member = factories.member(
            first_name=MEMBER_FIRST, last_name=MEMBER_LAST, email=MEMBER_EMAIL
        )
        Profile.objects.create(
            user=self.member,
            status=MembershipStatus.ACTIVE,
            phone=MEMBER_PHONE,
            organisation=self.organisation,
        )
        self.helper = helper()
        self.second_helper = helper()
        self.other_helper = helper()
        self.outsider = factories.member()

    def new_request(self, *, urgent=True, route_to=None, member=None):
        request = services.submit_request(
            by=member or self.member,
            data={
                "theme": self.theme,
                "subject": "Dossiers retirés",
                "description": DESCRIPTION,
                "since": "Trois semaines",
                "needed_by": timezone.localdate() + timedelta(days=20),
                "urgent": urgent,
                "channel": "phone",
                "callback_phone": CALLBACK_PHONE,
                "job_title": "Technicienne",
                "organisation": self.organisation,
                "on_behalf_of_client": False,
                "offers_wanted": False,
            },
        )
        services.acknowledge_request(request=request, by=self.coordinator)
        services.accept_request(
            request=request,
            by=self.coordinator,
            promised_by=timezone.localdate() + timedelta(days=10),
        )
        helpers = route_to if route_to is not None else [self.helper, self.second_helper]
        services.route_request(request=request, by=self.coordinator, helpers=helpers)
        request.refresh_from_db()
        return request

    def routing(self, request, user=None):
        return Routing.objects.get(request=request, helper=user or self.helper)

    def taken_request(self, **kwargs):
        request = self.new_request(**kwargs)
        services.accept_routing(routing=self.routing(request), by=self.helper)
        request.refresh_from_db()
        return request


@pytest.fixture
def world(db):
    return World()


def brief_url(request):
    return reverse("helprequests:helper_brief", kwargs={"public_id": request.public_id})


def action_url(name, request):
    return reverse(f"helprequests:helper_{name}", kwargs={"public_id": request.public_id})


def text_of(response):
    return response.content.decode()


def assert_anonymous(response):
    page = text_of(response)
    for detail in personal_details():
        assert detail not in page, detail


# --- Who reaches the pages --------------------------------------------------------------------


def test_a_visitor_is_sent_to_the_login_page(client, world):
    request = world.new_request()
    for url in (reverse("helprequests:helper_requests"), brief_url(request)):
        response = client.get(url)
        assert response.status_code == 302
        assert "/compte/login/" in response["Location"]


def test_a_member_who_is_not_a_helper_is_refused(client_for, world):
    request = world.new_request()
    client = client_for(world.member)
    assert client.get(reverse("helprequests:helper_requests")).status_code == 403
    assert client.get(brief_url(request)).status_code == 403
    assert client.post(action_url("accept", request)).status_code == 403


def test_a_helper_the_request_was_not_offered_to_gets_404(client_for, world):
    request = world.new_request()
    client = client_for(world.other_helper)
    assert client.get(brief_url(request)).status_code == 404
    assert client.post(action_url("accept", request)).status_code == 404
    assert world.routing(request).status == RoutingStatus.OFFERED


def test_the_list_shows_offered_and_taken_requests_by_reference_only(client_for, world):
    offered = world.new_request(urgent=True)
    taken = world.taken_request(urgent=False)
    response = client_for(world.helper).get(reverse("helprequests:helper_requests"))
    assert response.status_code == 200
    page = text_of(response)
    assert offered.reference in page and taken.reference in page
    assert "Relations de travail" in page
    assert "Urgente" in page
    assert_anonymous(response)
    assert DESCRIPTION not in page
    assert response["Cache-Control"].startswith("no-store")


def test_the_list_of_another_helper_does_not_show_them(client_for, world):
    request = world.new_request()
    response = client_for(world.other_helper).get(reverse("helprequests:helper_requests"))
    assert request.reference not in text_of(response)


# --- The brief and anonymity (R-C9) ----------------------------------------------------------


def test_the_brief_shows_the_request_and_the_organisation_policy_without_the_person(
    client_for, world
):
    request = world.new_request()
    response = client_for(world.helper).get(brief_url(request))
    assert response.status_code == 200
    page = text_of(response)
    assert request.reference in page
    assert "Relations de travail" in page
    assert "Depuis la réorganisation" in page
    assert "Atelier de 80 personnes" in page
    assert "3 séances au maximum" in page
    assert "cellule d’écoute" in page
    assert_anonymous(response)


def test_the_organisation_name_is_hidden_when_its_confidentiality_level_says_so(client_for, world):
    request = world.new_request()
    page = text_of(client_for(world.helper).get(brief_url(request)))
    assert ORGANISATION_NAME not in page
    assert "nom confidentiel" in page


@pytest.mark.django_db
def test_the_organisation_name_is_shown_when_its_confidentiality_level_allows_it(client_for):
    world = World(confidentiality=ConfidentialityLevel.NAME_SHOWN)
    request = world.new_request()
    page = text_of(client_for(world.helper).get(brief_url(request)))
    assert ORGANISATION_NAME in page


def test_the_members_contact_appears_only_once_both_have_consented(client_for, world):
    request = world.taken_request()
    client = client_for(world.helper)
    assert_anonymous(client.get(brief_url(request)))

    services.give_member_consent(routing=world.routing(request), by=world.member)
    response = client.get(brief_url(request))
    assert_anonymous(response)
    assert "Accord du membre : donné le" in text_of(response)

    response = client.post(action_url("consent", request))
    assert response.status_code == 302
    response = client.get(brief_url(request))
    page = text_of(response)
    assert "Accord du membre : donné le" in page
    assert "Votre accord : donné le" in page
    assert MEMBER_EMAIL in page
    assert CALLBACK_PHONE in page or MEMBER_PHONE in page


def test_the_helpers_consent_alone_shows_nothing(client_for, world):
    request = world.taken_request()
    client = client_for(world.helper)
    client.post(action_url("consent", request))
    assert world.routing(request).helper_consent_at is not None
    response = client.get(brief_url(request))
    assert "Votre accord : donné le" in text_of(response)
    assert_anonymous(response)


def test_a_helper_it_was_offered_to_sees_no_contact_even_with_the_members_consent(
    client_for, world
):
    request = world.new_request()
    services.give_member_consent(routing=world.routing(request), by=world.member)
    assert_anonymous(client_for(world.helper).get(brief_url(request)))


# --- Answering the offer (R-C9, R-G1) ----------------------------------------------------------


def test_accepting_takes_the_request_and_withdraws_the_other_offer(client_for, world):
    request = world.new_request()
    response = client_for(world.helper).post(
        action_url("accept", request), {"version": request.version}
    )
    assert response.status_code == 302
    assert response["Location"] == brief_url(request)
    request.refresh_from_db()
    assert request.status == Status.TAKEN
    assert world.routing(request).status == RoutingStatus.ACCEPTED
    assert client_for(world.second_helper).get(brief_url(request)).status_code == 404


def test_a_stale_form_is_refused_with_a_message_and_nothing_changes(client_for, world):
    request = world.new_request()
    response = client_for(world.helper).post(
        action_url("accept", request), {"version": request.version - 1}
    )
    # A refusal by the rules is a conflict (409) here as on the member and coordination pages;
    # the helper's page used to answer 400, as for a badly filled form.
    assert response.status_code == 409
    assert "a changé depuis l’ouverture de cette page" in text_of(response)
    assert world.routing(request).status == RoutingStatus.OFFERED


def test_declining_ends_the_routing_and_the_access(client_for, world):
    request = world.new_request()
    client = client_for(world.helper)
    response = client.post(action_url("decline", request), {"note": "Pas disponible ce mois-ci."})
    assert response.status_code == 302
    assert response["Location"] == reverse("helprequests:helper_requests")
    routing = world.routing(request)
    assert routing.status == RoutingStatus.DECLINED
    assert client.get(brief_url(request)).status_code == 404
    assert request.reference not in text_of(client.get(reverse("helprequests:helper_requests")))


def test_stepping_aside_is_explained_and_ends_the_access(client_for, world):
    request = world.new_request()
    client = client_for(world.helper)
    assert "Vous connaissez peut-être cette personne" in text_of(client.get(brief_url(request)))
    response = client.post(action_url("step_aside", request), {"note": ""})
    assert response.status_code == 302
    assert world.routing(request).status == RoutingStatus.STEPPED_ASIDE
    assert client.get(brief_url(request)).status_code == 404


def test_a_helper_can_step_aside_after_taking_the_request(client_for, world):
    request = world.taken_request()
    client = client_for(world.helper)
    client.post(action_url("step_aside", request))
    assert world.routing(request).status == RoutingStatus.STEPPED_ASIDE
    assert client.get(brief_url(request)).status_code == 404


def test_actions_need_post_and_a_get_leads_back_to_the_brief(client_for, world):
    request = world.new_request()
    client = client_for(world.helper)
    response = client.get(action_url("accept", request))
    assert response.status_code == 302
    assert response["Location"] == brief_url(request)
    assert world.routing(request).status == RoutingStatus.OFFERED
    assert client.put(action_url("accept", request)).status_code == 405


def test_an_offered_helper_cannot_act_as_the_taking_helper(client_for, world):
    request = world.new_request()
    response = client_for(world.helper).post(action_url("start", request))
    assert response.status_code == 409
    request.refresh_from_db()
    assert request.status == Status.ROUTED


# --- Working on it ----------------------------------------------------------------------------


def test_starting_work_moves_the_request_in_progress(client_for, world):
    request = world.taken_request()
    response = client_for(world.helper).post(action_url("start", request))
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.IN_PROGRESS


def test_a_delay_is_announced_with_its_reason(client_for, world):
    request = world.taken_request()
    new_date = timezone.localdate() + timedelta(days=15)
    response = client_for(world.helper).post(
        action_url("delay", request),
        {"new_date": new_date.isoformat(), "reason": "J’attends un document de l’inspection."},
    )
    assert response.status_code == 302
    delay = DelayNotice.objects.get(request=request)
    assert delay.new_date == new_date
    assert "inspection" in delay.reason


def test_a_delay_to_a_past_date_or_without_reason_is_refused_and_the_text_kept(client_for, world):
    request = world.taken_request()
    response = client_for(world.helper).post(
        action_url("delay", request),
        {
            "new_date": (timezone.localdate() - timedelta(days=1)).isoformat(),
            "reason": "Motif gardé à l’écran",
        },
    )
    assert response.status_code == 400
    page = text_of(response)
    assert "Choisissez une date à venir." in page
    assert "Motif gardé à l’écran" in page
    assert not DelayNotice.objects.exists()


def test_raising_an_alert_tells_every_coordinator_and_shows_the_procedure(
    client_for, world, mailbox, django_capture_on_commit_callbacks
):
    second_coordinator = factories.coordinator()
    request = world.taken_request()
    mailbox.clear()
    client = client_for(world.helper)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            action_url("alert", request),
            {"kind": "danger", "note": "La personne évoque des menaces physiques."},
        )
    assert response.status_code == 302
    assert response["Location"] == action_url("alert_raised", request)
    alert = Alert.objects.get(request=request)
    assert alert.kind == "danger"
    request.refresh_from_db()
    assert request.alert_raised
    recipients = {address for message in mailbox for address in message["To"].split(",")}
    assert world.coordinator.email in recipients
    assert second_coordinator.email in recipients
    for message in mailbox:
        assert "menaces" not in message.as_string()

    page = text_of(client.get(response["Location"]))
    assert ALERT_PROCEDURE in page
    assert "Toutes les personnes de la coordination ont été prévenues" in page


def test_without_an_organisation_procedure_the_brief_and_the_alert_page_show_the_default(
    client_for, world
):
    # The brief and the alert page each had their own default text, neither the network's one.
    world.organisation.alert_procedure = ""
    world.organisation.save()
    request = world.taken_request()
    client = client_for(world.helper)

    brief = text_of(client.get(brief_url(request)))
    response = client.post(action_url("alert", request), {"kind": "danger", "note": "Menaces."})
    raised = text_of(client.get(response["Location"]))

    default = str(member_selectors.DEFAULT_ALERT_PROCEDURE)
    assert default in brief
    assert default in raised


def test_an_alert_without_a_note_is_refused(client_for, world):
    request = world.taken_request()
    response = client_for(world.helper).post(action_url("alert", request), {"kind": "danger"})
    assert response.status_code == 400
    assert not Alert.objects.exists()


def test_the_outcome_report_has_no_price_nor_duration(client_for, world):
    request = world.taken_request()
    client = client_for(world.helper)
    page = text_of(client.get(brief_url(request)))
    form = page.split('id="form-compte-rendu"')[1].split("</form>")[0]
    for word in ("prix", "durée", "price", "duration", "minutes", "heures"):
        assert f'name="{word}' not in form
    response = client.post(
        action_url("outcome", request),
        {"help_kind": "advice", "settled": "yes", "note": "Conseils sur l’entretien annuel."},
    )
    assert response.status_code == 302
    outcome = OutcomeReport.objects.get(request=request)
    assert outcome.help_kind == "advice"
    assert outcome.settled is True


def test_an_offer_shows_the_usual_and_the_network_price(client_for, world):
    request = world.taken_request()
    client = client_for(world.helper)
    response = client.post(
        action_url("offer", request),
        {
            "title": "Accompagnement en six séances",
            "description": "Six séances d’une heure pour préparer la reprise.",
            "usual_price": "600",
            "network_price": "360",
        },
    )
    assert response.status_code == 302
    offer = Offer.objects.get(request=request)
    assert offer.network_price < offer.usual_price
    page = text_of(client.get(brief_url(request)))
    assert "Accompagnement en six séances" in page
    assert "600" in page and "360" in page


def test_an_offer_above_the_usual_price_is_refused(client_for, world):
    request = world.taken_request()
    response = client_for(world.helper).post(
        action_url("offer", request),
        {
            "title": "Séances",
            "description": "Trop cher",
            "usual_price": "100",
            "network_price": "200",
        },
    )
    assert response.status_code == 400
    assert not Offer.objects.exists()


def test_resolving_sends_the_questionnaire_and_closure_ends_the_access(client_for, world):
    request = world.taken_request()
    client = client_for(world.helper)
    response = client.post(action_url("resolve", request), {"note": ""})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.RESOLVED
    assert client.get(brief_url(request)).status_code == 200

    services.answer_questionnaire(
        request=request, by=world.member, overall=5, timely=True, would_recommend=True
    )
    assert client.get(brief_url(request)).status_code == 404
    assert request.reference not in text_of(client.get(reverse("helprequests:helper_requests")))


def test_a_coordinator_withdrawing_the_request_ends_the_helpers_access(client_for, world):
    request = world.taken_request()
    services.withdraw_request(request=request, by=world.member)
    assert client_for(world.helper).get(brief_url(request)).status_code == 404


# --- Supervision (R-K8) -----------------------------------------------------------------------


def test_supervision_needs_the_members_agreement_then_shares_only_the_summary(client_for, world):
    supervisor = world.other_helper
    request = world.taken_request()
    client = client_for(world.helper)
    response = client.post(action_url("supervision_ask", request), {"supervisor": supervisor.pk})
    assert response.status_code == 302
    share = SupervisionShare.objects.get(request=request)
    assert share.supervisor == supervisor

    # Before the member agrees, nothing can be shared.
    response = client.post(
        action_url("supervision_share", request),
        {"share": share.pk, "summary": "Situation de mise à l’écart."},
    )
    assert response.status_code == 409
    share.refresh_from_db()
    assert share.shared_at is None

    services.answer_supervision(share=share, by=world.member, agree=True)
    response = client.post(
        action_url("supervision_share", request),
        {"share": share.pk, "summary": "Situation de mise à l’écart après une réorganisation."},
    )
    assert response.status_code == 302
    share.refresh_from_db()
    assert share.shared_at is not None

    page = text_of(client_for(supervisor).get(reverse("helprequests:helper_supervision_cases")))
    assert "mise à l’écart après une réorganisation" in page
    assert request.reference in page
    assert DESCRIPTION not in page
    assert ORGANISATION_NAME not in page
    for detail in personal_details():
        assert detail not in page
    # The supervisor has no access to the request itself.
    assert client_for(supervisor).get(brief_url(request)).status_code == 404


def test_a_summary_is_shown_only_to_its_supervisor(client_for, world):
    request = world.taken_request()
    share = services.ask_supervision(
        request=request, by=world.helper, supervisor=world.other_helper
    )
    services.answer_supervision(share=share, by=world.member, agree=True)
    services.share_summary(share=share, by=world.helper, summary="Résumé anonymisé à lire.")
    page = text_of(
        client_for(world.second_helper).get(reverse("helprequests:helper_supervision_cases"))
    )
    assert "Résumé anonymisé à lire." not in page


def test_sharing_for_a_share_of_another_request_is_404(client_for, world):
    request = world.taken_request()
    other = world.taken_request()
    share = services.ask_supervision(request=other, by=world.helper, supervisor=world.other_helper)
    response = client_for(world.helper).post(
        action_url("supervision_share", request), {"share": share.pk, "summary": "x"}
    )
    assert response.status_code == 404


# --- Query counts at two sizes ----------------------------------------------------------------
# The first page of a session loads what Django caches for the rest of it (session, user); the
# counts below are those of the pages that follow, pinned at two data sizes.

# The membership gate adds two reads to each. What the helper holds on the request (guardian's
# rows) is read once for the whole brief page and kept on the request object.
# The brief of a taken request lists its sessions (one read, appointments._helper_sessions).
LIST_QUERIES = 8
BRIEF_QUERIES = 23


def test_the_list_makes_the_same_queries_for_two_requests_as_for_six(
    client_for, world, django_assert_num_queries
):
    client = client_for(world.helper)
    url = reverse("helprequests:helper_requests")
    world.new_request()
    world.taken_request()
    client.get(url)
    # The first page of a site creates its settings rows, which clears the menu and footer kept
    # per audience (home/cache_invalidation.py): the second visit keeps them again.
    client.get(url)
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(url).status_code == 200
    for _ in range(3):
        world.new_request()
    world.taken_request()
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(url).status_code == 200


def test_the_brief_makes_the_same_queries_with_one_message_as_with_six(
    client_for, world, django_assert_num_queries
):
    request = world.taken_request()
    services.give_member_consent(routing=world.routing(request), by=world.member)
    services.give_helper_consent(routing=world.routing(request), by=world.helper)
    services.post_message(request=request, by=world.member, body="Bonjour")
    services.ask_supervision(request=request, by=world.helper, supervisor=world.second_helper)
    client = client_for(world.helper)
    client.get(brief_url(request))
    # The first page of a site creates its settings rows, which clears the menu and footer kept
    # per audience (home/cache_invalidation.py): the second visit keeps them again.
    client.get(brief_url(request))
    with django_assert_num_queries(BRIEF_QUERIES):
        assert client.get(brief_url(request)).status_code == 200
    for index in range(5):
        services.post_message(
            request=request, by=world.helper, body=f"Message {index}", files=[_pdf()]
        )
    services.make_offer(
        request=request,
        by=world.helper,
        title="Séances",
        description="Trois séances",
        usual_price=300,
        network_price=200,
    )
    share = services.ask_supervision(
        request=request, by=world.helper, supervisor=world.other_helper
    )
    services.answer_supervision(share=share, by=world.member, agree=True)
    with django_assert_num_queries(BRIEF_QUERIES):
        assert client.get(brief_url(request)).status_code == 200


def _pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("note.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


def test_a_request_offered_a_moment_ago_reads_a_l_instant_not_zero_minutes(client_for, world):
    """Issue #17, item 8: no "il y a 0 minute"."""
    world.new_request(urgent=False)

    page = text_of(client_for(world.helper).get(reverse("helprequests:helper_requests")))

    assert "à l’instant" in page
    assert "0\xa0minute" not in page and "0 minute" not in page


# --- Issue #17, item 6: the page in the order of what to do, urgency set apart ----------------


def _sections_in_order(page):
    import re

    body = page.split('class="page-toc', 1)[1]
    return re.findall(r'<section class="card[^"]*"[^>]* id="([a-z-]+)"', body)


def test_an_offered_request_puts_the_answer_first_with_contents_to_jump_to(client_for, world):
    request = world.new_request(urgent=False)

    page = text_of(client_for(world.helper).get(brief_url(request)))

    sections = _sections_in_order(page)
    assert sections[0] == "reponse"
    assert {"demande", "organisation", "alerte"} <= set(sections)
    toc = page.split('class="page-toc', 1)[1].split("</nav>", 1)[0]
    for anchor in sections:
        assert f'href="#{anchor}"' in toc
    assert "À faire maintenant :" in page.split('id="reponse"', 1)[1].split("</h2>", 1)[0]


def test_a_taken_request_puts_the_helpers_consent_first_then_starting(client_for, world):
    request = world.taken_request(urgent=False)
    client = client_for(world.helper)

    assert _sections_in_order(text_of(client.get(brief_url(request))))[0] == "coordonnees"

    services.give_helper_consent(routing=world.routing(request), by=world.helper)
    assert _sections_in_order(text_of(client.get(brief_url(request))))[0] == "suivi"


def test_an_urgent_request_stands_out_on_the_helpers_page_without_the_phone(client_for, world):
    request = world.new_request(urgent=True)

    response = client_for(world.helper).get(brief_url(request))

    page = text_of(response)
    assert 'class="urgent-banner"' in page and "Demande urgente" in page
    assert "Rappeler au" not in page
    assert_anonymous(response)
