"""Who reads which indicators (STYLE.md: one table the tests walk).

- The dashboard, its exports and the review of helpers' remarks: coordinators, in a session that
  passed their second factor (members.permissions.coordinator_required).
- An organisation's report (R-A2): coordinators (second factor passed) for every organisation;
  an organisation contact (indicators.models.OrganisationContact) for their own organisation
  only — another organisation's report answers 404, so that its existence is not given away.
"""

from django.http import Http404

from members import roles
from members.permissions import requires
from portal.access import MEMBERS

RULES = {
    "report": "coordinators (second factor passed) for every organisation; an organisation "
    "contact for their own organisation only",
}


def contact_organisation_id(user):
    """The organisation id of which `user` is the contact, or None (one query, then cached)."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_relais_contact_organisation"):
        from .models import OrganisationContact

        user._relais_contact_organisation = (
            OrganisationContact.objects.filter(user=user)
            .values_list("organisation_id", flat=True)
            .first()
        )
    return user._relais_contact_organisation


def reads_reports(user):
    return roles.has_role(user, roles.COORDINATORS) or contact_organisation_id(user) is not None


def may_read_report(request, organisation):
    """Whether the viewer of `request` may read `organisation`'s report."""
    from members.mfa import acts_with_second_factor

    user = request.user
    if roles.has_role(user, roles.COORDINATORS) and acts_with_second_factor(request):
        return True
    return contact_organisation_id(user) == organisation.pk


def check_report(request, organisation):
    """None when the viewer may read the report; otherwise the answer: a coordinator who has
    not passed their second factor is sent to it (as members.permissions does), anyone else
    gets 404."""
    if may_read_report(request, organisation):
        return None
    if roles.has_role(request.user, roles.COORDINATORS):
        from members.mfa import missing_second_factor, send_to_second_factor

        missing = missing_second_factor(request)
        if missing is not None:
            return send_to_second_factor(request, missing)
    raise Http404


def report_reader_required(view):
    """Coordinators and organisation contacts; each report view then asks check_report."""
    return requires(reads_reports, MEMBERS, RULES["report"])(view)
