"""Events for tests: an agenda under the home page, events in it, people in each role."""

import datetime

from django.utils import timezone

from events.models import EventAudience, EventIndexPage, EventKind, EventPage
from home.tests.factories import make_home_page
from members import roles
from members.models import MembershipStatus, Profile
from members.tests import factories as people


def active(user, **fields):
    """An active member's profile (the membership gate lets them through)."""
    Profile.objects.create(user=user, status=MembershipStatus.ACTIVE, **fields)
    return user


def member(**kwargs):
    return active(people.member(**kwargs))


def helper(**kwargs):
    return active(people.UserFactory(roles=[roles.MEMBERS, roles.HELPERS], **kwargs))


def coordinator(**kwargs):
    return active(people.with_second_factor(people.coordinator(**kwargs)))


def moderator(**kwargs):
    return active(people.UserFactory(roles=[roles.MEMBERS, roles.MODERATORS], **kwargs))


def editor(**kwargs):
    return active(people.with_second_factor(people.editor(**kwargs)))


def agenda():
    """The agenda page under a fresh home page."""
    home = make_home_page()
    index = EventIndexPage(title="Agenda", slug="evenements", intro="Nos rendez-vous.")
    home.add_child(instance=index)
    return index


def in_days(days, hour=18):
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def event(index, **fields):
    starts_at = fields.pop("starts_at", in_days(10))
    values = {
        "title": "Formation à l’écoute active",
        "kind": EventKind.TRAINING,
        "audience": EventAudience.MEMBERS,
        "starts_at": starts_at,
        "ends_at": starts_at + datetime.timedelta(hours=2),
        "place": "Maison des associations, 12 rue des Tanneurs, Lyon",
        "seats": 3,
        **fields,
    }
    page = EventPage(**values)
    index.add_child(instance=page)
    return page
