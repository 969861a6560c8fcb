"""Event pages, one-click registration, the calendar file, "Mes événements" and the
coordination's pages, exercised through their URLs."""

import datetime

import icalendar
import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from events import services
from events.models import EventAudience, EventKind, Registration
from members.models import Visibility

from . import factories as f

pytestmark = pytest.mark.django_db

VIDEO = "https://visio.relais.test/salle-ecoute"


@pytest.fixture
def index():
    return f.agenda()


def messages_of(response):
    return [str(m) for m in response.wsgi_request._messages]


def test_a_member_registers_in_one_click_and_the_page_says_so(index, client_for):
    event = f.event(index, seats=2)
    person = f.member()
    client = client_for(person)

    response = client.post(reverse("events:register", args=[event.pk]), follow=True)

    assert response.redirect_chain[-1][0] == event.url
    assert "Vous êtes inscrit·e à cet événement." in response.content.decode()
    assert Registration.objects.get(event=event, user=person).status == "confirmed"


def test_registering_twice_shows_a_clear_message_and_keeps_the_place(index, client_for):
    event = f.event(index)
    person = f.member()
    client = client_for(person)
    client.post(reverse("events:register", args=[event.pk]))

    response = client.post(reverse("events:register", args=[event.pk]), follow=True)

    assert "Vous êtes déjà inscrit·e à cet événement." in messages_of(response)
    assert Registration.objects.filter(event=event, user=person, status="confirmed").count() == 1


def test_the_video_link_is_shown_to_registered_people_only(index, client_for):
    event = f.event(index, place="", video_link=VIDEO, kind=EventKind.WEBINAR)
    registered, other = f.member(), f.member()
    services.register(event=event, by=registered)

    assert VIDEO in client_for(registered).get(event.url).content.decode()
    other_page = client_for(other).get(event.url).content.decode()
    assert VIDEO not in other_page
    assert "Le lien est donné aux personnes inscrites." in other_page


def test_a_member_sees_that_a_helpers_event_is_not_open_to_them(index, client_for):
    event = f.event(index, audience=EventAudience.HELPERS)
    person = f.member()

    page = client_for(person).get(event.url).content.decode()
    response = client_for(person).post(reverse("events:register", args=[event.pk]), follow=True)

    assert "réservé à un autre public" in page
    assert any("autre public" in m for m in messages_of(response))
    assert not Registration.objects.filter(event=event).exists()


def test_a_full_event_offers_the_waiting_list(index, client_for):
    event = f.event(index, seats=1)
    services.register(event=event, by=f.member())
    person = f.member()

    page = client_for(person).get(event.url).content.decode()
    response = client_for(person).post(reverse("events:register", args=[event.pk]), follow=True)

    assert "M’inscrire en liste d’attente" in page
    assert "Vous êtes en liste d’attente (rang 1)" in response.content.decode()


def test_cancelling_someone_elses_place_is_refused_with_a_message(index, client_for):
    event = f.event(index)
    owner = f.member()
    place = services.register(event=event, by=owner)

    response = client_for(f.member()).post(
        reverse("events:cancel", args=[place.public_id]), follow=True
    )

    assert "Cette place n’est pas la vôtre : vous ne pouvez pas l’annuler." in messages_of(response)
    place.refresh_from_db()
    assert place.status == "confirmed"


def test_the_calendar_file_parses_back_with_the_event_in_paris_time(index, client_for):
    event = f.event(index, place="", video_link=VIDEO, title="Webinaire de présentation")
    person = f.member()
    services.register(event=event, by=person)

    response = client_for(person).get(reverse("events:calendar_file", args=[event.pk]))

    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    (entry,) = calendar.walk("VEVENT")
    assert entry.decoded("dtstart") == event.starts_at
    assert str(entry.decoded("dtstart").tzinfo) == "Europe/Paris"
    assert entry.decoded("dtend") == event.ends_at
    assert str(entry["summary"]) == "Webinaire de présentation"
    assert str(entry["url"]) == VIDEO
    assert calendar.walk("VTIMEZONE")[0]["tzid"] == "Europe/Paris"


def test_the_calendar_file_is_refused_to_people_without_a_seat(index, client_for):
    event = f.event(index, seats=1, video_link=VIDEO)
    services.register(event=event, by=f.member())
    waiting = f.member()
    services.register(event=event, by=waiting)

    url = reverse("events:calendar_file", args=[event.pk])
    assert client_for(waiting).get(url).status_code == 404
    assert client_for(f.member()).get(url).status_code == 404


def test_my_events_lists_seats_and_waiting_places(index, client_for):
    person = f.member()
    seat = f.event(index, title="Conférence sur le télétravail", seats=5)
    full = f.event(index, title="Atelier complet", seats=1)
    services.register(event=seat, by=person)
    services.register(event=full, by=f.member())
    services.register(event=full, by=person)

    page = client_for(person).get(reverse("events:mine")).content.decode()

    assert "Conférence sur le télétravail" in page
    assert "Atelier complet" in page
    assert "En liste d’attente" in page


def test_the_attendance_sheet_names_people_as_privacy_allows_and_records_presence(
    index, client_for
):
    event = f.event(index, starts_at=timezone.now() - datetime.timedelta(hours=3))
    person = f.member()
    person.profile.display_name = "Maïa"
    person.profile.display_name_visibility = Visibility.MEMBERS
    person.profile.save()
    came = Registration.objects.create(
        event=event, user=person, status="confirmed", seat=1, registered_at=timezone.now()
    )
    client = client_for(f.coordinator())
    url = reverse("events:attendance", args=[event.pk])

    assert "Maïa" in client.get(url).content.decode()
    response = client.post(url, {"present": [str(came.public_id)]})

    assert response.status_code == 302
    came.refresh_from_db()
    assert came.attended is True


def test_the_obligations_page_lists_helpers_missing_a_yearly_event_and_reminds_them(
    index, client_for, mailbox, django_capture_on_commit_callbacks
):
    helper = f.helper(last_name="Fontaine", first_name="Lou")
    client = client_for(f.coordinator())

    page = client.get(reverse("events:obligations")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:remind"), follow=True)

    assert "à faire" in page
    assert "Rappel envoyé à 1 aidant·e(s)." in messages_of(response)
    assert [m["To"] for m in mailbox] == [helper.email]
    assert "Fontaine" not in mailbox[0].get_content()


@time_machine.travel(datetime.datetime(2027, 5, 3, 9, tzinfo=datetime.UTC), tick=False)
def test_a_helper_who_attended_both_yearly_events_leaves_the_list(index, client_for):
    helper = f.helper()
    meeting = f.event(index, kind=EventKind.HELPERS_MEETING, audience=EventAudience.HELPERS)
    webinar = f.event(index, kind=EventKind.WEBINAR, audience=EventAudience.HELPERS)
    for event in (meeting, webinar):
        Registration.objects.create(
            event=event,
            user=helper,
            status="confirmed",
            seat=1,
            registered_at=timezone.now(),
            attended=True,
        )

    page = client_for(f.coordinator()).get(reverse("events:obligations")).content.decode()

    assert "Toutes et tous les aidant·es sont à jour." in page
