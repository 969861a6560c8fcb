"""The coordination pages of help requests through the test client (issue #6): the queue and its
acknowledgement clock (R-P4), each action through its URL (R-C2, R-C3, R-C9, R-K5, R-P8), alerts
(R-A12) and requests recorded for someone (R-G3). Services' own rules are R1's tests."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from helprequests import services
from helprequests.models import (
    Alert,
    AlertKind,
    DelayNotice,
    HelpRequest,
    RequestAccess,
    Routing,
    Status,
)
from home.tests.factories import ThemeFactory
from members import roles
from members.models import HelperProfile
from members.tests import factories

from .test_views_member import DESCRIPTION, People, active, form_data, fresh

QUEUE = reverse("helprequests:coord_queue")
ALERTS = reverse("helprequests:coord_alerts")
RECORD = reverse("helprequests:coord_record")
STALE = "a changé"


@pytest.fixture
def people(db):
    return People()


@pytest.fixture
def as_coordinator(people, client_for):
    return client_for(people.coordinator)


def url(name, obj):
    return reverse(f"helprequests:{name}", kwargs={"public_id": obj.public_id})


def in_days(days):
    return (timezone.localdate() + timedelta(days=days)).isoformat()


# --- The queue -------------------------------------------------------------------------------


def test_the_queue_puts_urgent_requests_first_then_the_oldest(as_coordinator, people):
    with time_machine.travel(timezone.now() - timedelta(hours=5), tick=False):
        older = people.submitted(subject="Ancienne")
    with time_machine.travel(timezone.now() - timedelta(hours=2), tick=False):
        newer = people.submitted(subject="Récente")
    urgent = people.submitted(subject="Urgente", urgent=True)

    html = as_coordinator.get(QUEUE).content.decode()

    positions = [html.index(obj.reference) for obj in (urgent, older, newer)]
    assert positions == sorted(positions)


def test_an_urgent_request_stands_out_in_the_queue_with_its_number_and_clock(
    as_coordinator, people
):
    """Issue #17, item 6: not only a pale chip."""
    urgent = people.submitted(subject="Urgente", urgent=True, callback_phone="06 22 33 44 55")
    calm = people.submitted(subject="Calme")

    html = as_coordinator.get(QUEUE).content.decode()

    rows = {obj: html.split(obj.reference, 1)[0].rsplit("<tr", 1)[1] for obj in (urgent, calm)}
    assert "is-urgent" in rows[urgent] and "is-urgent" not in rows[calm]
    urgent_row = html.split(urgent.reference, 1)[1].split("</tr>", 1)[0]
    assert "URGENTE" in urgent_row
    assert 'href="tel:0622334455"' in urgent_row
    assert "envoyée à l’instant" in urgent_row


def test_an_urgent_request_page_shows_the_number_to_call_back_first(as_coordinator, people):
    urgent = people.submitted(urgent=True, callback_phone="06 22 33 44 55")

    html = as_coordinator.get(url("coord_detail", urgent)).content.decode()

    banner = html.split('class="urgent-banner"', 1)[1].split("</section>", 1)[0]
    assert "Demande urgente" in banner and "06 22 33 44 55" in banner
    assert html.index('class="urgent-banner"') < html.index('id="who-title"')


def test_the_coordinations_page_gives_the_call_back_number_the_member_chose(as_coordinator, people):
    """Read from the request's view (helprequests.presenters), not from the request in the
    template: the one place that says who may see it."""
    calm = people.submitted(channel="phone", callback_phone="06 22 33 44 55")

    html = as_coordinator.get(url("coord_detail", calm)).content.decode()

    contact_line = html.split("Moyen de contact préféré", 1)[1].split("</dd>", 1)[0]
    assert 'href="tel:0622334455"' in contact_line and "06 22 33 44 55" in contact_line


def test_the_clock_says_in_words_green_amber_and_red(as_coordinator, people):
    start = timezone.now()
    with time_machine.travel(start - timedelta(hours=50), tick=False):
        late = people.submitted()
    with time_machine.travel(start - timedelta(hours=40), tick=False):
        soon = people.submitted()
    fine = people.submitted()

    html = as_coordinator.get(QUEUE).content.decode()

    def row_of(obj):
        begin = html.index(obj.reference)
        return html[begin : html.index("</tr>", begin)]

    assert "clock-red" in row_of(late) and "En retard" in row_of(late)
    assert "en retard de" in row_of(late)
    assert "clock-amber" in row_of(soon) and "Échéance proche" in row_of(soon)
    assert "reste" in row_of(soon)
    assert "clock-green" in row_of(fine) and "Dans les délais" in row_of(fine)


