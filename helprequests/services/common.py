"""What every help-request service does the same way: lock, check, record, grant, tell.

Who may reach the request afterwards is written by helprequests.access alone: a service that
changes a routing's state calls `access.follow_routing` on it; one that ends a routing calls
`routing_ended` instead (end_routings below does), which also runs helprequests.handover when
the helper who took the request leaves it.

A service reads the request again under a row lock (select_for_update), so that two people acting
at once are served one after the other and the second sees the first one's change; it checks the
role and state with helprequests.permissions, compares the form's `version`, validates its input,
changes the rows, adds one Transition, and queues notifications that leave only after commit.
"""

import logging
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members import roles
from members.models.profiles import phone_validator
from portal.dates import format_date
from portal.notifications import notify

from .. import access, handover, permissions
from ..errors import RequestError
from ..models import HelpRequest, Routing, RoutingStatus, Transition

logger = logging.getLogger("helprequests")

# Whoever acted since (another person, or the same one in another tab): say only what is true.
STALE = _("Cette demande a changé depuis l’ouverture de cette page : rien n’a été enregistré.")
NOTE_MAX_LENGTH = 2000


# --- Links ----------------------------------------------------------------------------------


def member_link(request):
    return reverse("helprequests:detail", kwargs={"public_id": request.public_id})


def coordination_link(request):
    return reverse("helprequests:coord_detail", kwargs={"public_id": request.public_id})


def helper_link(request):
    return reverse("helprequests:helper_brief", kwargs={"public_id": request.public_id})


# --- Locking and checks ---------------------------------------------------------------------


def lock(request):
    """The request read again under a row lock; RequestError when it no longer exists."""
    pk = request.pk if isinstance(request, HelpRequest) else request
    try:
        return HelpRequest.objects.select_for_update().get(pk=pk)
    except HelpRequest.DoesNotExist:
        raise RequestError(_("Cette demande n’existe plus."), code="gone") from None


def lock_routing(routing):
    """The routing's request locked first (always the same order: request, then routing)."""
    request = lock(routing.request_id)
    try:
        locked = Routing.objects.select_for_update().get(pk=routing.pk, request_id=request.pk)
    except Routing.DoesNotExist:
        raise RequestError(_("Cette proposition n’existe plus."), code="gone") from None
    return request, locked


def check_version(request, version):
    """A form rendered from an older state of the request is refused (replay, two tabs)."""
    if version in (None, ""):
        return
    try:
        version = int(version)
    except (TypeError, ValueError):
        raise RequestError(STALE, code="stale") from None
    if version != request.version:
        raise RequestError(STALE, code="stale")


def clean_text(value, *, label, max_length, required=True):
    """Stripped text, refused when empty (if required) or longer than `max_length`."""
    value = (value or "").strip()
    if required and not value:
        raise RequestError(_("Le champ « %(field)s » est obligatoire.") % {"field": label})
    if len(value) > max_length:
        raise RequestError(
            _("Le champ « %(field)s » dépasse %(max)s caractères (%(length)s).")
            % {"field": label, "max": max_length, "length": len(value)},
            code="too_long",
        )
    return value


def clean_future_date(value, *, label, required=True, not_before=None):
    """A date that is today or later (and not before `not_before` when given)."""
    if value in (None, ""):
        if required:
            raise RequestError(_("Le champ « %(field)s » est obligatoire.") % {"field": label})
        return None
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            raise RequestError(
                _("La date « %(field)s » n’est pas valide.") % {"field": label}
            ) from None
    if hasattr(value, "date") and callable(value.date):
        value = value.date()
    if value < timezone.localdate():
        raise RequestError(
            _("La date « %(field)s » est déjà passée.") % {"field": label}, code="past"
        )
    if not_before is not None and value <= not_before:
        raise RequestError(
            _("La date « %(field)s » doit être postérieure au %(date)s.")
            % {"field": label, "date": format_date(not_before)},
            code="not_later",
        )
    return value


def clean_phone(value, *, required):
    """The callback number, checked by the same rule as the forms' (members' phone_validator)."""
    value = " ".join((value or "").split())
    if not value:
        if required:
            raise RequestError(
                _("Indiquez un numéro de téléphone pour être rappelé·e."), code="phone"
            )
        return ""
    try:
        phone_validator(value)
    except ValidationError as error:
        raise RequestError(phone_validator.message, code="phone") from error
    return value


