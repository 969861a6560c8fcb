"""What coordinators, helpers and members read of accreditation, and THE decision of who works.

`accredited_helpers()`, `not_working_q()` and `is_accredited()` are the one place that says
whether a helper may be suggested or routed a request (helprequests), publish slots, share one
or be booked (appointments). Each says the same thing: in the Aidants group, active account,
and no pause, suspension or withdrawal (R-K14, R-K15).
"""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Exists, F, Max, OuterRef, Q
from django.http import Http404
from django.utils import timezone

from helprequests.models import Routing, RoutingStatus
from members import privacy, roles

from .models import NOT_WORKING, Accreditation, Change, Complaint, TrainingEntry

# Training counts as continuing for this many days (R-A13: "no training in the last 12 months").
TRAINING_WINDOW_DAYS = 365
# The insurance reminder goes this many days before the expiry (R-K16).
INSURANCE_REMINDER_DAYS = 30


# --- THE decision ---------------------------------------------------------------------------


def not_working_q(field="pk"):
    """A Q true for users (reached through `field`, e.g. "helper_id") who are paused, suspended
    or withdrawn; `~not_working_q()` keeps those who may work."""
    return Q(
        Exists(Accreditation.objects.filter(helper_id=OuterRef(field), status__in=NOT_WORKING))
    )


def accredited_helpers():
    """Every helper who may be routed a request, publish slots or be booked now."""
    return (
        get_user_model()
        .objects.filter(groups__name=roles.HELPERS, is_active=True)
        .exclude(not_working_q())
        .distinct()
    )


def is_accredited(user):
    """True for a helper who may work now (the predicate form of `accredited_helpers`)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if not roles.has_role(user, roles.HELPERS):
        return False
    return not Accreditation.objects.filter(helper_id=user.pk, status__in=NOT_WORKING).exists()


def stopped_accreditation(helper):
    """The helper's accreditation row when it stops them working (paused, suspended, withdrawn),
    else None: what their own pages tell them (one query)."""
    return Accreditation.objects.filter(helper_id=helper.pk, status__in=NOT_WORKING).first()


# --- Reads ------------------------------------------------------------------------------------


def accreditation_of(helper):
    """The helper's row, or an unsaved accredited one (nothing changed yet)."""
    return Accreditation.objects.filter(helper=helper).first() or Accreditation(helper=helper)


def changes_of(helper):
    return Change.objects.filter(helper=helper).select_related("by", "by__profile")


def training_of(helper):
    return TrainingEntry.objects.filter(helper=helper)


def complaints_about(helper):
    """For the helper: the complaints about them, with their outcome. Who filed one is given
    only through `complainant_for_helper`, which honours the member's wish."""
    return Complaint.objects.filter(helper=helper).select_related("filed_by", "filed_by__profile")


def complainant_for_helper(complaint, helper):
    """How the helper sees who complained: nobody, when the member asked for that (R-K14)."""
    if complaint.anonymous or complaint.filed_by is None:
        return None
    return privacy.person_for(helper, complaint.filed_by)


def complaints_for_coordination():
    """Every complaint, open ones first (coordinators only: the views say so)."""
    return Complaint.objects.select_related(
        "helper", "helper__profile", "filed_by", "filed_by__profile", "request", "session"
    ).order_by("decided_at", "-filed_at", "-pk")


def complaint_for_coordination(public_id):
    complaint = complaints_for_coordination().filter(public_id=public_id).first()
    if complaint is None:
        raise Http404
    return complaint


def helper_for_coordination(public_id):
    helper = (
        get_user_model()
        .objects.filter(groups__name=roles.HELPERS, public_id=public_id)
        .select_related("profile")
        .first()
    )
    if helper is None:
        raise Http404
    return helper


# --- What a member may complain about --------------------------------------------------------

HAD_HELPER = (RoutingStatus.ACCEPTED, RoutingStatus.ENDED)


def helpers_member_had(member, *, request=None, session=None):
    """The helpers `member` had on their `request` (who took it) or `session` (its helper and
    co-helper): the only people a complaint from there may be about (R-K1)."""
    User = get_user_model()
    if session is not None:
        if session.member_id != member.pk:
            return User.objects.none()
        ids = [pk for pk in (session.helper_id, session.co_helper_id) if pk]
        return User.objects.filter(pk__in=ids).select_related("profile")
    if request is None or request.requester_id != member.pk:
        return User.objects.none()
    taken = Routing.objects.filter(request=request, status__in=HAD_HELPER).values("helper_id")
    return User.objects.filter(pk__in=taken).select_related("profile")


def complaints_filed_by(member):
    return Complaint.objects.filter(filed_by=member).select_related("helper", "helper__profile")


# --- Who is missing what -------------------------------------------------------------------


def obligations_overview(*, today=None):
    """Every helper with their status and what they lack (R-K16, R-K17, R-A13): insurance
    missing or expired, no training within TRAINING_WINDOW_DAYS, no supervisor or peer group.
    Two queries whatever the number of helpers."""
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=TRAINING_WINDOW_DAYS)
    helpers = list(
        get_user_model()
        .objects.filter(groups__name=roles.HELPERS)
        .filter(is_active=True)
        .annotate(last_training=Max("training_entries__completed_on"))
        .select_related("profile")
        .order_by("last_name", "first_name", "pk")
        .distinct()
    )
    rows = {
        row.helper_id: row
        for row in Accreditation.objects.filter(helper_id__in=[h.pk for h in helpers])
    }
    overview = []
    for helper in helpers:
        row = rows.get(helper.pk) or Accreditation(helper=helper)
        missing = []
        if not row.insurer or row.insurance_expires_on is None:
            missing.append("insurance_missing")
        elif row.insurance_expires_on < today:
            missing.append("insurance_expired")
        if helper.last_training is None or helper.last_training < since:
            missing.append("training")
        if not row.supervision:
            missing.append("supervision")
        overview.append(
            {
                "helper": helper,
                "accreditation": row,
                "missing": missing,
                "last_training": helper.last_training,
            }
        )
    return overview


def insurance_due_for_reminder(*, today=None):
    """Rows whose insurance expires within INSURANCE_REMINDER_DAYS and was not reminded for
    that date yet (a renewed insurance, with a new date, is reminded again)."""
    today = today or timezone.localdate()
    return Accreditation.objects.filter(
        helper__is_active=True,
        insurance_expires_on__isnull=False,
        insurance_expires_on__gte=today,
        insurance_expires_on__lte=today + datetime.timedelta(days=INSURANCE_REMINDER_DAYS),
    ).exclude(insurance_reminded_for=F("insurance_expires_on"))
