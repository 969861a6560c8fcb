"""THE decision of what a viewer may see of a profile (R-C7, R-C9, R-C10, R-C11).

Every surface that shows or searches people goes through this module: the profile page, the
directory and its search and filters, the "Ma confidentialité" previews, the data export, the
forum author card, the help requests' pages, e-mails and every later feature. A field a viewer
may not see is neither shown nor searchable nor filterable for that viewer. Add a surface: call
`person_for` to name a person, show their card or their contact, and know whether the viewer may
open their profile; `visible_fields`, `search_q` or `filter_q` for the items themselves; never
read a `*_visibility` column, a name or a phone number anywhere else.
"""

import dataclasses
from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import roles
from .models import MembershipStatus, Profile, Visibility

ALL_LEVELS = frozenset(Visibility.values)
MEMBER_LEVELS = frozenset({Visibility.MEMBERS, Visibility.PUBLIC})
PUBLIC_LEVELS = frozenset({Visibility.PUBLIC})


@dataclass(frozen=True)
class ProfileField:
    key: str
    label: str
    public_allowed: bool
    search_lookups: tuple = ()

    @property
    def visibility_attr(self):
        return f"{self.key}_visibility"

    def value(self, profile):
        user = profile.user
        if self.key == "name":
            return user.get_full_name()
        if self.key == "email":
            return user.email
        if self.key == "organisation":
            return profile.organisation.name if profile.organisation_id else ""
        if self.key in ("skills", "themes"):
            return [item.name for item in getattr(profile, self.key).all()]
        return getattr(profile, self.key)


FIELDS = (
    ProfileField("display_name", _("Nom affiché"), True, ("display_name__icontains",)),
    ProfileField(
        "name", _("Nom"), False, ("user__first_name__icontains", "user__last_name__icontains")
    ),
    ProfileField("email", _("E-mail"), False, ("user__email__icontains",)),
    ProfileField("phone", _("Téléphone"), False, ("phone__icontains",)),
    ProfileField("job_title", _("Fonction"), False, ("job_title__icontains",)),
    ProfileField("organisation", _("Organisation"), False, ("organisation__name__icontains",)),
    ProfileField("postal_address", _("Adresse postale"), False, ()),
    ProfileField("skills", _("Compétences"), True, ("skills__name__icontains",)),
    ProfileField("themes", _("Thèmes"), False, ("themes__name__icontains",)),
    ProfileField("hobbies", _("Centres d’intérêt"), False, ("hobbies__icontains",)),
    ProfileField("particularities", _("Particularités"), False, ()),
    ProfileField("bio", _("Présentation"), True, ("bio__icontains",)),
)
FIELDS_BY_KEY = {field.key: field for field in FIELDS}

# The filters of the directory, and the field each one reads.
FILTERS = {
    "organisation": ("organisation", "organisation__public_id"),
    "theme": ("themes", "themes__slug"),
    "skill": ("skills", "skills__normalised"),
}


def allowed_choices(field):
    """The visibility values a member may choose for a field (public only where it makes sense)."""
    if field.public_allowed:
        return list(Visibility.choices)
    return [(value, label) for value, label in Visibility.choices if value != Visibility.PUBLIC]


def viewer_levels(viewer):
    """The visibility values whose fields this viewer may see on someone else's profile."""
    if viewer is None or not viewer.is_authenticated:
        return PUBLIC_LEVELS
    if roles.has_role(viewer, roles.COORDINATORS):
        return ALL_LEVELS
    if roles.has_role(viewer, roles.MEMBERS):
        return MEMBER_LEVELS
    return PUBLIC_LEVELS


def listing_levels(viewer):
    """The visibility values a list of people (directory cards, its search and filters, forum
    author cards) may show this viewer: at most what members see (R-C8). Coordinators read what
    a member kept for them on the full profile only, where each opening is logged; a list that
    showed it would be an unlogged look at many people at once."""
    return viewer_levels(viewer) & MEMBER_LEVELS


def _levels_for(viewer, profile, listing=False):
    return _levels_for_account(viewer, profile.user_id, listing)


def _levels_for_account(viewer, user_id, listing=False):
    if viewer is not None and viewer.is_authenticated and viewer.pk == user_id:
        return ALL_LEVELS
    return listing_levels(viewer) if listing else viewer_levels(viewer)


