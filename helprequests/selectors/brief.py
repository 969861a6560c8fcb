"""The pseudonymous brief of a request, what a helper may know of it (R-C9): never who asked,
nor how to reach them."""

from dataclasses import dataclass
from datetime import date, datetime

from django.http import Http404

from members.selectors import organisation_label as _organisation_label

from .. import access
from ..models import Status
from .records import alert_procedure_of
from .requests import is_coordinator


@dataclass(frozen=True)
class OrganisationPolicy:
    context: str
    max_sessions: int


@dataclass(frozen=True)
class Brief:
    """What a helper may know of a request (R-C9): never who asked, nor how to reach them."""

    public_id: object
    reference: str
    status: str
    status_label: str
    theme: str
    subject: str
    description: str
    since: str
    needed_by: date | None
    promised_by: date | None
    urgent: bool
    channel: str
    channel_label: str
    on_behalf_of_client: bool
    submitted_at: datetime
    organisation_label: str
    organisation_policy: OrganisationPolicy | None
    alert_procedure: str
    alert_raised: bool


def brief_of(request, viewer):
    """The pseudonymous brief of a request for a helper with view_brief, or a coordinator."""
    if not (is_coordinator(viewer) or access.VIEW_BRIEF in access.held(viewer, request)):
        raise Http404
    organisation = request.organisation
    policy = None
    label = ""
    if organisation is not None:
        label = str(_organisation_label(organisation, viewer))
        policy = OrganisationPolicy(
            context=organisation.context,
            max_sessions=organisation.max_sessions_per_person,
        )
    return Brief(
        public_id=request.public_id,
        reference=request.reference,
        status=request.status,
        status_label=str(Status(request.status).label),
        theme=request.theme.name if request.theme_id else "",
        subject=request.subject,
        description=request.description,
        since=request.since,
        needed_by=request.needed_by,
        promised_by=request.promised_by,
        urgent=request.urgent,
        channel=request.channel,
        channel_label=str(request.get_channel_display()),
        on_behalf_of_client=request.on_behalf_of_client,
        submitted_at=request.submitted_at,
        organisation_label=label,
        organisation_policy=policy,
        alert_procedure=str(alert_procedure_of(request)),
        alert_raised=request.alert_raised,
    )
