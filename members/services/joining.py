"""Joining the network and accepting its terms (R-C6, R-C15, R-K1).

The steps of a newcomer, each a state of Profile.status:
questionnaire → terms → (pending → active | rejected) or, in open membership, straight to active.
Being active is exactly being in the Membres group, which opens every member area, CMS
members-only pages included; only `_activate` grants it.

New versions of the membership terms (or, for helpers, of the helper charter) marked
`requires_reacceptance` stop active members until they accept them (`charter_due`).
"""

import logging

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models import CharterKind
from home.selectors import charters_in_force
from portal.notifications import notify

from .. import roles
from ..models import (
    MembershipMode,
    MembershipSettings,
    MembershipStatus,
    Profile,
    TermsAcceptance,
    User,
)
from . import profiles

logger = logging.getLogger(__name__)

QUESTIONNAIRE_STEPS = (MembershipStatus.QUESTIONNAIRE, MembershipStatus.TERMS)
# The charters whose new versions can stop someone, and who they stop.
REACCEPTED_KINDS = (CharterKind.MEMBERSHIP_TERMS, CharterKind.HELPER_CHARTER)


# --- Profiles ----------------------------------------------------------------------------


def ensure_profile(user):
    """The user's profile, created on first need.

    People who sign up get theirs from the account adapter; anyone created otherwise (admin,
    demo, import) gets one here. Someone already in the Membres group was admitted by whoever put
    them there, so their profile starts active; anyone else starts at the questionnaire.
    """
    profile = Profile.objects.filter(user=user).first()
    if profile is not None:
        return profile
    in_members = user.groups.filter(name=roles.MEMBERS).exists()
    status = MembershipStatus.ACTIVE if in_members else MembershipStatus.QUESTIONNAIRE
    profile, created = Profile.objects.get_or_create(
        user=user, defaults={"status": status, "status_changed_at": timezone.now()}
    )
    if created:
        logger.info("profile %s created for user %s (%s)", profile.pk, user.pk, status)
    return profile


def _locked_profile(user):
    ensure_profile(user)
    return Profile.objects.select_for_update().get(user=user)


# --- Current charters and what is due ----------------------------------------------------


def current_charters(today=None):
    """{kind: CharterPage} for the kinds that can stop someone, in one query."""
    return charters_in_force(kinds=REACCEPTED_KINDS, today=today)


def charter_due(user, status=None, in_force=None):
    """The charter this active member must (re)accept before going on, or None.

    Membership terms come first; the helper charter is due only to helpers. Versions marked
    `requires_reacceptance` stop someone who has not accepted them (R-C15); a helper who has
    never accepted any version of the helper charter is stopped too: every helper signs it (R-K1).
    """
    in_force = current_charters() if in_force is None else in_force
    is_helper = roles.has_role(user, roles.HELPERS)
    helper_charter = in_force.get(CharterKind.HELPER_CHARTER)
    never_signed = (
        is_helper
        and helper_charter is not None
        and not TermsAcceptance.objects.filter(user=user, kind=CharterKind.HELPER_CHARTER).exists()
    )
    waiting = [
        charter
        for kind, charter in in_force.items()
        if (charter.requires_reacceptance or (never_signed and charter is helper_charter))
        and (kind == CharterKind.MEMBERSHIP_TERMS or is_helper)
    ]
    if not waiting:
        return None
    accepted = set(
        TermsAcceptance.objects.filter(
            user=user, charter__in=[charter.pk for charter in waiting]
        ).values_list("charter_id", flat=True)
    )
    for kind in REACCEPTED_KINDS:
        for charter in waiting:
            if charter.kind == kind and charter.pk not in accepted:
                return charter
    return None


def previous_acceptance(user, kind):
    """The latest version of this kind the person accepted, if any (to say what they agreed to)."""
    return TermsAcceptance.objects.filter(user=user, kind=kind).order_by("-accepted_at").first()


# --- Steps of joining --------------------------------------------------------------------


@transaction.atomic
def submit_questionnaire(*, user, first_name, last_name, skills, themes, visibilities, **fields):
    """Step 1 (R-C6, R-C7): who the newcomer is, and who may see each item.

    `visibilities` maps each key of members.privacy.FIELDS to a visibility value; the other
    arguments are those of services.profiles.update_profile. Moves the newcomer to the terms.
    """
    profile = _locked_profile(user)
    if profile.status not in QUESTIONNAIRE_STEPS:
        raise ValidationError(
            _(
                "Votre questionnaire d’adhésion est déjà complet : vous pouvez modifier votre "
                "profil depuis votre espace."
            )
        )
    if not (first_name or "").strip() or not (last_name or "").strip():
        raise ValidationError(_("Le prénom et le nom sont obligatoires."))
    profiles.update_profile(
        user=user,
        first_name=first_name,
        last_name=last_name,
        skills=skills,
        themes=themes,
        **fields,
    )
    profiles.update_privacy(user=user, choices=visibilities)
    profile.refresh_from_db()
    _set_status(profile, MembershipStatus.TERMS)
    logger.info("profile %s filled the joining questionnaire", profile.pk)
    return profile


def asks_ethics_commitment(charter):
    """The helper charter is signed with the ethics commitment (R-A13, R-K11, issue #19): no
    discrimination, no proselytism, sectarian approach or manipulation."""
    return charter is not None and charter.kind == CharterKind.HELPER_CHARTER