@dataclass(frozen=True)
class VisibleField:
    key: str
    label: str
    value: object
    visibility: str


def _fields_at(levels, profile, include_empty=False):
    shown = []
    for item in FIELDS:
        visibility = getattr(profile, item.visibility_attr)
        if visibility not in levels:
            continue
        value = item.value(profile)
        if value or include_empty:
            shown.append(VisibleField(item.key, item.label, value, visibility))
    return shown


def visible_fields(viewer, profile, include_empty=False, *, listing=False):
    """The fields of `profile` that `viewer` may see, in display order, with their values
    (`listing`: as one entry of a list of people, see listing_levels)."""
    return _fields_at(_levels_for(viewer, profile, listing), profile, include_empty)


def _audience_levels(audience):
    return MEMBER_LEVELS if audience == Visibility.MEMBERS else PUBLIC_LEVELS


def preview_as(profile, audience):
    """What another member (audience="members") or a visitor ("public") would see."""
    return _fields_at(_audience_levels(audience), profile)


def search_q(viewer, text, *, listing=True):
    """A Q matching profiles where `text` appears in a field this viewer may see (in a list of
    people unless `listing` is False, for a caller that logs what it shows)."""
    levels = listing_levels(viewer) if listing else viewer_levels(viewer)
    condition = Q(pk__in=[])
    for field in FIELDS:
        for lookup in field.search_lookups:
            condition |= Q(**{f"{field.visibility_attr}__in": levels, lookup: text})
    return condition


def filter_q(viewer, name, value):
    """A Q for one directory filter, matching only where the filtered field is visible in a
    list of people."""
    key, lookup = FILTERS[name]
    field = FIELDS_BY_KEY[key]
    return Q(**{f"{field.visibility_attr}__in": listing_levels(viewer), lookup: value})


def visible_q(viewer, key, prefix=""):
    """A Q keeping profiles whose item `key` this viewer may see (`prefix` leads from another
    model to the profile, e.g. "content_object__")."""
    field = FIELDS_BY_KEY[key]
    return Q(**{f"{prefix}{field.visibility_attr}__in": viewer_levels(viewer)})


def profiles_prefetched(queryset=None):
    """Profiles with what visible_fields reads, loaded in a fixed number of queries."""
    queryset = Profile.objects.all() if queryset is None else queryset
    return queryset.select_related("user", "organisation").prefetch_related("skills", "themes")


# --- Presenters: one answer per question about a person --------------------------------------

# Which name a page asks for. LISTING: one entry of a list of people (listing_levels, R-C8).
# PROFILE: the person on a page of their own or beside what they did. IDENTIFY: the coordination's
# work tools that must know who someone is (joining, the log of openings, a request's thread and
# history): the real name first, where the viewer may read it.
LISTING = "listing"
PROFILE = "profile"
IDENTIFY = "identify"
NAME_ORDER = {
    LISTING: ("display_name", "name"),
    PROFILE: ("display_name", "name"),
    IDENTIFY: ("name", "display_name"),
}

# The items of a person's card, shown beside what they wrote, when the viewer may see them; the
# rest stays on the profile page.
CARD_FIELDS = ("job_title", "organisation", "skills", "bio")

NEUTRAL_NAME = _("Membre du réseau")
FORMER_MEMBER_NAME = _("Ancien membre")


def may_open(viewer, profile):
    """Whether the profile behind a directory link opens to `viewer` (R-C11): active members'
    profiles (a working account), and their own; coordinators reach people still joining too.
    `members.selectors.profile_for` applies it to a link; `Person.may_open` adds that the page
    is for members only."""
    if (
        viewer is not None
        and viewer.is_authenticated
        and (viewer.pk == profile.user_id or roles.has_role(viewer, roles.COORDINATORS))
    ):
        return True
    return profile.status == MembershipStatus.ACTIVE and profile.user.is_active


@dataclass(frozen=True)
class ContactEntry:
    """How to reach a person: given only where the consent rule holds (R-C10). `name` is the
    name the pages show beside what the person wrote, never a second one."""

    name: str
    email: str
    phone: str
    channel_label: str = ""


