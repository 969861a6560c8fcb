"""Changes a member makes to their own profile and privacy choices, and the log of coordinators'
access to full profiles (R-C6, R-C7, R-C8).

Every function acts on the `user` it is given, which views take from request.user only: nothing
posted in a form can point a change at somebody else.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .. import privacy, roles
from ..models import MembershipStatus, Profile, ProfileAccess, Skill, User
from ..names import validate_shown_name

logger = logging.getLogger(__name__)

EDITABLE_FIELDS = (
    "display_name",
    "phone",
    "job_title",
    "organisation",
    "postal_address",
    "hobbies",
    "particularities",
    "bio",
)

NOT_OFFERED = _("Ce choix n’est pas proposé pour ce champ.")


def _locked_profile(user):
    """The user's profile, locked for the change. A person in the Membres group is an active
    member by definition (members.permissions.RULES), so a missing profile is created active."""
    profile, _created = Profile.objects.select_for_update().get_or_create(
        user=user, defaults={"status": MembershipStatus.ACTIVE}
    )
    return profile


def _check_shown_names(**names):
    """Names others read carry no invisible or direction-changing character (members/names.py)."""
    errors = {}
    for field, value in names.items():
        try:
            validate_shown_name(value)
        except ValidationError as error:
            errors[field] = error
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def update_profile(*, user, first_name, last_name, skills, themes, **fields):
    """Save what a member tells the network about themselves.

    `skills` is a list of skill names, `themes` a list of home.Theme; `fields` are the other
    editable items of the profile (EDITABLE_FIELDS).
    """
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"update_profile() got unexpected fields {sorted(unknown)}")
    user = User.objects.select_for_update().get(pk=user.pk)
    profile = _locked_profile(user)

    organisation = fields.get("organisation", profile.organisation)
    if (
        organisation is not None
        and not organisation.is_active
        and organisation.pk != profile.organisation_id
    ):
        raise ValidationError(
            {"organisation": _("Cette organisation n’accueille plus de nouveaux membres.")}
        )

    user.first_name = (first_name or "").strip()
    user.last_name = (last_name or "").strip()
    for name, value in fields.items():
        setattr(profile, name, value.strip() if isinstance(value, str) else value)
    _check_shown_names(
        first_name=user.first_name, last_name=user.last_name, display_name=profile.display_name
    )

    keep = {"first_name", "last_name"}
    user.clean_fields(exclude=[f.name for f in User._meta.concrete_fields if f.name not in keep])
    profile.clean_fields(
        exclude=[f.name for f in Profile._meta.concrete_fields if f.name not in EDITABLE_FIELDS]
    )

    user.save(update_fields=["first_name", "last_name"])
    profile.save()
    Skill.objects.replace_for(profile, skills)
    profile.themes.set(themes)
    logger.info("profile %s updated by its owner", profile.pk)
    return profile


@transaction.atomic
def update_privacy(*, user, choices):
    """R-C7: set who may see each item of the member's profile.

    `choices` maps each key of privacy.FIELDS to a visibility value. A value that is not offered
    for a field (public where it makes no sense, or anything unknown) refuses the whole change.
    """
    errors = {}
    for field in privacy.FIELDS:
        offered = {value for value, _label in privacy.allowed_choices(field)}
        if choices.get(field.key) not in offered:
            errors[field.visibility_attr] = NOT_OFFERED
    unknown = set(choices) - set(privacy.FIELDS_BY_KEY)
    if unknown:
        errors["__all__"] = _("Certains champs envoyés n’existent pas.")
    if errors:
        raise ValidationError(errors)

    profile = _locked_profile(User.objects.get(pk=user.pk))
    for field in privacy.FIELDS:
        setattr(profile, field.visibility_attr, choices[field.key])
    profile.save(update_fields=[field.visibility_attr for field in privacy.FIELDS] + ["updated_at"])
    logger.info("privacy choices of profile %s updated by its owner", profile.pk)
    return profile


@transaction.atomic
def record_profile_access(*, coordinator, subject):
    """R-C8: a coordinator opened someone's full profile; keep who, whom and when.

    Nothing is logged when people open their own profile or when the viewer is not a coordinator.
    """
    if coordinator.pk == subject.pk or not roles.has_role(coordinator, roles.COORDINATORS):
        return None
    access = ProfileAccess.objects.create(coordinator=coordinator, subject=subject)
    logger.info("coordinator %s opened profile of user %s", coordinator.pk, subject.pk)
    return access
