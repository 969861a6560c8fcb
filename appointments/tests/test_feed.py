"""The private calendar feed (R-K9), used as people use it: the box on "Mes entretiens" creates,
shows, resets and turns off the secret address; a calendar application, which cannot log in,
reads the address. The feed holds only times, "Relais — entretien" and links; anything else of
a person stays out, and so does the token of every log."""

import datetime
import logging
import re

import icalendar
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from appointments import services
from appointments.calendar_files import session_path
from appointments.deletion import forget_sessions
from appointments.models import CalendarFeed, Session
from appointments.selectors import FEED_PAST_DAYS
from members.models import Profile
from portal.calendars import entry_uid
from portal.notifications import absolute_url

from . import factories as f

pytestmark = pytest.mark.django_db

MINE = reverse("appointments:mine")
BOX = reverse("appointments:calendar_feed")
VIDEO = "https://visio.example.org/relais-7f3a"
PERSONAL = (
    "Apolline",
    "Vasseur",
    "Bérénice",
    "Béré",
    "Aidante",
    "Valbourg",
    "Conflit",
    "réorganisation",
    "06 12 34 56 78",
    "0611223344",
    "visio.example.org",
)
FEED_QUERIES = 2  # the feed with its owner, then the sessions


@pytest.fixture
def world():
    cast, request = f.taken()
    f.weekly(cast.helper, 1, 9)
    f.weekly(cast.helper, 3, 9)
    tuesday = f.next_weekday(1)
    thursday = f.next_weekday(3, after=tuesday)
    session = f.book(cast, request, f.at(tuesday, 9))
    services.set_remote_details(session=session, by=cast.helper, details=VIDEO)
    later = f.book(cast, request, f.at(thursday, 9))
    return cast, request, session, later


def feed_url_on_page(client):
    """The address the box shows, as a person would copy it."""
    page = client.get(MINE).content.decode()
    match = re.search(r'id="feed-url"[^>]*value="([^"]+)"', page)
    return match[1] if match else None


def read(url):
    """What a calendar application gets: no login, no cookie."""
    return Client().get(url.removeprefix(absolute_url("")))


def parsed(response):
    return icalendar.Calendar.from_ical(response.content)


def turn_on(client):
    response = client.post(BOX, {"action": "open"})
    assert response.status_code == 302 and response["Location"].endswith("#agenda")
    return feed_url_on_page(client)


