"""The coordination's reads: the queue with its clocks (R-P4), a request's routings, and the
helpers to offer it to (R-C9, R-A1, R-G1)."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q

from accreditation.selectors import not_working_q
from members import privacy, roles
from members.models import HelperProfile, Skill, normalise_skill

from .. import permissions
from ..clocks import acknowledgement_state
from ..models import HelpRequest, Routing, RoutingStatus
from ..network_settings import current_settings


def coordination_queue(*, now=None):
    """Open requests, urgent first then oldest, each with its acknowledgement clock (R-P4).

    `.clock`: "green" | "amber" | "red" | None (acknowledged); `.due_at`: the deadline while
    the clock runs, else None; `.live_routings`: how many helpers hold an offer or took it.
    Three queries whatever the number of requests.
    """
    settings = current_settings()
    requests = list(
        HelpRequest.objects.filter(status__in=permissions.OPEN)
        .select_related("theme", "organisation", "requester", "requester__profile")
        .annotate(
            live_routings=Count("routings", filter=Q(routings__status__in=permissions.LIVE_ROUTING))
        )
        .order_by("-urgent", "submitted_at", "pk")
    )
    for request in requests:
        request.clock = acknowledgement_state(request, now, settings=settings)
        request.due_at = request.acknowledge_by if request.clock else None
    return requests


def routings_of(request):
    """Every routing of the request, with its helper (coordination page)."""
    return list(
        Routing.objects.filter(request_id=request.pk)
        .select_related("helper", "helper__profile", "routed_by")
        .order_by("routed_at", "pk")
    )


def suggested_helpers(request, viewer=None):
    """Helpers to offer the request to, best first: those working on its theme, then those
    whose skills name it, then the least busy (R-C9, R-A1).

    A skill counts only where members/privacy.py lets `viewer` see the helper's skills.
    Left out: the requester, helpers who already hold an offer or took it, those who
    declined or stepped aside (R-G1), and those who may not work now (accreditation.selectors:
    paused, suspended or withdrawn, R-K14, R-K15). Each user carries `.theme_match`,
    `.skill_match` and `.load` (requests they are taking now). Two queries whatever the number
    of helpers.
    """
    User = get_user_model()
    already = Routing.objects.filter(
        request_id=request.pk,
        status__in=[
            RoutingStatus.OFFERED,
            RoutingStatus.ACCEPTED,
            RoutingStatus.DECLINED,
            RoutingStatus.STEPPED_ASIDE,
        ],
    ).values("helper_id")
    theme_match = Exists(
        HelperProfile.themes.through.objects.filter(
            helperprofile__user_id=OuterRef("pk"), theme_id=request.theme_id
        )
    )
    theme_name = request.theme.name if request.theme_id else ""
    skill_match = Exists(
        Skill.objects.filter(
            privacy.visible_q(viewer, "skills", prefix="profile__"),
            profile__user_id=OuterRef("pk"),
            normalised=normalise_skill(theme_name),
        )
    )
    queryset = (
        User.objects.filter(groups__name=roles.HELPERS, is_active=True)
        .exclude(not_working_q())  # paused, suspended or withdrawn (issue #19)
        .exclude(pk=request.requester_id or 0)
        .exclude(pk__in=already)
        .annotate(
            theme_match=theme_match,
            skill_match=skill_match,
            load=Count(
                "help_routings",
                filter=Q(
                    help_routings__status=RoutingStatus.ACCEPTED,
                    help_routings__request__status__in=permissions.OPEN,
                ),
                distinct=True,
            ),
        )
        .select_related("helper_profile", "profile")
        .order_by("-theme_match", "-skill_match", "load", "last_name", "first_name", "pk")
        .distinct()
    )
    return list(queryset)
