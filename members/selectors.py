"""Reads of people for one viewer (STYLE.md: selectors). Every filter goes through members.privacy.

A directory search or filter only ever reaches a field through `privacy.search_q` /
`privacy.filter_q`, so a field hidden from the viewer can be neither found nor filtered on
(R-C7, issue #4 item 4).
"""

import uuid

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import privacy, roles
from .models import (
    ConfidentialityLevel,
    HelperProfile,
    MembershipStatus,
    Organisation,
    Profile,
    User,
    normalise_skill,
)

DIRECTORY_ORDERING = ("-created_at", "-pk")


def active_profiles():
    """Profiles of people who completed joining and still have a working account."""
    return Profile.objects.filter(status=MembershipStatus.ACTIVE, user__is_active=True)


def _matching(condition):
    """Profiles matching `condition`, without the duplicates that many-to-many joins create."""
    return Q(pk__in=Profile.objects.filter(condition).values("pk"))


def _as_uuid(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def directory_for(viewer, *, query="", theme="", organisation="", skill=""):
    """R-C11: the members' directory as `viewer` may search it.

    Ordered by arrival in the network rather than by name, so that the order of the list does not
    give away a name the person chose to hide.
    """
    queryset = active_profiles()
    query = (query or "").strip()
    if query:
        queryset = queryset.filter(_matching(privacy.search_q(viewer, query)))
    if theme:
        queryset = queryset.filter(_matching(privacy.filter_q(viewer, "theme", theme)))
    if organisation:
        public_id = _as_uuid(organisation)
        if not organisations_named_to(viewer).filter(public_id=public_id).exists():
            return Profile.objects.none()
        queryset = queryset.filter(_matching(privacy.filter_q(viewer, "organisation", public_id)))
    if skill:
        skill = normalise_skill(skill)
        queryset = queryset.filter(_matching(privacy.filter_q(viewer, "skill", skill)))
    return privacy.profiles_prefetched(queryset.order_by(*DIRECTORY_ORDERING))


def members_found_by_coordination(viewer, query):
    """Active members with `query` in any item this coordinator may read, hidden ones included:
    the search that finds who phoned or wrote, to record their request. Whoever shows these
    profiles logs each one it shows (R-C8), as opening a profile does."""
    if not roles.has_role(viewer, roles.COORDINATORS):
        return Profile.objects.none()
    condition = privacy.search_q(viewer, (query or "").strip(), listing=False)
    queryset = active_profiles().filter(_matching(condition))
    return privacy.profiles_prefetched(queryset.order_by(*DIRECTORY_ORDERING))


def profile_for(viewer, public_id):
    """The profile behind a directory link, or None when this viewer may not open it
    (privacy.may_open: active members are open to every member; coordinators also reach people
    still joining)."""
    profile = privacy.profiles_prefetched(Profile.objects.filter(user__public_id=public_id)).first()
    if profile is None or not privacy.may_open(viewer, profile):
        return None
    return profile


def own_profile(user):
    """The profile of `user`, or None before joining created one."""
    return privacy.profiles_prefetched(Profile.objects.filter(user=user)).first()


def organisations_to_pick(current=None):
    """Organisations a member may choose: the active ones, and the one they already belong to."""
    condition = Q(is_active=True)
    if current is not None:
        condition |= Q(pk=current.pk)
    return Organisation.objects.filter(condition).order_by("name")


# --- Helpers and organisations (R-A1, R-K6) --------------------------------------------------


def helper_profile_of(user):
    """The helper's own profile with what its page shows, or None before they fill it in."""
    return (
        HelperProfile.objects.select_related(
            "qualifications_verified_by", "qualifications_verified_by__profile"
        )
        .prefetch_related("themes")
        .filter(user=user)
        .first()
    )


def helpers_for_coordination():
    """Everyone in the Aidants group, with their profiles, themes and verifier: a fixed number
    of queries whatever the number of helpers."""
    return (
        User.objects.filter(groups__name=roles.HELPERS)
        .select_related(
            "profile",
            "helper_profile",
            "helper_profile__qualifications_verified_by",
            "helper_profile__qualifications_verified_by__profile",
        )
        .prefetch_related("helper_profile__themes")
        .order_by("last_name", "first_name", "pk")
        .distinct()
    )


def organisations_for_helpers():
    """The organisations helpers work for (R-A1): the active ones, with the themes offered."""
    return Organisation.objects.filter(is_active=True).prefetch_related("themes")


def _names_kept_from(viewer):
    """Whether the confidentiality level agreed with an organisation (R-A1, R-A11) applies to
    this viewer: it keeps the name from helpers; coordinators always know it."""
    return roles.has_role(viewer, roles.HELPERS) and not roles.has_role(viewer, roles.COORDINATORS)


DEFAULT_ALERT_PROCEDURE = _(
    "Aucune procédure particulière n’est convenue avec l’organisation : en cas de danger "
    "immédiat, appelez les secours (15, 17, 18 ou 112), puis prévenez la coordination, qui "
    "décide avec vous des suites à donner."
)


def alert_procedure_of(organisation):
    """R-A1, R-A12: the organisation's alert procedure, or the network's default one (also when
    no organisation is named). The one text every page shows."""
    if organisation is not None and organisation.alert_procedure.strip():
        return organisation.alert_procedure
    return DEFAULT_ALERT_PROCEDURE


def organisation_label(organisation, viewer):
    """How to name an organisation on the pages of helpers and coordinators.

    Where the agreed level keeps the name from helpers, anyone but a coordinator sees its kind
    and its reference, a random code that shares nothing with its public id or anything else
    they can read.
    """
    if organisation.name_visible_to_helpers or roles.has_role(viewer, roles.COORDINATORS):
        return organisation.name
    return _("%(kind)s · nom confidentiel (réf. %(ref)s)") % {
        "kind": organisation.get_kind_display(),
        "ref": organisation.reference,
    }


def organisations_named_to(viewer):
    """The active organisations a list may name to this viewer, with their public ids: the
    directory's organisation filter. A helper gets only those whose agreed level lets helpers
    know the name; pairing a name with an id here would undo the reference of organisation_label.
    """
    queryset = Organisation.objects.filter(is_active=True)
    if _names_kept_from(viewer):
        queryset = queryset.filter(confidentiality_level=ConfidentialityLevel.NAME_SHOWN)
    return queryset.order_by("name")
