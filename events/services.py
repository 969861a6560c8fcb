"""Every state change of a place at an event (STYLE.md: one function per action).

CONTRACT: each function runs in a transaction, locks the event row (SELECT … FOR UPDATE) before
counting seats, checks the actor's right (events.permissions) and the dates, and raises
events.errors.EventError with a French message when it refuses; nothing is changed then. Mail goes
through portal.notifications.notify (a fixed sentence and a link, sent after commit).

  register(*, event, by, now=None) -> Registration          a seat, else the waiting list
  cancel(*, registration, by, now=None) -> Registration     one's own place; the first waiting
                                                           person is promoted and told
  fill_free_seats(*, event, now=None) -> int               promote while seats are free (worker)
  record_attendance(*, event, by, attended, now=None) -> int    coordinators, once it started
  remind_helpers(*, by, year=None) -> int                  helpers missing a yearly event

Seats cannot be over-booked even when many people click at the same instant: registrations of
one event are serialised by the row lock, and a unique (event, seat) constraint refuses a second
person on a seat if anything ever slipped past it (R-C14).
"""

import logging

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.notifications import notify

from . import permissions, selectors
from .errors import EventError
from .models import EventPage, Registration, RegistrationStatus

logger = logging.getLogger("events")

OTHER_AUDIENCE = _(
    "Cet événement est réservé à un autre public : l’inscription ne vous est pas ouverte."
)


def _lock(event_pk):
    """The event, re-read under a row lock on its own table (not Wagtail's page row)."""
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event_pk)


def _free_seats(event):
    taken = set(
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).values_list(
            "seat", flat=True
        )
    )
    return [seat for seat in range(1, event.seats + 1) if seat not in taken]


def _next_position(event):
    last = Registration.objects.filter(event=event).aggregate(last=Max("position"))["last"]
    return (last or 0) + 1


def register(*, event, by, now=None):
    """Take a seat, or the next place in the waiting list when the event is full."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock(event.pk)
        if not event.live:
            raise EventError(_("Cet événement n’est plus publié."))
        if not permissions.may_register(by, event):
            raise EventError(OTHER_AUDIENCE)
        if now >= event.starts_at:
            raise EventError(_("Cet événement a déjà commencé : les inscriptions sont closes."))
        if now >= event.closes_at:
            raise EventError(_("La date limite d’inscription est passée."))
        registration = Registration.objects.select_for_update().filter(event=event, user=by).first()
        if registration is not None and registration.status == RegistrationStatus.CONFIRMED:
            raise EventError(_("Vous êtes déjà inscrit·e à cet événement."))
        if registration is not None and registration.status == RegistrationStatus.WAITING:
            raise EventError(_("Vous êtes déjà en liste d’attente pour cet événement."))
        if registration is None:
            registration = Registration(event=event, user=by)
        free = _free_seats(event)
        registration.registered_at = now
        registration.cancelled_at = None
        registration.promoted_at = None
        if free:
            registration.status = RegistrationStatus.CONFIRMED
            registration.seat, registration.position = free[0], None
        else:
            registration.status = RegistrationStatus.WAITING
            registration.seat, registration.position = None, _next_position(event)
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError as error:  # only if the lock were ever bypassed
            raise EventError(_("Quelqu’un vient de prendre cette place : réessayez.")) from error
    logger.info("event %s: user %s %s", event.pk, by.pk, registration.status)
    return registration


def cancel(*, registration, by, now=None):
    """Give one's place back; a freed seat goes to the first person waiting, who is told."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock(registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.user_id != by.pk:
            raise EventError(_("Cette place n’est pas la vôtre : vous ne pouvez pas l’annuler."))
        if registration.status == RegistrationStatus.CANCELLED:
            raise EventError(_("Cette inscription est déjà annulée."))
        if now >= event.starts_at:
            raise EventError(_("L’événement a commencé : l’inscription ne peut plus être annulée."))
        registration.status = RegistrationStatus.CANCELLED
        registration.seat = registration.position = None
        registration.cancelled_at = now
        registration.save()
        _promote(event, now)
    logger.info("event %s: registration %s cancelled", event.pk, registration.pk)
    return registration


def _promote(event, now):
    """Under the event's lock: give free seats to the waiting list, in order, and tell each."""
    if now >= event.starts_at:
        return 0
    free = _free_seats(event)
    waiting = list(
        Registration.objects.filter(event=event, status=RegistrationStatus.WAITING).order_by(
            "position"
        )[: len(free)]
    )
    for seat, registration in zip(free, waiting, strict=False):
        registration.status = RegistrationStatus.CONFIRMED
        registration.seat, registration.position = seat, None
        registration.promoted_at = now
        registration.save()
    if waiting:
        notify(
            [r.user_id for r in waiting],
            subject=_("Une place s’est libérée"),
            message=_(
                "Une place s’est libérée à un événement pour lequel vous étiez en liste "
                "d’attente : vous êtes maintenant inscrit·e. Si vous ne pouvez plus venir, "
                "annulez votre inscription pour laisser la place."
            ),
            link=event.get_url() or reverse("events:mine"),
        )
    return len(waiting)


def fill_free_seats(*, event, now=None):
    """Promote waiting people while seats are free (after an editor added seats)."""
    now = now or timezone.now()
    with transaction.atomic():
        return _promote(_lock(event.pk), now)


def record_attendance(*, event, by, attended, now=None):
    """Coordinators mark who came (R-A4, R-A9): `attended` holds the public ids of the confirmed
    registrations present; every other confirmed person is marked absent."""
    now = now or timezone.now()
    if not permissions.may_coordinate(by):
        raise EventError(_("Seule la coordination note les présences."))
    with transaction.atomic():
        event = _lock(event.pk)
        if now < event.starts_at:
            raise EventError(_("Les présences se notent une fois l’événement commencé."))
        confirmed = list(
            Registration.objects.select_for_update().filter(
                event=event, status=RegistrationStatus.CONFIRMED
            )
        )
        present = {str(value) for value in attended}
        known = {str(r.public_id) for r in confirmed}
        if not present <= known:
            raise EventError(_("Une personne cochée n’est pas inscrite à cet événement."))
        for registration in confirmed:
            registration.attended = str(registration.public_id) in present
            registration.attendance_recorded_at = now
            registration.attendance_recorded_by = by
        Registration.objects.bulk_update(
            confirmed, ["attended", "attendance_recorded_at", "attendance_recorded_by"]
        )
    logger.info("event %s: attendance recorded by user %s", event.pk, by.pk)
    return len(present)


def remind_helpers(*, by, year=None):
    """Write to every helper who has not yet attended this year's helpers' meeting or a
    presentation webinar (R-A4, R-A9). Returns how many were written to."""
    if not permissions.may_coordinate(by):
        raise EventError(_("Seule la coordination envoie ces rappels."))
    rows = selectors.helpers_missing_obligations(by, year=year)
    notify(
        [row.user for row in rows],
        subject=_("Vos rendez-vous annuels d’aidant·e"),
        message=_(
            "Chaque année, les aidant·es participent à au moins une rencontre d’échange et à un "
            "webinaire de présentation. Selon nos listes de présence, il vous en manque au "
            "moins un cette année : consultez l’agenda pour vous inscrire."
        ),
        link=reverse("events:mine"),
    )
    return len(rows)