def test_the_queue_filters_by_state_theme_and_urgency(as_coordinator, people):
    ThemeFactory(name="Autre thème", slug="autre-theme")
    calm = people.submitted()
    urgent = people.submitted(urgent=True)
    acknowledged = people.submitted()
    services.acknowledge_request(request=acknowledged, by=people.coordinator)

    by_urgency = as_coordinator.get(QUEUE, {"urgent": "1"}).content.decode()
    by_state = as_coordinator.get(QUEUE, {"status": "acknowledged"}).content.decode()
    by_theme = as_coordinator.get(QUEUE, {"theme": "autre-theme"}).content.decode()

    assert urgent.reference in by_urgency and calm.reference not in by_urgency
    assert acknowledged.reference in by_state and calm.reference not in by_state
    assert calm.reference in as_coordinator.get(QUEUE, {"theme": "relations"}).content.decode()
    assert calm.reference not in by_theme


# --- One request -----------------------------------------------------------------------------


def test_opening_a_request_is_logged(as_coordinator, people):
    obj = people.submitted()

    response = as_coordinator.get(url("coord_detail", obj))

    assert response.status_code == 200
    assert RequestAccess.objects.filter(request=obj, viewer=people.coordinator).count() == 1
    html = response.content.decode()
    assert DESCRIPTION in html
    assert "Kervella" in html  # coordinators see who asks


def test_acknowledging_through_its_url(as_coordinator, people):
    obj = people.submitted()

    response = as_coordinator.post(
        url("coord_acknowledge", obj), {"version": obj.version, "note": "Je vous rappelle demain."}
    )

    assert response.status_code == 302
    assert fresh(obj).status == Status.ACKNOWLEDGED


def test_a_second_coordinator_acting_on_an_older_page_gets_a_clear_message(as_coordinator, people):
    obj = people.submitted()
    services.acknowledge_request(request=obj, by=people.coordinator)

    response = as_coordinator.post(
        url("coord_decline", obj),
        {"version": obj.version, "reason": "Hors de notre champ.", "referral": ""},
    )

    assert response.status_code == 409
    html = response.content.decode()
    assert STALE in html
    assert "Hors de notre champ." in html  # what was typed is kept
    assert fresh(obj).status == Status.ACKNOWLEDGED
    # The page now shows the current state: sending again is a decision taken on it.
    assert f'name="version" value="{obj.version}"' not in html
    assert f'name="version" value="{fresh(obj).version}"' in html


def test_accepting_sets_the_promised_date(as_coordinator, people):
    obj = people.submitted()
    obj = services.acknowledge_request(request=obj, by=people.coordinator)

    as_coordinator.post(
        url("coord_accept", obj), {"version": obj.version, "promised_by": in_days(7)}
    )

    obj = fresh(obj)
    assert obj.status == Status.ACCEPTED
    assert obj.promised_by == timezone.localdate() + timedelta(days=7)


def test_a_promised_date_in_the_past_is_refused(as_coordinator, people):
    obj = services.acknowledge_request(request=people.submitted(), by=people.coordinator)

    response = as_coordinator.post(
        url("coord_accept", obj), {"version": obj.version, "promised_by": in_days(-1)}
    )

    assert response.status_code == 400
    assert "Choisissez une date à venir" in response.content.decode()
    assert fresh(obj).status == Status.ACKNOWLEDGED


def test_declining_records_the_reason_and_the_referral(as_coordinator, people):
    obj = people.submitted()

    as_coordinator.post(
        url("coord_decline", obj),
        {
            "version": obj.version,
            "reason": "Cela relève d’un avocat.",
            "referral": "La permanence gratuite du barreau.",
        },
    )

    obj = fresh(obj)
    assert obj.status == Status.DECLINED
    assert obj.referral == "La permanence gratuite du barreau."