def test_a_member_turns_the_feed_on_and_a_calendar_reads_their_sessions_without_login(
    world, client_for
):
    cast, _request, session, later = world
    client = client_for(cast.member)
    assert feed_url_on_page(client) is None
    assert "Créer l’adresse de mon agenda" in client.get(MINE).content.decode()

    url = turn_on(client)

    assert url.startswith(absolute_url("/entretiens/agenda/")) and url.endswith(".ics")
    assert f'href="webcal://{url.split("://")[1]}"' in client.get(MINE).content.decode()
    response = read(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert {"private", "no-store"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }
    entries = parsed(response).walk("VEVENT")
    assert [str(e["uid"]) for e in entries] == [
        entry_uid("entretien", s.public_id) for s in (session, later)
    ]
    assert [e.decoded("dtstart") for e in entries] == [session.starts_at, later.starts_at]
    for entry, one in zip(entries, (session, later), strict=True):
        assert str(entry["summary"]) == "Relais — entretien"
        assert str(entry["url"]) == absolute_url(session_path(one.public_id))
        assert set(entry) == {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "URL"}


def test_the_feed_says_nothing_of_the_people_the_request_or_the_call(world, client_for):
    cast, *_ = world
    url = turn_on(client_for(cast.member))

    text = read(url).content.decode()

    assert [word for word in PERSONAL if word in text] == []
    assert "LOCATION" not in text and "DESCRIPTION" not in text


def test_the_link_of_an_entry_leads_to_the_session_on_mes_entretiens(world, client_for):
    cast, _request, session, _later = world
    client = client_for(cast.member)
    entry = parsed(read(turn_on(client))).walk("VEVENT")[0]

    path, anchor = str(entry["url"]).removeprefix(absolute_url("")).split("#")

    page = client.get(path).content.decode()
    assert f'id="{anchor}"' in page and anchor == f"entretien-{session.public_id}"


def test_the_helper_has_their_own_feed_of_the_sessions_they_hold(world, client_for):
    cast, request, session, later = world
    other_cast, other_request = f.taken()
    f.weekly(other_cast.helper, 1, 9)
    someone_elses = f.book(other_cast, other_request, session.starts_at)

    helper_url = turn_on(client_for(cast.helper))
    member_url = turn_on(client_for(cast.member))

    helper_uids = [str(e["uid"]) for e in parsed(read(helper_url)).walk("VEVENT")]
    assert helper_uids == [entry_uid("entretien", s.public_id) for s in (session, later)]
    assert helper_url != member_url
    for url in (helper_url, member_url):
        assert str(someone_elses.public_id) not in read(url).content.decode()


def test_a_cancelled_session_leaves_the_feed(world, client_for):
    cast, _request, session, later = world
    url = turn_on(client_for(cast.member))
    services.cancel_session(session=session, by=cast.helper, reason="Empêchement")

    uids = [str(e["uid"]) for e in parsed(read(url)).walk("VEVENT")]

    assert uids == [entry_uid("entretien", later.public_id)]


def test_held_sessions_stay_a_month_then_leave_the_feed(world, client_for):
    cast, request, *_ = world
    now = timezone.now()
    recent, old = (
        Session.objects.create(
            request=request,
            helper=cast.helper,
            member=cast.member,
            starts_at=now - datetime.timedelta(days=days),
            duration_minutes=45,
            status="done",
            booked_by=cast.member,
            booked_at=now - datetime.timedelta(days=days + 7),
        )
        for days in (FEED_PAST_DAYS - 2, FEED_PAST_DAYS + 2)
    )
    text = read(turn_on(client_for(cast.member))).content.decode()

    assert str(recent.public_id) in text
    assert str(old.public_id) not in text


def test_a_reset_kills_the_old_address_at_once(world, client_for):
    cast, *_ = world
    client = client_for(cast.member)
    old = turn_on(client)

    response = client.post(BOX, {"action": "reset"}, follow=True)

    new = feed_url_on_page(client)
    assert "l’ancienne ne fonctionne plus" in response.content.decode()
    assert new != old
    assert read(old).status_code == 404
    assert read(new).status_code == 200
    assert CalendarFeed.objects.get().reset_at is not None


def test_turning_the_feed_off_kills_its_address(world, client_for):
    cast, *_ = world
    client = client_for(cast.member)
    url = turn_on(client)

    client.post(BOX, {"action": "close"})

    assert read(url).status_code == 404
    assert feed_url_on_page(client) is None
    assert not CalendarFeed.objects.exists()


def test_turning_on_twice_keeps_one_address(world, client_for):
    cast, *_ = world
    client = client_for(cast.member)

    assert turn_on(client) == turn_on(client)
    assert CalendarFeed.objects.count() == 1


def test_an_unknown_action_or_a_reset_without_a_feed_changes_nothing(world, client_for):
    cast, *_ = world
    client = client_for(cast.member)

    for action in ("reset", "explode", ""):
        response = client.post(BOX, {"action": action}, follow=True)
        assert response.status_code == 200

    assert not CalendarFeed.objects.exists()


def test_a_calendar_may_ask_for_the_headers_only(world, client_for):
    cast, *_ = world
    path = turn_on(client_for(cast.member)).removeprefix(absolute_url(""))

    assert Client().head(path).status_code == 200
    assert Client().post(path).status_code == 405


def test_the_box_is_posted_only(world, client_for):
    cast, *_ = world
    assert client_for(cast.member).get(BOX).status_code == 405


def test_the_feed_of_an_account_no_longer_active_or_deleted_is_not_found(world, client_for):
    cast, *_ = world
    url = turn_on(client_for(cast.member))
    cast.member.is_active = False
    cast.member.save(update_fields=["is_active"])

    assert read(url).status_code == 404

    forget_sessions(cast.member, remove_forum_posts=False)
    assert not CalendarFeed.objects.exists()


def test_a_wrong_empty_or_overlong_token_is_not_found(world, client_for):
    cast, *_ = world
    url = turn_on(client_for(cast.member))
    token = url.rsplit("/", 1)[1].removesuffix(".ics")

    for candidate in (token.upper() if token.upper() != token else token.lower(), "", "a" * 65):
        path = f"/entretiens/agenda/{candidate}.ics"
        assert Client().get(path).status_code == 404, candidate


def test_the_token_is_never_logged(world, client_for, caplog):
    cast, *_ = world
    client = client_for(cast.member)
    with caplog.at_level(logging.DEBUG):
        old = turn_on(client)
        client.post(BOX, {"action": "reset"})
        new = feed_url_on_page(client)
        read(old)
        read(new)
        client.post(BOX, {"action": "close"})
        read(new)

    tokens = [url.rsplit("/", 1)[1].removesuffix(".ics") for url in (old, new)]
    assert "calendar feed" in caplog.text
    assert [t for t in tokens if t in caplog.text] == []


@pytest.mark.parametrize("size", [2, 30])
def test_the_feed_costs_the_same_whatever_the_number_of_sessions(
    size, client_for, django_assert_num_queries
):
    cast, request = f.taken()
    Profile.objects.filter(user=cast.member).update(status="active")
    now = timezone.now()
    Session.objects.bulk_create(
        Session(
            request=request,
            helper=cast.helper,
            member=cast.member,
            starts_at=now + datetime.timedelta(days=1, hours=number),
            duration_minutes=45,
            booked_by=cast.member,
            booked_at=now,
        )
        for number in range(size)
    )
    url = turn_on(client_for(cast.member))
    client = Client()

    with django_assert_num_queries(FEED_QUERIES):
        response = client.get(url.removeprefix(absolute_url("")))

    assert len(parsed(response).walk("VEVENT")) == size