@dataclass(frozen=True)
class Person:
    """A person as one viewer may know them: how to name them, their card, their contact (when
    the consent rule holds) and whether the viewer may open their full profile (`link`: the
    public id for that link, else None). `neutral`: the name is a neutral label ("Membre du
    réseau", "Ancien membre"), not theirs.

    The card and `may_open` are worked out when a page reads them, so a page that only names
    people pays for nothing else."""

    name: str
    public_id: object = None
    neutral: bool = False
    contact: ContactEntry | None = None
    profile: Profile | None = dataclasses.field(default=None, repr=False, compare=False)
    levels: frozenset = dataclasses.field(default=frozenset(), repr=False, compare=False)
    viewer: object = dataclasses.field(default=None, repr=False, compare=False)

    @cached_property
    def card(self):
        if self.profile is None:
            return ()
        return tuple(
            item for item in _fields_at(self.levels, self.profile) if item.key in CARD_FIELDS
        )

    @cached_property
    def may_open(self):
        viewer, profile = self.viewer, self.profile
        if profile is None or viewer is None or not roles.has_role(viewer, roles.MEMBERS):
            return False
        return may_open(viewer, profile)

    @property
    def link(self):
        return self.public_id if self.may_open else None

    @property
    def known_name(self):
        """The name, or "" when it is only a neutral label: for a page that has its own words
        for that case ("la coordination", "Aidant·e sans nom")."""
        return "" if self.neutral else self.name


def _account(who):
    """The user and profile of a Profile or a User (profile None when they have none yet)."""
    if who is None:
        return None, None
    if isinstance(who, Profile):
        return who.user, who
    try:
        return who, who.profile
    except ObjectDoesNotExist:
        return who, None


def _name_at(levels, user, profile, order):
    """The first name item `levels` may read, in `order`; None when none is both visible and
    filled. Someone without a profile has made no choice yet: their name is kept for the
    coordination, as the most protective choice would."""
    for key in order:
        item = FIELDS_BY_KEY[key]
        if profile is None:
            visible = key == "name" and Visibility.COORDINATORS in levels
            value = user.get_full_name() if visible else ""
        else:
            visible = getattr(profile, item.visibility_attr) in levels
            value = item.value(profile) if visible else ""
        if value:
            return value
    return None


def _present(levels, user, profile, *, order, viewer=None, contact=None):
    if user is None or user.is_erased:
        return Person(name=str(FORMER_MEMBER_NAME), neutral=True)
    name = _name_at(levels, user, profile, order)
    neutral = name is None
    name = str(NEUTRAL_NAME) if neutral else name
    if contact is not None:
        phone, channel_label = contact
        contact = ContactEntry(
            name=name,
            email=user.email,
            phone=phone or (profile.phone if profile is not None else ""),
            channel_label=str(channel_label),
        )
    return Person(
        name=name,
        public_id=user.public_id,
        neutral=neutral,
        contact=contact,
        profile=profile,
        levels=levels,
        viewer=viewer,
    )


def person_for(viewer, who, *, context=PROFILE, contact_shared=False, phone="", channel_label=""):
    """THE answer to "how does this page show this person to this viewer?" (R-C7, R-C10).

    `who`: a Profile or a User (None: a deleted account, "Ancien membre"; someone without a
    profile yet is named only to the coordination). `context`: LISTING, PROFILE or IDENTIFY
    (see NAME_ORDER). The contact entry is given only when the caller states that the consent
    rule holds (`contact_shared`: a routing with both consents, R-C10); it names the person as
    the page does, with their e-mail and `phone` (the number chosen for this exchange, e.g. a
    request's call-back number) or else their profile's.
    """
    user, profile = _account(who)
    levels = _levels_for_account(viewer, getattr(user, "pk", None), context == LISTING)
    return _present(
        levels,
        user,
        profile,
        order=NAME_ORDER[context],
        viewer=viewer,
        contact=(phone, channel_label) if contact_shared else None,
    )


def person_as(profile, audience):
    """The person as an audience would see them ("members" or "public"), for the previews of
    "Ma confidentialité": the levels of preview_as."""
    user = profile.user if profile is not None else None
    if user is None:
        return Person(name=str(NEUTRAL_NAME), neutral=True)
    return _present(_audience_levels(audience), user, profile, order=NAME_ORDER[PROFILE])