def test_declining_without_a_reason_is_refused(as_coordinator, people):
    obj = people.submitted()

    response = as_coordinator.post(
        url("coord_decline", obj), {"version": obj.version, "reason": ""}
    )

    assert "Expliquez au membre pourquoi" in response.content.decode()
    assert fresh(obj).status == Status.SUBMITTED


def test_routing_offers_the_request_to_the_suggested_helpers_ticked(as_coordinator, people):
    obj = people.accepted()

    html = as_coordinator.get(url("coord_detail", obj)).content.decode()
    assert f'value="{people.helper.pk}"' in html
    assert "thème de la demande" in html

    as_coordinator.post(
        url("coord_route", obj), {"version": obj.version, "helpers": [str(people.helper.pk)]}
    )

    assert fresh(obj).status == Status.ROUTED
    assert Routing.objects.filter(request=obj, helper=people.helper).exists()


def test_routing_to_someone_not_suggested_is_refused(as_coordinator, people):
    obj = people.accepted()
    stranger = active(factories.member())

    response = as_coordinator.post(
        url("coord_route", obj), {"version": obj.version, "helpers": [str(stranger.pk)]}
    )

    assert response.status_code == 400
    assert not Routing.objects.filter(request=obj).exists()


def test_referring_to_the_national_level(as_coordinator, people):
    obj = people.accepted()

    as_coordinator.post(
        url("coord_refer", obj), {"version": obj.version, "note": "Sujet statutaire national."}
    )

    assert fresh(obj).status == Status.REFERRED


def test_announcing_a_delay_with_its_reason(as_coordinator, people):
    obj = people.routed()

    as_coordinator.post(
        url("coord_delay", obj),
        {"version": obj.version, "new_date": in_days(25), "reason": "Aidante absente."},
    )

    notice = DelayNotice.objects.get(request=obj)
    assert notice.reason == "Aidante absente."
    assert fresh(obj).promised_by == timezone.localdate() + timedelta(days=25)


def test_a_delay_without_its_reason_is_refused(as_coordinator, people):
    obj = people.routed()

    response = as_coordinator.post(
        url("coord_delay", obj), {"version": obj.version, "new_date": in_days(25), "reason": ""}
    )

    assert "Un report s’annonce avec son motif" in response.content.decode()
    assert not DelayNotice.objects.exists()


def test_the_coordination_page_includes_the_private_thread(as_coordinator, people):
    obj = people.taken()

    html = as_coordinator.get(url("coord_detail", obj)).content.decode()

    assert 'id="echanges"' in html


# --- Alerts (R-A12) --------------------------------------------------------------------------


def raised(people):
    obj = people.taken()
    return services.raise_alert(
        request=obj, by=people.helper, kind=AlertKind.DANGER, note="Propos inquiétants."
    )


def test_the_request_page_shows_the_alert_and_the_organisation_s_procedure(as_coordinator, people):
    alert = raised(people)

    html = as_coordinator.get(url("coord_detail", alert.request)).content.decode()

    assert "Propos inquiétants." in html
    assert "Prévenir la direction générale des services" in html


def test_the_alerts_log_lists_alerts_and_handles_them(as_coordinator, people):
    alert = raised(people)

    html = as_coordinator.get(ALERTS).content.decode()
    assert alert.request.reference in html
    assert "À traiter" in html

    response = as_coordinator.post(
        reverse("helprequests:coord_handle_alert", kwargs={"alert_id": alert.pk}),
        {"note": "Appel à la personne, relais vers le médecin du travail.", "next": ALERTS},
    )

    assert response.status_code == 302 and response["Location"] == ALERTS
    assert Alert.objects.get(pk=alert.pk).handled_at is not None


def test_handling_an_alert_needs_a_note(as_coordinator, people):
    alert = raised(people)

    as_coordinator.post(
        reverse("helprequests:coord_handle_alert", kwargs={"alert_id": alert.pk}), {"note": ""}
    )

    assert Alert.objects.get(pk=alert.pk).handled_at is None


def test_handling_an_alert_never_redirects_off_site(as_coordinator, people):
    alert = raised(people)

    response = as_coordinator.post(
        reverse("helprequests:coord_handle_alert", kwargs={"alert_id": alert.pk}),
        {"note": "Traité.", "next": "https://ailleurs.example/"},
    )

    assert response["Location"] == ALERTS


