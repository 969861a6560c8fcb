"""What testers saw walking the running portal, fixed: labels, wording, dates and forms of the
help requests pages (French labels for stored values, no requirement ids, the member's history,
urgent requests, stale forms, alerts, the coordinator's version of the on-behalf form)."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from helprequests import services
from helprequests.models import AlertKind, HelpRequestSettings

from .test_views_member import People, detail_url, form_data

ALERTS = reverse("helprequests:coord_alerts")


@pytest.fixture
def people(db):
    return People()


@pytest.fixture
def as_member(people, client_for):
    return client_for(people.member)


@pytest.fixture
def as_coordinator(people, client_for):
    return client_for(people.coordinator)


def url(name, obj):
    return reverse(f"helprequests:{name}", kwargs={"public_id": obj.public_id})


# --- 1. Stored role values are never printed -------------------------------------------------


def test_alerts_say_who_raised_them_in_french(people, as_coordinator):
    obj = people.taken()
    services.raise_alert(request=obj, by=people.helper, kind=AlertKind.DANGER, note="À voir.")

    for page in (ALERTS, url("coord_detail", obj)):
        html = as_coordinator.get(page).content.decode()
        assert "(l’aidant·e)" in html
        assert "(helper)" not in html


# --- 5. The member's history says what they need -------------------------------------------


def test_the_history_shows_a_delay_with_its_new_date_and_reason(people, as_member):
    obj = people.taken()
    new_date = timezone.localdate() + timedelta(days=40)
    services.announce_delay(
        request=obj, by=people.coordinator, new_date=new_date, reason="Congés de l’aidante."
    )

    response = as_member.get(detail_url(obj))

    history = response.content.decode().split('class="history"')[1]
    assert "Congés de l’aidante." in history
    assert f"Nouvelle date promise : {new_date.day} " in history


def test_the_history_shows_why_a_request_was_declined_and_where_to_turn(people, as_member):
    obj = people.submitted()
    services.decline_request(
        request=obj,
        by=people.coordinator,
        reason="Hors du champ du réseau.",
        referral="Le centre de gestion.",
    )

    history = as_member.get(detail_url(obj)).content.decode().split('class="history"')[1]

    assert "Hors du champ du réseau." in history
    assert "Le centre de gestion." in history


def test_the_coordination_reads_names_with_a_plain_role(people, as_coordinator):
    obj = people.submitted()

    html = as_coordinator.get(url("coord_detail", obj)).content.decode()

    assert "Maëlle Kervella (membre)" in html
    assert "Le ou la membre)" not in html


# --- 2. No requirement ids on screen ----------------------------------------------------------


def test_no_requirement_id_is_shown_to_people(people, as_coordinator):
    obj = people.submitted()
    record_for = reverse("helprequests:coord_record_for", args=[people.member.public_id])

    for page in (reverse("helprequests:coord_record"), record_for, url("coord_detail", obj)):
        assert "(R-" not in as_coordinator.get(page).content.decode()


# --- 3. Urgent requests and clocks -----------------------------------------------------------


def test_an_urgent_request_is_called_back_outside_the_usual_slots(people, as_member):
    obj = people.submitted(urgent=True)

    html = as_member.get(detail_url(obj)).content.decode()

    assert "48 heures" not in html
    assert "dès que possible" in html
    assert 'href="tel:112"' in html
    assert '<span class="state-sep"> · </span><span class="badge">Urgente</span>' in html


def test_a_usual_request_keeps_the_usual_promise(people, as_member):
    html = as_member.get(detail_url(people.submitted())).content.decode()

    assert "48 heures" in html
    assert 'href="tel:112"' not in html


@pytest.mark.parametrize(
    "hours_ago, label", [(47, "Échéance proche"), (50, "En retard"), (1, None)]
)
def test_the_coordination_page_shows_the_acknowledgement_clock(
    people, as_coordinator, hours_ago, label
):
    with time_machine.travel(timezone.now() - timedelta(hours=hours_ago), tick=False):
        obj = people.submitted()

    html = as_coordinator.get(url("coord_detail", obj)).content.decode()
    state = html.split('class="request-state"')[1].split("</p>")[0]

    for shown in ("Échéance proche", "En retard"):
        assert (shown in state) == (shown == label)


# --- 4. The on-behalf form speaks about the person -------------------------------------------


def test_the_record_form_speaks_about_the_person(people, as_coordinator):
    record_for = reverse("helprequests:coord_record_for", args=[people.member.public_id])

    html = as_coordinator.get(record_for).content.decode()

    for label in ("Situation de la personne", "Comment préfère-t-elle être recontactée ?"):
        assert label in html
    for label in ("Votre situation", "Comment préférez-vous", "Votre fonction", "Je souhaite"):
        assert label not in html

    response = as_coordinator.post(record_for, {"channel": "email"})
    assert "une réponse lui serait utile" in response.content.decode()


def test_the_member_form_still_speaks_to_the_member(people, as_member):
    html = as_member.get(reverse("helprequests:ask")).content.decode()

    assert "Votre situation" in html
    assert "Situation de la personne" not in html


# --- 6. A stale form says one clear thing ---------------------------------------------------


def test_a_stale_form_says_what_happened_without_contradiction(people, as_coordinator):
    obj = people.submitted()
    stale = obj.version
    services.acknowledge_request(request=obj, by=people.coordinator)

    response = as_coordinator.post(
        url("coord_decline", obj), {"version": stale, "reason": "Hors champ.", "referral": "CDG"}
    )

    html = response.content.decode()
    assert "a changé depuis l’ouverture de cette page" in html
    assert "ce que vous aviez saisi est conservé ci-dessous" in html
    assert "Rechargez" not in html
    assert "quelqu’un d’autre" not in html


# --- 7. Handling an alert says what went wrong, or that it worked -----------------------------


def _alert(people):
    obj = people.taken()
    return services.raise_alert(request=obj, by=people.helper, kind=AlertKind.DANGER, note="x")


@pytest.mark.parametrize("back", ["alerts", "detail"])
def test_an_empty_note_shows_the_error_beside_the_field(people, as_coordinator, back):
    alert = _alert(people)
    next_url = ALERTS if back == "alerts" else url("coord_detail", alert.request)

    response = as_coordinator.post(
        reverse("helprequests:coord_handle_alert", args=[alert.pk]),
        {"note": "   ", "next": next_url},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Indiquez les suites données à l’alerte." in html
    assert f'aria-describedby="alert-note-{alert.pk}-error" autofocus' in html
    alert.refresh_from_db()
    assert alert.handled_at is None


def test_a_handled_alert_says_so(people, as_coordinator):
    alert = _alert(people)

    response = as_coordinator.post(
        reverse("helprequests:coord_handle_alert", args=[alert.pk]),
        {"note": "Appel passé.", "next": ALERTS},
        follow=True,
    )

    assert "Les suites données à l’alerte sont enregistrées." in response.content.decode()


# --- 8. French dates ------------------------------------------------------------------------


def test_the_queue_writes_dates_in_full_french(people, as_coordinator):
    with time_machine.travel("2026-11-22 10:00 +0100", tick=False):
        people.submitted()
        html = as_coordinator.get(reverse("helprequests:coord_queue")).content.decode()

    assert "22 novembre 2026" in html
    assert "Nov " not in html


def test_a_delay_not_later_than_the_promise_names_the_field_and_a_french_date(
    people, as_coordinator
):
    obj = people.taken()
    promised = obj.promised_by

    response = as_coordinator.post(
        url("coord_delay", obj),
        {"version": obj.version, "new_date": promised.isoformat(), "reason": "Congés."},
    )

    html = response.content.decode()
    assert "La date « Nouvelle date promise » doit être postérieure au" in html
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août"]
    months += ["septembre", "octobre", "novembre", "décembre"]
    assert f"{promised.day} {months[promised.month - 1]} {promised.year}" in html


# --- 10. Helper action URLs, the counter and the error summary --------------------------------


def test_reloading_a_helper_action_url_leads_back_to_the_brief(people, client_for):
    obj = people.taken()
    brief = url("helper_brief", obj)

    for name in ("helper_offer", "helper_outcome"):
        response = client_for(people.helper).get(url(name, obj))
        assert response.status_code == 302
        assert response["Location"] == brief


def test_the_server_counts_a_line_break_as_one_character(people, as_member):
    limit = HelpRequestSettings.load().description_max_length
    text = ("a" * 9 + "\r\n") * (limit // 10)  # exactly `limit` characters once normalised
    response = as_member.post(reverse("helprequests:ask"), form_data(people, description=text))

    assert response.status_code == 302


def test_a_refused_request_form_has_a_focusable_error_summary(people, as_member):
    response = as_member.post(reverse("helprequests:ask"), {})

    assert 'id="form-errors" tabindex="-1" data-error-summary' in response.content.decode()
