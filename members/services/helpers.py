"""Helpers' profiles and their verification (R-K6, R-K9), and what helpers read of organisations
(R-A1).

Writes are services: keyword-only arguments, one transaction, the changed row locked, a French
ValidationError on bad state. The reads beside them return querysets already narrowed for the
page that uses them.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import roles
from ..models import HelperProfile, WorkMode

logger = logging.getLogger(__name__)

# What a coordinator verifies: editing any of these after verification asks for a new one.
VERIFIED_FIELDS = ("qualifications", "certifications")


def _normalise_languages(languages):
    """ "français,  anglais ,," -> "français, anglais": one spelling, whatever was typed."""
    seen = []
    for language in languages.split(","):
        language = " ".join(language.split())
        if language and language.lower() not in {item.lower() for item in seen}:
            seen.append(language)
    return ", ".join(seen)


@transaction.atomic
def save_helper_profile(
    *, user, qualifications, certifications="", themes=(), languages="", work_mode=WorkMode.REMOTE
):
    """Create or update what a helper states about themselves (R-K6: stated truthfully).

    Changing the qualifications or certifications after a coordinator verified them clears the
    verification: the coordinator verified a text, not a person, and must see the new one.
    """
    if not roles.has_role(user, roles.HELPERS):
        raise ValidationError(_("Seul·es les aidant·es du réseau ont un profil d’aidant·e."))
    qualifications = qualifications.strip()
    if not qualifications:
        raise ValidationError(
            _("Décrivez vos qualifications et formations : la coordination les vérifiera.")
        )
    if work_mode not in WorkMode.values:
        raise ValidationError(_("Choisissez une modalité d’intervention proposée."))

    profile = HelperProfile.objects.select_for_update().filter(user=user).first()
    if profile is None:
        profile = HelperProfile(user=user)
    new_values = {"qualifications": qualifications, "certifications": certifications.strip()}
    changed = any(getattr(profile, name) != new_values[name] for name in VERIFIED_FIELDS)
    for name, value in new_values.items():
        setattr(profile, name, value)
    profile.languages = _normalise_languages(languages) or "français"
    profile.work_mode = work_mode
    if changed and profile.is_verified:
        profile.qualifications_verified_by = None
        profile.qualifications_verified_at = None
        logger.info("Helper profile %s changed: verification cleared", profile.pk)
    profile.full_clean(exclude=["user"])
    profile.save()
    profile.themes.set(themes)
    return profile


@transaction.atomic
def verify_helper_qualifications(*, helper, by):
    """A coordinator vouches for a helper's stated qualifications (R-K6): who and when."""
    if not roles.has_role(by, roles.COORDINATORS):
        raise ValidationError(_("Seule la coordination peut vérifier des qualifications."))
    if not roles.has_role(helper, roles.HELPERS):
        raise ValidationError(_("Cette personne n’est pas aidant·e du réseau."))
    profile = HelperProfile.objects.select_for_update().filter(user=helper).first()
    if profile is None:
        raise ValidationError(
            _(
                "Cette personne n’a pas encore rempli son profil d’aidant·e : il n’y a aucune "
                "qualification à vérifier."
            )
        )
    if profile.is_verified:
        raise ValidationError(_("Les qualifications de cette personne sont déjà vérifiées."))
    profile.qualifications_verified_by = by
    profile.qualifications_verified_at = timezone.now()
    profile.save(update_fields=["qualifications_verified_by", "qualifications_verified_at"])
    logger.info("Helper profile %s verified by user %s", profile.pk, by.pk)
    return profile
