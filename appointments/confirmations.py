"""The e-mails that put a session in people's calendars (R-A6, R-P6, R-K9).

When a session is booked, its member and its helper each get a confirmation with the session's
`.ics` file attached (appointments.calendar_files.session_invitation) and a link to the
confidentiality charter in force (R-P6); the coordination keeps its plain notice (R-A6). When
the call details change or the session is cancelled, both get the new copy of the file: same
UID (the session's public_id), a higher SEQUENCE, STATUS:CANCELLED for a cancellation.

Everything goes through portal.notifications (by way of helprequests' `send`, so the demo's
quiet_notifications block mutes it too): the queued task holds the session's id only, and the
file is built when the message leaves, from the session as it is then. A confirmation whose
session was cancelled in between is not sent (the cancellation follows), nor is anything sent
to someone who is no longer the session's member or helper. The body stays a fixed sentence
and links: no name, nothing of the request; the call details travel only in the attached file,
to its one reader.
"""

from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from helprequests.services.common import member_link
from helprequests.services.common import send as notify
from home.models import CharterKind
from home.selectors import current_charter
from portal.notifications import Enclosure, absolute_url, register_enclosure

from . import permissions
from .calendar_files import FEED_SUMMARY, session_invitation, session_path
from .models import CANCELLED_STATUSES, Session, SessionStatus

ENCLOSURE = "appointments.session"
FILENAME = "relais-entretien.ics"
MIMETYPE = "text/calendar"

BOOKED = "booked"
CANCELLED = "cancelled"


def _enclosure(session, expect, *, charter=False):
    return {
        "name": ENCLOSURE,
        "params": {"session_id": session.pk, "expect": expect, "charter": charter},
    }


def send_confirmations(session, *, role):
    """The member and the helper (and the co-helper of a pair's slot, R-P3) of a session just
    booked each get its confirmation; `role` is
    how the person who booked stands to the request (appointments.permissions): the member
    themself, the helper offering one of their slots (R-P3, R-P4: the member reads on the
    request's page how to reach them), or the coordination."""
    enclosure = _enclosure(session, BOOKED, charter=True)
    link = session_path(session.public_id)
    notify(
        [session.helper_id],
        subject=_("Un entretien a été réservé"),
        message=(
            _("L’entretien que vous avez proposé est réservé.")
            if role == permissions.HELPER
            else _("Un entretien vient d’être réservé avec vous.")
        ),
        link=link,
        enclosure=enclosure,
    )
    if session.co_helper_id:
        # R-P3: the partner of a shared slot holds the session too.
        notify(
            [session.co_helper_id],
            subject=_("Un entretien a été réservé"),
            message=_("Un entretien vient d’être réservé avec vous."),
            link=link,
            enclosure=enclosure,
        )
    if role == permissions.HELPER and session.request_id:
        subject = _("Un entretien vous est proposé")
        message = _(
            "L’aidant·e qui a pris votre demande vous a réservé un entretien. La date, "
            "l’heure et la façon de le ou la joindre sont sur la page de votre demande ; "
            "si le moment ne vous convient pas, annulez-le depuis « Mes entretiens »."
        )
        link = member_link(session.request)
    elif role == permissions.MEMBER:
        subject = _("Votre entretien est réservé")
        message = _("Votre entretien est réservé.")
    else:
        subject = _("Un entretien a été réservé pour vous")
        message = _("La coordination a réservé un entretien pour votre demande.")
    notify([session.member_id], subject=subject, message=message, link=link, enclosure=enclosure)


def send_update(recipients, session, *, subject, message):
    """The new copy of a session's calendar entry, with a fixed sentence: new call details
    while it is booked, or its cancellation."""
    expect = CANCELLED if session.status in CANCELLED_STATUSES else BOOKED
    notify(
        recipients,
        subject=subject,
        message=message,
        link=session_path(session.public_id),
        enclosure=_enclosure(session, expect),
    )


def session_enclosure(user, *, session_id, expect, charter=False):
    """Built when the message leaves: the session's `.ics` as it is now, and the charter's link
    for a confirmation. None when the session is gone, no longer in the state the message
    speaks of, or not this person's any more."""
    session = Session.objects.filter(pk=session_id).first()
    if session is None or user.pk not in (
        session.member_id,
        session.helper_id,
        session.co_helper_id,
    ):
        return None
    cancelled = session.status in CANCELLED_STATUSES
    still_so = cancelled if expect == CANCELLED else session.status == SessionStatus.BOOKED
    if not still_so:
        return None
    details = session.remote_details
    invitation = session_invitation(
        key=str(session.public_id),
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        summary=str(FEED_SUMMARY),
        description=_t("Appel ou visio : %(details)s") % {"details": details} if details else "",
        location=details,
        url=absolute_url(session_path(session.public_id)),
        sequence=session.calendar_sequence,
        cancelled=cancelled,
    )
    if cancelled:
        attached = _t("Le fichier joint retire l’entretien de votre agenda.")
    elif charter:
        attached = _t("Le fichier joint ajoute l’entretien à votre agenda.")
    else:
        attached = _t("Le fichier joint met l’entretien à jour dans votre agenda.")
    lines = [attached, _charter_line()] if charter else [attached]
    return Enclosure(lines=lines, files=[(FILENAME, invitation, MIMETYPE)])


def _charter_line():
    """R-P6: the confidentiality charter in force, by its address; when none is published yet,
    the message says so rather than leave the line out unexplained."""
    charter = current_charter(CharterKind.CONFIDENTIALITY)
    url = charter.get_url() if charter is not None else None
    if not url:
        return _t("La charte de confidentialité n’est pas encore publiée sur le portail.")
    if url.startswith("/"):
        url = absolute_url(url)
    return _t("La charte de confidentialité en vigueur : %(url)s") % {"url": url}


register_enclosure(ENCLOSURE, session_enclosure)
