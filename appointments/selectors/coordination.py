"""The coordination's reads: every session with filters, and the helpers to filter by (R-A6)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q

from members import roles

from .. import slots
from ..models import (
    Session,
)

# --- Coordination ------------------------------------------------------------------------------


def sessions_for_coordination(*, status=None, helper=None, day=None):
    """Every session, soonest first, narrowed by the filters (one query, whatever the size)."""
    queryset = Session.objects.select_related("request").order_by("starts_at", "pk")
    if status:
        queryset = queryset.filter(status=status)
    if helper:
        queryset = queryset.filter(Q(helper_id=helper) | Q(co_helper_id=helper))
    if day:
        first = slots.local_moment(day, slots.datetime.min.time())
        queryset = queryset.filter(starts_at__gte=first, starts_at__lt=first + timedelta(days=1))
    return queryset


COORDINATION_PAGE_SIZE = 50


def coordination_page(viewer, *, status=None, helper=None, day=None, page=1):
    """One page of the coordination's list, each session with `.helper_name` (and
    `.co_helper_name` for a pair's session, R-P3) as members.privacy names them to this viewer
    (a fixed number of queries)."""
    from django.core.paginator import Paginator

    from members import privacy

    queryset = sessions_for_coordination(status=status, helper=helper, day=day).select_related(
        "helper__profile", "co_helper__profile"
    )
    paginated = Paginator(queryset, COORDINATION_PAGE_SIZE).get_page(page)
    for session in paginated.object_list:
        session.helper_name, session.co_helper_name = (
            privacy.person_for(viewer, person, context=privacy.LISTING).name if person else ""
            for person in (session.helper, session.co_helper)
        )
    return paginated


def helper_choices(viewer):
    """(id, name) of every helper, named as members.privacy names them to the viewer."""
    from members import privacy

    return [
        (user.pk, privacy.person_for(viewer, user, context=privacy.LISTING).name)
        for user in get_user_model()
        .objects.filter(groups__name=roles.HELPERS, is_active=True)
        .select_related("profile")
        .distinct()
        .order_by("pk")
    ]
