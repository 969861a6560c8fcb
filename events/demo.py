"""Demo events for `manage.py load_demo`: the agenda, three upcoming events and a past meeting.

- a training with one seat left (the browser test takes it, then a second member queues);
- a conference, full, with a waiting list;
- a presentation webinar for helpers, by video;
- a helpers' meeting held two days ago, with its attendance recorded (R-A4).

Places are taken through the services, by demo members other than the role accounts, so that
the role accounts find open events. Each page is found again by its slug under the agenda; a
second run creates nothing. The texts are written for Relais.
"""

from collections import Counter
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from home.models import HomePage
from members import roles
from members.demo import ACCOUNTS, COORDINATOR_EMAIL, demo_people
from members.models import User

from . import services
from .models import (
    EventAudience,
    EventIndexPage,
    EventKind,
    EventPage,
    Registration,
    RegistrationStatus,
)

HALL = "Maison des associations, salle Rosa-Parks, 8 rue Gaston-Monmousseau, 69008 Lyon"


def _at(days, hour, minute=0):
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=minute, second=0, microsecond=0)


def _events():
    """(slug, fields, number of places taken) for each demo event."""
    return [
        (
            "formation-accueillir-une-demande",
            {
                "title": "Formation : accueillir une demande d’aide",
                "kind": EventKind.TRAINING,
                "audience": EventAudience.MEMBERS,
                "starts_at": _at(21, 9, 30),
                "ends_at": _at(21, 12, 30),
                "place": HALL,
                "seats": 8,
                "registration_deadline": _at(18, 18),
                "intro": (
                    "Une matinée pour s’exercer à la première écoute : reformuler, poser les "
                    "bonnes questions, dire ce que le réseau peut faire et ce qu’il ne fait pas."
                ),
            },
            7,
        ),
        (
            "conference-droit-a-la-deconnexion",
            {
                "title": "Conférence : le droit à la déconnexion, cinq ans après",
                "kind": EventKind.CONFERENCE,
                "audience": EventAudience.EVERYONE,
                "starts_at": _at(12, 18, 30),
                "ends_at": _at(12, 20),
                "place": HALL,
                "seats": 6,
                "price": 12,
                "intro": (
                    "Une juriste en droit social et un délégué syndical racontent ce qui a "
                    "changé dans les équipes depuis les accords sur la déconnexion, et ce qui "
                    "reste à inventer. Échange avec la salle."
                ),
            },
            9,
        ),
        (
            "webinaire-presentation-du-reseau",
            {
                "title": "Webinaire de présentation du réseau aux aidant·es",
                "kind": EventKind.WEBINAR,
                "audience": EventAudience.HELPERS,
                "starts_at": _at(30, 12, 15),
                "ends_at": _at(30, 13, 15),
                "video_link": "https://visio.relais.test/presentation-aidants",
                "seats": 40,
                "intro": (
                    "Une heure pour faire le tour des outils du réseau, des règles de "
                    "confidentialité et du parcours d’une demande, questions comprises."
                ),
            },
            2,
        ),
    ]


PAST_MEETING = (
    "rencontre-echange-aidants",
    {
        "title": "Rencontre d’échange entre aidant·es",
        "kind": EventKind.HELPERS_MEETING,
        "audience": EventAudience.HELPERS,
        "starts_at": _at(-2, 14),
        "ends_at": _at(-2, 17),
        "place": HALL,
        "seats": 15,
        "intro": (
            "Notre rencontre annuelle : retours d’expérience sur les situations difficiles, "
            "sans nom ni détail qui permette de reconnaître quiconque, et temps convivial."
        ),
    },
)


def _agenda(tally):
    home = HomePage.objects.first()
    existing = Page.objects.child_of(home).filter(slug="evenements").first()
    if existing is not None:
        return existing.specific
    agenda = EventIndexPage(
        title="Agenda",
        slug="evenements",
        show_in_menus=True,
        intro=(
            "Formations, conférences, webinaires et rencontres du réseau. Les places sont "
            "limitées : inscrivez-vous en un clic, et libérez votre place si vous ne pouvez "
            "plus venir."
        ),
    )
    home.add_child(instance=agenda)
    agenda.save_revision().publish()
    tally["pages"] += 1
    return agenda


def _page(agenda, slug, fields, tally):
    existing = Page.objects.child_of(agenda).filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    event = EventPage(slug=slug, **fields)
    agenda.add_child(instance=event)
    event.save_revision().publish()
    tally["pages"] += 1
    return event, True


def load(*, stdout, password=None):
    tally = Counter()
    if HomePage.objects.first() is None:
        stdout.write(_("Événements de démonstration : la page d’accueil manque."))
        return 0
    agenda = _agenda(tally)
    role_emails = {email for email, *_rest in ACCOUNTS}
    members = list(demo_people().exclude(email__in=role_emails).order_by("email"))
    helpers = [person for person in members if roles.has_role(person, roles.HELPERS)]
    for slug, fields, taken in _events():
        event, created = _page(agenda, slug, fields, tally)
        if not created:
            continue
        people = helpers if event.audience == EventAudience.HELPERS else members
        for person in people[:taken]:
            services.register(event=event, by=person)
            tally["registrations"] += 1

    slug, fields = PAST_MEETING
    meeting, created = _page(agenda, slug, fields, tally)
    if created:
        coordinator = User.objects.filter(email__iexact=COORDINATOR_EMAIL).first()
        for seat, person in enumerate(helpers[:5], start=1):
            Registration.objects.create(
                event=meeting,
                user=person,
                status=RegistrationStatus.CONFIRMED,
                seat=seat,
                registered_at=meeting.starts_at - timedelta(days=10),
                attended=seat != 5,  # one helper did not come
                attendance_recorded_at=meeting.ends_at,
                attendance_recorded_by=coordinator,
            )
            tally["registrations"] += 1

    created_count = sum(tally.values())
    if created_count:
        stdout.write(
            _("Événements de démonstration : %(pages)d pages, %(places)d inscriptions.")
            % {"pages": tally["pages"], "places": tally["registrations"]}
        )
    else:
        stdout.write(_("Événements de démonstration : tout existe déjà."))
    return created_count
