"""Who may reach a help request as its member or as a helper: django-guardian's object
permissions, and nothing else (R-C9; docs/helprequests-architecture.md says why).

The rows:
  view_helprequest  the requester, from submission until erasure (retention, account deletion);
  view_brief        a helper whose routing is offered or accepted;
  take_part         the helper whose routing is accepted (the one who took the request).

Writes. The services call `grant_requester` at submission, `follow_routing` after every change
of a routing's state (routed, accepted, declined, stepped aside, withdrawn, ended) and
`forget_request` at erasure. Nothing else assigns, removes or reads these rows.

Reads. `held(user, request)` is what the user holds on the request, read in one query and kept on
the request object for the rest of the page until any of these writes happens in the process;
`helper_standing` turns it into the routing state the permission table's rules name;
`holds(codename, user)` is the same question inside a queryset, for lists. Routing rows stay the
workflow's record (which helper, since when, their note): pages load them once access is given.
"""

from itertools import count

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from guardian.models import UserObjectPermission
from guardian.shortcuts import assign_perm, remove_perm

from .models import HelpRequest, RoutingStatus

VIEW_REQUEST = "view_helprequest"
VIEW_BRIEF = "view_brief"
TAKE_PART = "take_part"
HELPER_PERMISSIONS = (VIEW_BRIEF, TAKE_PART)

# What a helper holds for each state of their routing; any other state holds nothing.
BY_ROUTING_STATUS = {
    RoutingStatus.OFFERED: frozenset({VIEW_BRIEF}),
    RoutingStatus.ACCEPTED: frozenset({VIEW_BRIEF, TAKE_PART}),
}

_CACHE = "_held_permissions"
# Moves on at every write, so that what a request object keeps is read again after a change
# made in this process (a page that acts, then reads; a test walking a request's life).
_writes = count()
_generation = next(_writes)


def _content_type():
    return ContentType.objects.get_for_model(HelpRequest)


def _rows(request_pk):
    return UserObjectPermission.objects.filter(
        content_type=_content_type(), object_pk=str(request_pk)
    )


def _written():
    global _generation
    _generation = next(_writes)


def _perm(codename):
    return f"helprequests.{codename}"


# --- Writes ----------------------------------------------------------------------------------


def grant_requester(request):
    """The requester sees their request (from submission on, also once closed)."""
    if request.requester_id:
        assign_perm(_perm(VIEW_REQUEST), request.requester, request)
        _written()


def follow_routing(routing):
    """The helper's rows on the routing's request, derived from the routing's state: the brief
    while it is offered, the brief and the exchange once accepted, nothing once it has ended."""
    request = routing.request
    wanted = BY_ROUTING_STATUS.get(routing.status, frozenset())
    for codename in HELPER_PERMISSIONS:
        if codename in wanted:
            assign_perm(_perm(codename), routing.helper, request)
        else:
            remove_perm(_perm(codename), routing.helper, request)
    _written()


def forget_request(request):
    """Every row on the request goes (retention: the requester link is cut, no helper is left)."""
    _rows(request.pk).delete()
    _written()


# --- Reads -----------------------------------------------------------------------------------


def held(user, request):
    """The codenames `user` holds on `request`: one query, then kept on the request object.

    Superusers hold only the rows they were given (guardian's own checker would answer yes to
    everything for them), and an inactive account holds nothing.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    cache = request.__dict__.setdefault(_CACHE, {})
    kept = cache.get(user.pk)
    if kept is None or kept[0] != _generation:
        codenames = frozenset(
            _rows(request.pk).filter(user_id=user.pk).values_list("permission__codename", flat=True)
        )
        kept = cache[user.pk] = (_generation, codenames)
    return kept[1]


def helper_standing(codenames):
    """The state of a helper's routing that the rows stand for: "accepted" (take_part),
    "offered" (the brief only) or None. The permission table's `helper_routing` names these."""
    if TAKE_PART in codenames:
        return RoutingStatus.ACCEPTED
    if VIEW_BRIEF in codenames:
        return RoutingStatus.OFFERED
    return None


def holds(codename, user, *, request_ref="request_id"):
    """`user` holds `codename` on the request of each row (an Exists for a queryset's filter or
    annotation; `request_ref` names the rows' request id)."""
    return Exists(
        UserObjectPermission.objects.filter(
            content_type=_content_type(),
            permission__codename=codename,
            user_id=user.pk,
            object_pk=Cast(OuterRef(request_ref), output_field=CharField()),
        )
    )
