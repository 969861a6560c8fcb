"""THE decision of what a viewer may see of a profile (R-C7, R-C9, R-C10, R-C11).

Every surface that shows or searches people goes through this module: the profile page, the
directory and its search and filters, the "Ma confidentialité" previews, the data export, the
forum author card, e-mails and every later feature. A field a viewer may not see is neither
shown nor searchable nor filterable for that viewer. Add a surface: call `visible_fields`,
`search_q` or `filter_q`; never read a `*_visibility` column anywhere else.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import roles
from .models import Profile, Visibility

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
    if viewer is not None and viewer.is_authenticated and viewer.pk == profile.user_id:
        return ALL_LEVELS
    return listing_levels(viewer) if listing else viewer_levels(viewer)


def can_see(viewer, profile, key):
    field = FIELDS_BY_KEY[key]
    return getattr(profile, field.visibility_attr) in _levels_for(viewer, profile)


@dataclass(frozen=True)
class VisibleField:
    key: str
    label: str
    value: object
    visibility: str


def visible_fields(viewer, profile, include_empty=False, *, listing=False):
    """The fields of `profile` that `viewer` may see, in display order, with their values
    (`listing`: as one entry of a list of people, see listing_levels)."""
    levels = _levels_for(viewer, profile, listing)
    shown = []
    for field in FIELDS:
        visibility = getattr(profile, field.visibility_attr)
        if visibility not in levels:
            continue
        value = field.value(profile)
        if value or include_empty:
            shown.append(VisibleField(field.key, field.label, value, visibility))
    return shown


def preview_as(profile, audience):
    """What another member (audience="members") or a visitor ("public") would see."""
    levels = MEMBER_LEVELS if audience == Visibility.MEMBERS else PUBLIC_LEVELS
    return [
        VisibleField(f.key, f.label, f.value(profile), getattr(profile, f.visibility_attr))
        for f in FIELDS
        if getattr(profile, f.visibility_attr) in levels and f.value(profile)
    ]


def public_name(viewer, profile, *, listing=False):
    """How to name this person to this viewer: display name, else name, else a neutral label."""
    levels = _levels_for(viewer, profile, listing)
    for key in ("display_name", "name"):
        if getattr(profile, FIELDS_BY_KEY[key].visibility_attr) in levels:
            value = FIELDS_BY_KEY[key].value(profile)
            if value:
                return value
    return str(_("Membre du réseau"))


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
