"""Sessions' calendar files parsed back with icalendar (R-A6, R-K9), without a database."""

from dataclasses import fields
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar

from appointments.calendar_files import (
    FeedSession,
    feed_token_matches,
    new_feed_token,
    private_feed,
    session_invitation,
)
from portal.notifications import absolute_url

PARIS = ZoneInfo("Europe/Paris")
SESSION = timedelta(minutes=45)
NOW = datetime(2027, 3, 1, 9, tzinfo=UTC)
VIDEO = "https://visio.example.org/relais-7f3a"


def paris(*args):
    return datetime(*args, tzinfo=PARIS)


def feed_of(*starts):
    sessions = [
        FeedSession(
            key=f"s{i}", starts_at=start, ends_at=start + SESSION, path=f"/entretiens/s{i}/"
        )
        for i, start in enumerate(starts)
    ]
    return icalendar.Calendar.from_ical(private_feed(sessions, now=NOW))


def test_an_invitation_parses_back_with_its_times_and_remote_details():
    starts = paris(2027, 3, 26, 10)
    calendar = icalendar.Calendar.from_ical(
        session_invitation(
            key="8c1e",
            starts_at=starts,
            ends_at=starts + SESSION,
            summary="Entretien avec Camille",
            description="Appel vidéo : le lien est ci-dessous.",
            location=VIDEO,
            url=VIDEO,
            now=NOW,
        )
    )

    assert calendar["method"] == "PUBLISH"
    (entry,) = calendar.walk("VEVENT")
    assert entry.decoded("dtstart") == starts
    assert str(entry.decoded("dtstart").tzinfo) == "Europe/Paris"
    assert entry.decoded("dtend") == paris(2027, 3, 26, 10, 45)
    assert str(entry["summary"]) == "Entretien avec Camille"
    assert str(entry["description"]) == "Appel vidéo : le lien est ci-dessous."
    assert str(entry["location"]) == VIDEO
    assert str(entry["url"]) == VIDEO
    assert "ORGANIZER" not in entry and "ATTENDEE" not in entry
    assert calendar.walk("VTIMEZONE")[0]["tzid"] == "Europe/Paris"


def test_an_invitation_given_utc_times_is_written_in_paris_time():
    starts = datetime(2027, 3, 30, 8, tzinfo=UTC)  # 10:00 in Paris, summer time

    text = session_invitation(
        key="8c1e", starts_at=starts, ends_at=starts + SESSION, summary="Entretien", now=NOW
    ).decode()

    assert "DTSTART;TZID=Europe/Paris:20270330T100000" in text
    assert "DESCRIPTION" not in text and "LOCATION" not in text


def test_feed_times_are_right_on_both_sides_of_the_daylight_saving_changes():
    before_spring, after_spring = paris(2027, 3, 26, 10), paris(2027, 3, 30, 10)
    before_autumn, after_autumn = paris(2027, 10, 29, 14), paris(2027, 11, 2, 14)

    calendar = feed_of(before_spring, after_spring, before_autumn, after_autumn)

    starts = [entry.decoded("dtstart") for entry in calendar.walk("VEVENT")]
    assert starts == [before_spring, after_spring, before_autumn, after_autumn]
    assert [s.astimezone(UTC).hour for s in starts] == [9, 8, 12, 13]
    assert [e.decoded("dtend") - e.decoded("dtstart") for e in calendar.walk("VEVENT")] == [
        SESSION
    ] * 4
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone.walk("DAYLIGHT") and zone.walk("STANDARD")


def test_a_session_in_the_repeated_autumn_hour_keeps_its_instant_and_length():
    # 31 October 2027: 03:00 summer time becomes 02:00 winter time, so 02:30 happens twice.
    starts = datetime(2027, 10, 31, 0, 30, tzinfo=UTC)  # the first 02:30, summer time
    (entry,) = icalendar.Calendar.from_ical(
        private_feed([FeedSession("s", starts, starts + SESSION, "/entretiens/s/")], now=NOW)
    ).walk("VEVENT")

    assert entry.decoded("dtstart").astimezone(UTC) == starts
    assert entry.decoded("dtend").astimezone(UTC) == starts + SESSION  # 02:15 winter time


def test_the_feed_says_only_relais_entretien_its_times_and_a_link():
    calendar = feed_of(paris(2027, 3, 26, 10), paris(2027, 3, 30, 11))

    assert set(calendar) <= {"PRODID", "VERSION", "METHOD", "X-WR-CALNAME"}
    assert str(calendar["x-wr-calname"]) == "Relais"
    entries = calendar.walk("VEVENT")
    assert len(entries) == 2
    for i, entry in enumerate(entries):
        assert set(entry) == {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "URL"}
        assert str(entry["summary"]) == "Relais — entretien"
        assert str(entry["url"]) == absolute_url(f"/entretiens/s{i}/")


def test_a_feed_session_can_carry_nothing_but_times_an_id_and_a_path():
    assert [f.name for f in fields(FeedSession)] == ["key", "starts_at", "ends_at", "path"]


def test_a_session_has_the_same_uid_in_its_invitation_and_in_the_feed():
    starts = paris(2027, 3, 26, 10)
    invitation = icalendar.Calendar.from_ical(
        session_invitation(key="s0", starts_at=starts, ends_at=starts + SESSION, summary="E")
    )

    assert invitation.walk("VEVENT")[0]["uid"] == feed_of(starts).walk("VEVENT")[0]["uid"]


def test_an_empty_feed_is_still_a_calendar():
    calendar = feed_of()

    assert calendar.walk("VEVENT") == []
    assert calendar["version"] == "2.0"


def test_feed_tokens_are_long_random_and_url_safe():
    tokens = {new_feed_token() for _ in range(50)}

    assert len(tokens) == 50
    assert all(len(t) >= 43 and t.replace("-", "").replace("_", "").isalnum() for t in tokens)


def test_a_feed_token_matches_only_itself_and_never_when_empty():
    token = new_feed_token()

    assert feed_token_matches(token, token)
    assert not feed_token_matches(token[:-1] + "x" if token[-1] != "x" else "y", token)
    assert not feed_token_matches("", "")
    assert not feed_token_matches(None, token)
    assert not feed_token_matches(token, None)
    assert not feed_token_matches("é", token)


def test_a_later_copy_keeps_the_uid_with_a_higher_sequence_and_may_say_cancelled():
    starts = paris(2027, 3, 26, 10)
    first, cancelled = (
        icalendar.Calendar.from_ical(
            session_invitation(
                key="s0",
                starts_at=starts,
                ends_at=starts + SESSION,
                summary="Relais — entretien",
                now=NOW,
                sequence=sequence,
                cancelled=sequence > 0,
            )
        )
        for sequence in (0, 2)
    )

    (before,), (after,) = first.walk("VEVENT"), cancelled.walk("VEVENT")
    assert before["uid"] == after["uid"]
    assert (before["sequence"], before["status"]) == (0, "CONFIRMED")
    assert (after["sequence"], after["status"]) == (2, "CANCELLED")
    assert cancelled["method"] == "PUBLISH"  # a re-publication, not METHOD:CANCEL
    assert after.decoded("dtstart") == starts
