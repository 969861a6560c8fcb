"""Demo appointments for `manage.py load_demo`: helpers' weeks of slots and sessions in every
state on the demo requests a helper has taken, and a helper's questionnaire filled.

Every helper who took a demo request publishes five weekly slots at varied hours (R-A5), and
the first of them a Thursday slot shared with another helper, up to a last day (R-P3). On the
first such request of the member account, sessions are built through the services at past
moments (`now=`), quietly: one held, one missed, one cancelled late (still due), one cancelled in
time, one upcoming, and a quota extension with its reason. A second run creates nothing.
"""

from datetime import time, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helprequests.demo import MEMBER_ACCOUNT
from helprequests.models import HelpRequest
from helprequests.permissions import WORKING
from helprequests.services.common import quiet_notifications, taking_routing
from members.demo import COORDINATOR_EMAIL
from members.models import User

from . import selectors, services, slots
from .models import Availability, Session

WEEKLY = ((0, time(9, 0)), (1, time(14, 0)), (2, time(18, 0)), (3, time(10, 30)), (4, time(12, 15)))


def _monday(weeks_from_now):
    today = timezone.localdate()
    return today - timedelta(days=today.weekday()) + timedelta(weeks=weeks_from_now)


def _sessions(request, member, coordinator):
    """Sessions in every state on `request`, its helper's Monday 9:00 and Tuesday 14:00 slots."""
    services.grant_extra_sessions(
        request=request,
        by=coordinator,
        extra=2,
        reason=_("Sujet professionnel : la coordination prolonge l’accompagnement."),
    )
    services.confirm_terms(request=request, by=member, now=timezone.now() - timedelta(weeks=4))
    helper = taking_routing(request).helper
    created = 0
    for weeks, ending in ((-3, "done"), (-2, "no_show"), (-1, "late")):
        moment = slots.local_moment(_monday(weeks), time(9, 0))
        session = services.book_session(
            request=request, starts_at=moment, by=member, now=moment - timedelta(days=5)
        )
        if ending == "done":
            session = services.mark_done(
                session=session, by=helper, now=moment + timedelta(hours=1)
            )
            services.give_feedback(
                session=session,
                by=helper,
                data={
                    "difficulties": _("La personne hésitait à parler de sa hiérarchie."),
                    "improvements": _("Proposer la visio dès la prise de rendez-vous."),
                },
                now=moment + timedelta(hours=2),
            )
        elif ending == "no_show":
            services.mark_no_show(session=session, by=helper, now=moment + timedelta(minutes=20))
        else:
            services.cancel_session(
                session=session,
                by=member,
                reason=_("Réunion imprévue au travail."),
                now=moment - timedelta(hours=20),
            )
        created += 1
    upcoming = slots.local_moment(_monday(1) + timedelta(days=1), time(14, 0))
    gone = services.book_session(request=request, starts_at=upcoming, by=member)
    services.cancel_session(session=gone, by=member, reason=_("Je serai en congé."))
    services.book_session(
        request=request,
        starts_at=slots.local_moment(_monday(2), time(9, 0)),
        by=member,
        remote_details=_("Visio : le lien est envoyé par l’aidant·e la veille."),
    )
    return created + 2


def _pair(taken):
    """R-P3: the first helper who took a demo request shares a Thursday 16:00 slot with another
    helper, for the coming thirteen weeks (a last day set)."""
    helper = taking_routing(taken[0]).helper
    if Availability.objects.filter(partner__isnull=False).exists():
        return 0
    others = [taking_routing(r).helper for r in taken if taking_routing(r).helper != helper]
    partner = others[0] if others else selectors.partners_for(helper).first()
    if partner is None:
        return 0
    services.add_weekly_slot(
        helper=helper,
        weekday=3,
        start_time=time(16, 0),
        partner=partner,
        until=timezone.localdate() + timedelta(weeks=13),
    )
    return 1


def load(*, stdout, password=None):
    taken = [
        request
        for request in HelpRequest.objects.filter(
            reference__startswith="D-DEMO", status__in=WORKING
        ).order_by("reference")
        if taking_routing(request) is not None
    ]
    member = User.objects.filter(email__iexact=MEMBER_ACCOUNT).first()
    coordinator = User.objects.filter(email__iexact=COORDINATOR_EMAIL).first()
    if not taken or member is None or coordinator is None:
        stdout.write(_("Entretiens de démonstration : les demandes de démonstration manquent."))
        return 0
    created = 0
    with transaction.atomic(), quiet_notifications():
        for request in taken:
            helper = taking_routing(request).helper
            if Availability.objects.filter(helper=helper).exists():
                continue
            for weekday, start_time in WEEKLY:
                services.add_weekly_slot(helper=helper, weekday=weekday, start_time=start_time)
                created += 1
        created += _pair(taken)
        mine = [r for r in taken if r.requester_id == member.pk]
        if mine and not Session.objects.filter(request=mine[0]).exists():
            created += _sessions(mine[0], member, coordinator)
    stdout.write(_("Entretiens de démonstration : %(count)d créés.") % {"count": created})
    return created