# --- Recording a request for someone (R-G3) -------------------------------------------------


def test_the_search_finds_an_active_member_by_name(as_coordinator, people):
    html = as_coordinator.get(RECORD, {"q": "Kervella"}).content.decode()

    assert reverse("helprequests:coord_record_for", args=[people.member.public_id]) in html


def test_the_search_leaves_out_people_still_joining(as_coordinator, people):
    joining = factories.UserFactory(last_name="Quéméner")
    from members.models import MembershipStatus, Profile

    Profile.objects.create(user=joining, status=MembershipStatus.PENDING)

    html = as_coordinator.get(RECORD, {"q": "Quéméner"}).content.decode()

    assert str(joining.public_id) not in html


def test_a_request_recorded_for_someone_is_theirs(as_coordinator, people):
    record_url = reverse("helprequests:coord_record_for", args=[people.member.public_id])
    assert 'value="Secrétaire de mairie"' in as_coordinator.get(record_url).content.decode()

    response = as_coordinator.post(record_url, form_data(people))

    obj = HelpRequest.objects.get()
    assert response["Location"] == url("coord_detail", obj)
    assert obj.requester == people.member
    assert obj.recorded_by == people.coordinator


def test_a_recorded_request_with_bad_input_keeps_what_was_typed(as_coordinator, people):
    record_url = reverse("helprequests:coord_record_for", args=[people.member.public_id])

    response = as_coordinator.post(record_url, form_data(people, needed_by=in_days(-3)))

    html = response.content.decode()
    assert "Choisissez une date à venir" in html
    assert DESCRIPTION in html
    assert not HelpRequest.objects.exists()


def test_one_cannot_record_for_someone_not_an_active_member(as_coordinator, people):
    outsider = factories.UserFactory()

    response = as_coordinator.get(
        reverse("helprequests:coord_record_for", args=[outsider.public_id])
    )

    assert response.status_code == 404


# --- Query counts ----------------------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 6])
def test_the_queue_runs_a_fixed_number_of_queries(
    as_coordinator, people, size, django_assert_num_queries
):
    for number in range(size):
        people.submitted(urgent=number % 2 == 0)
        people.routed()
    as_coordinator.get(QUEUE)
    with django_assert_num_queries(QUEUE_QUERIES):
        response = as_coordinator.get(QUEUE)
    assert response.status_code == 200


# Session, user, groups, the second factor, the settings row, the requests with their live
# routings, the themes of the filter, and what base.html reads.
# The membership gate (two reads) and the two-factor middleware (one) add three.
QUEUE_QUERIES = 16


@pytest.mark.parametrize("size", [1, 6])
def test_the_coordination_page_runs_a_fixed_number_of_queries(
    as_coordinator, people, size, django_assert_num_queries
):
    obj = people.routed()  # routed: the page also lists the helpers suggested
    for number in range(size):
        services.post_message(request=obj, by=people.member, body=f"Message {number}")
        services.raise_alert(
            request=fresh(obj), by=people.coordinator, kind=AlertKind.DANGER, note=f"N{number}"
        )
        helper = active(factories.UserFactory(roles=[roles.MEMBERS, roles.HELPERS]))
        HelperProfile.objects.create(user=helper, qualifications="Médiation")
        helper.helper_profile.themes.add(people.theme)
    obj = fresh(obj)
    as_coordinator.get(url("coord_detail", obj))
    with django_assert_num_queries(COORD_DETAIL_QUERIES):
        response = as_coordinator.get(url("coord_detail", obj))
    assert response.status_code == 200


# Session, user, groups, the second factor, the request with its requester, what the
# coordinator holds on it (guardian: nothing; one read for the page), the access log
# (insert), the requester's profile (with skills and themes), the suggested helpers, history,
# delays, routings, alerts, messages with attachments, and what base.html reads.
# The membership gate (two reads) and the two-factor middleware (one) add three.
# The page's RequestView knows it is the coordination's: the history and the thread no longer
# each look up a live routing of the coordinator to learn their role; what the coordinator holds
# on the request (helprequests.access, none) is read once.
COORD_DETAIL_QUERIES = 26