# --- The record -----------------------------------------------------------------------------


def record(request, *, action, from_status, actor, role, note="", now=None):
    """One step of the history; the request's version moves on so that older forms are refused."""
    now = now or timezone.now()
    request.version += 1
    transition = Transition.objects.create(
        request=request,
        action=action,
        from_status=from_status or "",
        to_status=request.status,
        actor=actor,
        actor_role=role,
        note=note,
        at=now,
    )
    logger.info(
        "help request %s: %s (%s -> %s) by user %s as %s",
        request.pk,
        action,
        from_status or "-",
        request.status,
        getattr(actor, "pk", None),
        role,
    )
    return transition


def move(request, *, action, to_status, actor, role, note="", now=None, fields=()):
    """Change the state, save the request and record the step."""
    from_status = request.status
    request.status = to_status
    transition = record(
        request, action=action, from_status=from_status, actor=actor, role=role, note=note, now=now
    )
    request.save(update_fields=["status", "version", *fields])
    return transition


def touch(request, *, action, actor, role, note="", now=None, fields=()):
    """Record a step that keeps the state (a consent, a delay, an alert…)."""
    transition = record(
        request,
        action=action,
        from_status=request.status,
        actor=actor,
        role=role,
        note=note,
        now=now,
    )
    request.save(update_fields=["version", *fields])
    return transition


# --- Routings (R-C9) ------------------------------------------------------------------------


def end_routings(request, *, now, action, by, statuses=permissions.LIVE_ROUTING, offered_to=None):
    """End the live routings of a request (`action` by `by`); their helpers lose access
    (helprequests.access).

    Offered routings become "withdrawn", the accepted one "ended". Returns the helpers concerned.
    """
    routings = list(
        Routing.objects.select_for_update()
        .select_related("helper")
        .filter(request=request, status__in=statuses)
    )
    for routing in routings:
        routing.request = request
        was = routing.status
        if routing.status == RoutingStatus.OFFERED:
            routing.status = offered_to or RoutingStatus.WITHDRAWN
        else:
            routing.status = RoutingStatus.ENDED
        routing.responded_at = routing.responded_at or now
        routing.save(update_fields=["status", "responded_at"])
        routing_ended(routing, was=was, action=action, by=by, now=now)
    return [routing.helper for routing in routings]


def routing_ended(routing, *, was, action, by, now):
    """A routing has just left state `was` (saved): access follows it, and when it was the
    taking helper's, the apps that tie work to that helper settle it (helprequests.handover:
    appointments cancels the coming sessions), in the same transaction."""
    access.follow_routing(routing)
    if was == RoutingStatus.ACCEPTED:
        handover.helper_left(routing, action=action, by=by, now=now)


def taking_routing(request):
    """The accepted routing of the request (the helper who took it), or None."""
    return (
        Routing.objects.select_related("helper")
        .filter(request=request, status=RoutingStatus.ACCEPTED)
        .first()
    )


# --- Notifications (no content, no subject, no name) ----------------------------------------

_muted = []


class quiet_notifications:
    """Within this block the services send nothing (the demo builds its history quietly)."""

    def __enter__(self):
        _muted.append(True)

    def __exit__(self, *exc):
        _muted.pop()


def send(recipients, *, subject, message, link, enclosure=None):
    if not _muted:
        notify(recipients, subject=subject, message=message, link=link, enclosure=enclosure)


def coordinators(exclude=None):
    User = get_user_model()
    queryset = User.objects.filter(groups__name=roles.COORDINATORS, is_active=True).distinct()
    if exclude is not None:
        queryset = queryset.exclude(pk=getattr(exclude, "pk", exclude))
    return list(queryset.values_list("pk", flat=True))


def tell_member(request, *, subject, message):
    if request.requester_id:
        send([request.requester_id], subject=subject, message=message, link=member_link(request))


def tell_coordinators(request, *, subject, message, exclude=None):
    send(
        coordinators(exclude=exclude),
        subject=subject,
        message=message,
        link=coordination_link(request),
    )


def tell_helpers(request, helpers, *, subject, message):
    send(helpers, subject=subject, message=message, link=helper_link(request))
