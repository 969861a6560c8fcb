"""Hand-made help requests, sessions and answers whose figures the tests compute by hand.

Rows are created directly (not through the services): the indicators read what is stored, and
each row's dates must be exactly the ones the expected figures were computed from.
"""

import datetime
from zoneinfo import ZoneInfo

from appointments.models import MemberFeedback, Session, SessionStatus
from helprequests.models import HelpRequest, SatisfactionAnswer, Status, Transition
from home.tests.factories import ThemeFactory
from members.models import Organisation

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime.datetime(2026, 3, 15, 12, 0, tzinfo=PARIS)


def at(month, day, hour=10, minute=0, year=2026):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=PARIS)


def organisation(name):
    return Organisation.objects.create(name=name, kind="company")


def request(*, submitted, org, theme, channel="phone", urgent=False, ack_after=None, actions=()):
    row = HelpRequest.objects.create(
        submitted_at=submitted,
        acknowledge_by=submitted + datetime.timedelta(hours=48),
        acknowledged_at=None if ack_after is None else submitted + ack_after,
        organisation=org,
        theme=theme,
        channel=channel,
        urgent=urgent,
        subject="Objet personnel",
        description="Texte personnel",
        status=Status.SUBMITTED,
    )
    for index, action in enumerate(actions):
        Transition.objects.create(
            request=row,
            action=action,
            to_status=action,
            at=submitted + datetime.timedelta(hours=index + 1),
        )
    return row


def session(req, starts, status=SessionStatus.DONE, rating=None):
    row = Session.objects.create(
        request=req, starts_at=starts, duration_minutes=45, status=status, booked_at=starts
    )
    if rating is not None:
        MemberFeedback.objects.create(session=row, rating=rating, written_at=starts)
    return row


def answer(req, overall, answered):
    return SatisfactionAnswer.objects.create(
        request=req, overall=overall, timely=True, would_recommend=True, answered_at=answered
    )


class World:
    """January to March 2026 (NOW is 15 March), two organisations, two themes.

    January: r1 (A, Conflits, phone, urgent, acknowledged after 2 h, accepted), r2 (A, Santé,
    e-mail, 30 h, declined), r3 (B, Conflits, video, 60 h: late, referred), r4 (A, Conflits,
    phone, sent 31 January 23:30 Paris time, not acknowledged, withdrawn).
    February: r5 (B, Santé, phone, urgent, sent 1 February 0:30 Paris time, i.e. still
    31 January in UTC, 10 h, accepted). December 2025: r6, outside the period.
    """

    def __init__(self):
        h = datetime.timedelta(hours=1)
        self.a = organisation("Entreprise A")
        self.b = organisation("Entreprise B")
        self.conflits = ThemeFactory(name="Conflits")
        self.sante = ThemeFactory(name="Santé")
        self.r1 = request(
            submitted=at(1, 5),
            org=self.a,
            theme=self.conflits,
            urgent=True,
            ack_after=2 * h,
            actions=["acknowledge", "accept", "route"],
        )
        self.r2 = request(
            submitted=at(1, 10),
            org=self.a,
            theme=self.sante,
            channel="email",
            ack_after=30 * h,
            actions=["acknowledge", "decline"],
        )
        self.r3 = request(
            submitted=at(1, 20),
            org=self.b,
            theme=self.conflits,
            channel="video",
            ack_after=60 * h,
            actions=["acknowledge", "refer"],
        )
        self.r4 = request(
            submitted=at(1, 31, 23, 30), org=self.a, theme=self.conflits, actions=["withdraw"]
        )
        self.r5 = request(
            submitted=at(2, 1, 0, 30),
            org=self.b,
            theme=self.sante,
            urgent=True,
            ack_after=10 * h,
            actions=["acknowledge", "accept"],
        )
        self.r6 = request(
            submitted=at(12, 20, year=2025),
            org=self.a,
            theme=self.sante,
            ack_after=h,
            actions=["acknowledge", "accept"],
        )
        session(self.r1, at(1, 15), rating=4)
        session(self.r1, at(1, 16), SessionStatus.CANCELLED)
        session(self.r1, at(1, 17), SessionStatus.CANCELLED_LATE)
        session(self.r1, at(2, 3), SessionStatus.NO_SHOW)
        session(self.r1, at(2, 4), rating=5)
        session(self.r1, at(2, 5), rating=2)
        session(self.r3, at(3, 2))
        session(self.r6, at(12, 22, year=2025), rating=1)
        answer(self.r1, 5, at(2, 10))
        answer(self.r5, 2, at(2, 20))
        answer(self.r2, 4, at(3, 1))
        answer(self.r6, 1, at(12, 30, year=2025))


def bulk(n, org, theme):
    """`n` more requests in February, each with a session and an answer (for query counts)."""
    for index in range(n):
        row = request(
            submitted=at(2, 1 + index % 27, 9),
            org=org,
            theme=theme,
            ack_after=datetime.timedelta(hours=index % 50),
            actions=["acknowledge", "accept"],
        )
        session(row, at(2, 1 + index % 27, 8 + index % 10), rating=1 + index % 5)
        answer(row, 1 + index % 5, at(2, 27))
