"""Demo indicators for `manage.py load_demo`: a year of past requests and sessions, already
closed and erased as retention leaves them (no requester, no text: only the facts the
indicators read), so that the dashboard shows real curves; two client organisations, one large
and one small whose report shows suppressed cells; two approved helpers' remarks; and a trial
that ended last month. Rows are bulk-created as history (they happened before the demo
existed), not through the services. A second run creates nothing.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from appointments.models import MemberFeedback, Session, SessionStatus
from helprequests.models import Channel, HelpRequest, SatisfactionAnswer, Status, Transition
from home.models import Theme
from members.models import Organisation

from .models import RemarkReview, Trial

PREFIX = "D-H"
LARGE = "Démo — Transports Lumière"
SMALL = "Démo — Atelier du Coin"
# What became of a request (its last action) and how often, out of 20.
FATES = [("accept", 14), ("decline", 2), ("refer", 2), ("withdraw", 2)]


def _months_back(today, count):
    year, month = today.year, today.month
    for _index in range(count):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        yield datetime.date(year, month, 1)


def load(*, stdout, password=None):
    if HelpRequest.objects.filter(reference__startswith=PREFIX).exists():
        stdout.write(_("Indicateurs de démonstration : déjà chargés."))
        return 0
    themes = list(Theme.objects.order_by("sort_order", "pk")[:5])
    if not themes:
        stdout.write(_("Indicateurs de démonstration : les thèmes manquent."))
        return 0
    rng = random.Random(15)  # noqa: S311  (demo data, the same at every load)
    tz = timezone.get_current_timezone()
    now = timezone.now()
    created = 0
    with transaction.atomic():
        large, _made = Organisation.objects.get_or_create(name=LARGE, defaults={"kind": "company"})
        small, _made = Organisation.objects.get_or_create(
            name=SMALL, defaults={"kind": "association"}
        )
        fates = [action for action, weight in FATES for _n in range(weight)]
        channels = list(Channel.values)
        number = 0
        for first_day in reversed(list(_months_back(timezone.localdate(), 12))):
            # Seasons: fewer requests in summer, more after the holidays.
            volume = {7: 14, 8: 10, 9: 34, 10: 32}.get(first_day.month, 24) + rng.randint(-3, 3)
            for _index in range(volume):
                number += 1
                submitted = datetime.datetime.combine(
                    first_day + datetime.timedelta(days=rng.randrange(28)),
                    datetime.time(rng.randint(8, 19), rng.choice((0, 15, 30, 45))),
                    tzinfo=tz,
                )
                organisation = rng.choices([large, small, None], weights=[6, 1, 5])[0]
                fate = rng.choice(fates)
                acknowledged = submitted + datetime.timedelta(hours=rng.choice([2, 6, 20, 30, 52]))
                status = {
                    "accept": Status.CLOSED,
                    "decline": Status.DECLINED,
                    "refer": Status.REFERRED,
                    "withdraw": Status.WITHDRAWN,
                }[fate]
                request = HelpRequest.objects.create(
                    reference=f"{PREFIX}{number:05d}",
                    status=status,
                    theme=rng.choice(themes),
                    organisation=organisation,
                    urgent=rng.random() < 0.12,
                    channel=rng.choice(channels),
                    submitted_at=submitted,
                    acknowledge_by=submitted + datetime.timedelta(hours=48),
                    acknowledged_at=acknowledged,
                    closed_at=submitted + datetime.timedelta(days=40),
                    erased_at=now,
                )
                actions = ["acknowledge"] if fate != "withdraw" else []
                actions.append(fate)
                Transition.objects.bulk_create(
                    Transition(
                        request=request,
                        action=action,
                        to_status=action,
                        actor_role="coordinator",
                        at=acknowledged + datetime.timedelta(hours=step),
                    )
                    for step, action in enumerate(actions)
                )
                created += 1
                if fate != "accept":
                    continue
                for session_index in range(rng.randint(1, 4)):
                    starts = submitted + datetime.timedelta(days=7 * (session_index + 1), hours=1)
                    if starts >= now:
                        break
                    status = rng.choices(
                        [
                            SessionStatus.DONE,
                            SessionStatus.CANCELLED,
                            SessionStatus.CANCELLED_LATE,
                            SessionStatus.NO_SHOW,
                        ],
                        weights=[16, 2, 1, 1],
                    )[0]
                    session = Session.objects.create(
                        request=request,
                        starts_at=starts,
                        duration_minutes=45,
                        status=status,
                        booked_at=submitted,
                    )
                    created += 1
                    if status == SessionStatus.DONE and rng.random() < 0.5:
                        MemberFeedback.objects.create(
                            session=session,
                            rating=rng.choices([2, 3, 4, 5], weights=[1, 3, 8, 6])[0],
                            written_at=starts,
                        )
                answered = submitted + datetime.timedelta(days=35)
                if answered < now and rng.random() < 0.6:
                    SatisfactionAnswer.objects.create(
                        request=request,
                        overall=rng.choices([2, 3, 4, 5], weights=[1, 2, 7, 6])[0],
                        timely=rng.random() < 0.85,
                        would_recommend=rng.random() < 0.9,
                        answered_at=answered,
                    )
        last_month = next(_months_back(timezone.localdate(), 1))
        for text, kind in (
            (_("Les personnes apprécient d’être rappelées à l’heure dite."), "improvements"),
            (_("Le lien de la visio arrive parfois tard : l’envoyer la veille."), "difficulties"),
        ):
            RemarkReview.objects.create(
                kind=kind,
                organisation=large,
                month=last_month,
                text=text,
                approved=True,
                reviewed_at=now,
            )
        trial_start = list(_months_back(timezone.localdate(), 6))[-1]
        Trial.objects.get_or_create(
            name=_("Essai de la permanence téléphonique"),
            defaults={
                "starts_on": trial_start,
                "ends_on": last_month + datetime.timedelta(days=27),
                "goal_requests": 120,
                "goal_in_time_share": 80,
                "goal_sessions_held": 150,
                "goal_satisfaction": 4,
            },
        )
    stdout.write(_("Indicateurs de démonstration : %(count)d créés.") % {"count": created})
    return created
