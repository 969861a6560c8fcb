"""Asking for help (R-C1, R-P2, R-G3) and withdrawing a request (R-C4)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models import Theme
from members import roles
from members.models import Organisation

from .. import access, permissions
from ..errors import RequestError
from ..models import Channel, HelpRequest, Status
from ..network_settings import current_settings
from . import common

FIELD_LABELS = {
    "subject": _("Objet"),
    "description": _("Description"),
    "since": _("Depuis quand"),
    "needed_by": _("Réponse souhaitée avant le"),
    "job_title": _("Fonction"),
}


def _field_max(name):
    return HelpRequest._meta.get_field(name).max_length


def _theme(value):
    if isinstance(value, Theme):
        return value
    if value in (None, ""):
        raise RequestError(_("Choisissez un thème."), code="theme")
    theme = Theme.objects.filter(pk=value).first() if str(value).isdigit() else None
    if theme is None:
        theme = Theme.objects.filter(slug=str(value)).first()
    if theme is None:
        raise RequestError(_("Ce thème n’existe pas."), code="theme")
    return theme


def _organisation(value):
    if value in (None, "") or isinstance(value, Organisation):
        return value or None
    organisation = Organisation.objects.filter(pk=value).first() if str(value).isdigit() else None
    if organisation is None:
        raise RequestError(_("Cette organisation n’existe pas."), code="organisation")
    return organisation


def clean_request_data(data, *, settings):
    """The fields of a request, checked (R-C1: concise and situated in time)."""
    channel = data.get("channel") or Channel.PHONE
    if channel not in Channel.values:
        raise RequestError(_("Choisissez un moyen de contact proposé."), code="channel")
    return {
        "theme": _theme(data.get("theme")),
        "subject": common.clean_text(
            data.get("subject"), label=FIELD_LABELS["subject"], max_length=_field_max("subject")
        ),
        "description": common.clean_text(
            data.get("description"),
            label=FIELD_LABELS["description"],
            max_length=settings.description_max_length,
        ),
        "since": common.clean_text(
            data.get("since"),
            label=FIELD_LABELS["since"],
            max_length=_field_max("since"),
            required=False,
        ),
        "needed_by": common.clean_future_date(
            data.get("needed_by"), label=FIELD_LABELS["needed_by"], required=False
        ),
        "urgent": bool(data.get("urgent")),
        "channel": channel,
        "callback_phone": common.clean_phone(
            data.get("callback_phone"), required=channel == Channel.PHONE
        ),
        "job_title": common.clean_text(
            data.get("job_title"),
            label=FIELD_LABELS["job_title"],
            max_length=_field_max("job_title"),
            required=False,
        ),
        "organisation": _organisation(data.get("organisation")),
        "on_behalf_of_client": bool(data.get("on_behalf_of_client")),
        "offers_wanted": bool(data.get("offers_wanted")),
    }


def submit_request(*, by, data, on_behalf_of=None):
    """A member asks for help (R-C1, R-P2), or a coordinator records a request for a member who
    phoned or wrote (R-G3). The 48-hour clock starts now (R-P4); every coordinator is told.
    """
    if on_behalf_of is not None and on_behalf_of != by:
        if not permissions.may_record_for_someone(by):
            raise RequestError(
                _("Seule la coordination peut saisir une demande pour quelqu’un."), code="role"
            )
        if not roles.has_role(on_behalf_of, roles.MEMBERS) or not on_behalf_of.is_active:
            raise RequestError(
                _("La demande ne peut être saisie que pour un·e membre du réseau."), code="role"
            )
        requester, role = on_behalf_of, permissions.COORDINATOR
    else:
        if not permissions.may_submit(by):
            raise RequestError(_("Seul·es les membres peuvent demander de l’aide."), code="role")
        requester, role = by, permissions.MEMBER

    settings = current_settings()
    fields = clean_request_data(data, settings=settings)
    now = timezone.now()
    with transaction.atomic():
        request = HelpRequest(
            requester=requester,
            recorded_by=by if role == permissions.COORDINATOR else None,
            submitted_at=now,
            acknowledge_by=now + timedelta(hours=settings.acknowledgement_hours),
            status=Status.SUBMITTED,
            version=0,
            **fields,
        )
        request.save()
        common.record(
            request,
            action="record_for" if role == permissions.COORDINATOR else "submit",
            from_status="",
            actor=by,
            role=role,
            now=now,
        )
        request.save(update_fields=["version"])
        access.grant_requester(request)

        if request.urgent:
            subject = _("Nouvelle demande d’aide urgente")
            message = _("Une nouvelle demande d’aide urgente attend d’être prise en compte.")
        else:
            subject = _("Nouvelle demande d’aide")
            message = _("Une nouvelle demande d’aide attend d’être prise en compte.")
        common.tell_coordinators(request, subject=subject, message=message, exclude=by)
        if role == permissions.COORDINATOR:
            common.tell_member(
                request,
                subject=_("Une demande a été enregistrée pour vous"),
                message=_(
                    "La coordination a enregistré une demande d’aide pour vous. Vous pouvez la "
                    "suivre dans votre espace."
                ),
            )
        else:
            common.tell_member(
                request,
                subject=_("Votre demande est envoyée"),
                message=_(
                    "Votre demande d’aide est bien arrivée. La coordination la prendra en compte "
                    "sous %(hours)s heures au plus."
                )
                % {"hours": settings.acknowledgement_hours},
            )
    return request


@transaction.atomic
def withdraw_request(*, request, by, version=None, note=""):
    """R-C4: the member says the problem is solved or gone, so that nobody keeps working on it.

    Offers still open are withdrawn and the helper who took it is released; they and the
    coordinators are told, without any content. The system (by=None) withdraws the open
    requests of a deleted account (R-C8).
    """
    request = common.lock(request)
    role = permissions.check("withdraw", request, by)
    common.check_version(request, version)
    note = common.clean_text(
        note, label=_("Note"), max_length=common.NOTE_MAX_LENGTH, required=False
    )
    now = timezone.now()
    request.finished_at = now
    common.move(
        request,
        action="withdraw",
        to_status=Status.WITHDRAWN,
        actor=by,
        role=role,
        note=note,
        now=now,
        fields=["finished_at"],
    )
    helpers = common.end_routings(request, now=now, action="withdraw", by=by)
    common.tell_coordinators(
        request,
        subject=_("Une demande a été retirée"),
        message=_("Une demande d’aide a été retirée à la suppression d’un compte.")
        if role == permissions.SYSTEM
        else _("Un·e membre a retiré sa demande d’aide : personne n’a plus à y travailler."),
    )
    common.tell_helpers(
        request,
        helpers,
        subject=_("Une demande a été retirée"),
        message=_(
            "Une demande qui vous était confiée a été retirée : vous n’avez plus à y travailler."
        ),
    )
    return request