def accept_terms(*, user, charter, ethics_commitment=False):
    """Accept one version of the membership terms or of the helper charter (R-C15, R-K1); the
    helper charter only with the ethics commitment ticked (`asks_ethics_commitment`).

    During joining, accepting the membership terms ends the questionnaire: the newcomer becomes
    a member at once (open membership) or waits for a coordinator (approval). Afterwards it
    records a re-acceptance. Coordinators are told of a new application once it is saved.
    """
    with transaction.atomic():
        profile = _locked_profile(user)
        if profile.status == MembershipStatus.QUESTIONNAIRE:
            raise ValidationError(_("Remplissez d’abord le questionnaire d’adhésion."))
        if profile.status in (MembershipStatus.PENDING, MembershipStatus.REJECTED):
            raise ValidationError(
                _("Vous avez déjà accepté les conditions ; votre demande a été transmise.")
            )
        in_force = current_charters()
        joining = profile.status == MembershipStatus.TERMS
        expected = (
            in_force.get(CharterKind.MEMBERSHIP_TERMS)
            if joining
            else charter_due(user, in_force=in_force)
        )
        if expected is None:
            if joining:
                raise ValidationError(
                    _("Aucune version des conditions d’adhésion n’est en vigueur pour l’instant.")
                )
            raise ValidationError(_("Vous avez déjà accepté la version en vigueur."))
        if TermsAcceptance.objects.filter(user=user, charter=charter).exists():
            raise ValidationError(_("Vous avez déjà accepté cette version."))
        if asks_ethics_commitment(charter) and not ethics_commitment:
            raise ValidationError(
                {"ethics": _("Cochez la case pour signer l’engagement éthique.")}, code="ethics"
            )
        acceptance = record_acceptance(user=user, charter=charter, expected=expected)
        application = False
        if joining:
            if MembershipSettings.load().mode == MembershipMode.OPEN:
                _activate(profile)
            else:
                _set_status(profile, MembershipStatus.PENDING)
                application = True
    if application:
        _notify_coordinators_of_application(profile)
    return acceptance


def record_acceptance(*, user, charter, expected):
    """Record that `user` accepted `charter`, of any kind (membership terms, helper charter,
    forum rules: R-C6, R-C14, R-C15): a TermsAcceptance with its version and time.

    Only the version in force (`expected`) can be accepted, so nobody accepts a text they were
    not shown; accepting the same version twice (two tabs, a double click) records it once.
    """
    if charter is None or expected is None or charter.pk != expected.pk:
        raise ValidationError(
            _("La version affichée n’est plus celle en vigueur : relisez-la puis acceptez-la.")
        )
    try:
        with transaction.atomic():
            acceptance, created = TermsAcceptance.objects.get_or_create(
                user=user,
                charter=charter,
                defaults={"kind": charter.kind, "version_label": charter.version_label},
            )
    except IntegrityError:  # accepted twice at the same moment
        acceptance, created = TermsAcceptance.objects.get(user=user, charter=charter), False
    if created:
        logger.info("user %s accepted charter %s", user.pk, charter.pk)
    return acceptance


# --- Approval by a coordinator -----------------------------------------------------------


def pending_applications():
    """Applications waiting for a decision, oldest first."""
    return Profile.objects.filter(status=MembershipStatus.PENDING).order_by(
        "status_changed_at", "pk"
    )


def approve_application(*, public_id, by):
    """A coordinator admits an applicant: active, in the Membres group; the applicant is told."""
    with transaction.atomic():
        profile = _locked_application(public_id, by)
        profile.decided_by = by
        profile.rejection_reason = ""
        _activate(profile)
    logger.info("application %s approved by %s", profile.pk, by.pk)
    _notify_applicant(profile)
    return profile


def reject_application(*, public_id, by, reason):
    """A coordinator declines an application, with a reason shown to the applicant once logged in
    (never in the e-mail)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Indiquez le motif du refus : la personne le lira.")})
    with transaction.atomic():
        profile = _locked_application(public_id, by)
        profile.decided_by = by
        profile.rejection_reason = reason
        _set_status(profile, MembershipStatus.REJECTED)
    logger.info("application %s rejected by %s", profile.pk, by.pk)
    _notify_applicant(profile)
    return profile


def _locked_application(public_id, by):
    if not roles.has_role(by, roles.COORDINATORS):
        raise ValidationError(_("Seule la coordination peut décider d’une adhésion."))
    profile = Profile.objects.select_for_update().filter(user__public_id=public_id).first()
    if profile is None:
        raise ValidationError(_("Cette demande d’adhésion n’existe pas."))
    if profile.status != MembershipStatus.PENDING:
        raise ValidationError(
            _("Cette demande a déjà été traitée (statut : %(status)s)."),
            params={"status": profile.get_status_display()},
        )
    return profile


# --- Internals ---------------------------------------------------------------------------


def _set_status(profile, status):
    profile.status = status
    profile.status_changed_at = timezone.now()
    profile.save()


def _activate(profile):
    _set_status(profile, MembershipStatus.ACTIVE)
    profile.user.groups.add(Group.objects.get(name=roles.MEMBERS))
    logger.info("profile %s is now an active member", profile.pk)


def _notify_coordinators_of_application(profile):
    """Coordinators learn that an application waits; the mail names no one (R-C6)."""
    coordinators = User.objects.filter(groups__name=roles.COORDINATORS, is_active=True).distinct()
    notify(
        coordinators,
        subject=_("Une demande d’adhésion attend votre décision"),
        message=_(
            "Une nouvelle demande d’adhésion au réseau attend la décision de la coordination."
        ),
        link=reverse("members:approval_queue"),
    )
    logger.info("coordinators told of application %s", profile.pk)


def _notify_applicant(profile):
    notify(
        [profile.user],
        subject=_("La réponse à votre demande d’adhésion est disponible"),
        message=_(
            "La coordination du réseau a examiné votre demande d’adhésion. Sa réponse vous "
            "attend sur votre espace."
        ),
        link=reverse("members:pending"),
    )
