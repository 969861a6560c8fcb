"""Data rights (R-C8): what the portal holds about a person, and the deletion of their account.

`personal_data(user)` gathers everything in sections; the "Mes données" page and the JSON
export both show exactly that. Later features add their own section with `register_section`,
and their clean-up with `members.deletion.register`.
"""

import logging
from dataclasses import dataclass, field
from datetime import date, datetime

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.dates import format_date

from .. import deletion, privacy, roles
from ..models import HelperProfile, Profile, ProfileAccess, TermsAcceptance, Visibility
from ..models.user import ERASED_EMAIL_DOMAIN

logger = logging.getLogger(__name__)

# --- What the portal holds ------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One piece of data: a stable key for the export, a French label for the page."""

    key: str
    label: str
    value: object
    visibility: str = ""
    empty: str = ""  # what an empty value reads as, when "Non renseigné" would be wrong
    shown: str = ""  # what the page says for a coded value the export keeps as it is

    @property
    def display(self):
        if self.shown:
            return self.shown
        value = self.value
        if value is None or value == "" or value == []:
            return self.empty or _("Non renseigné")
        if isinstance(value, bool):
            return _("Oui") if value else _("Non")
        if isinstance(value, datetime):
            return format_date(timezone.localtime(value), "DATETIME_FORMAT")
        if isinstance(value, date):
            return format_date(value, "DATE_FORMAT")
        if isinstance(value, list | tuple):
            return ", ".join(str(part) for part in value)
        return value

    @property
    def visibility_label(self):
        return Visibility(self.visibility).label if self.visibility else ""


@dataclass(frozen=True)
class Section:
    """A group of data: one record (the account) or several (each terms acceptance)."""

    key: str
    title: str
    records: list = field(default_factory=list)
    explanation: str = ""
    many: bool = False  # shown as a table, one row per record

    def as_json(self):
        rows = []
        for record in self.records:
            row = {}
            for item in record:
                row[item.key] = item.value
                if item.visibility:
                    row[f"{item.key}_visibility"] = item.visibility
            rows.append(row)
        return {"title": str(self.title), "records": rows}


_sections = []


def register_section(fn):
    """Add a section to "Mes données": `fn(user)` returns a Section, or None when empty."""
    if fn not in _sections:
        _sections.append(fn)
    return fn


def _account_section(user):
    emails = EmailAddress.objects.filter(user=user).order_by("-primary", "email")
    record = [
        Item("email", _("Adresse e-mail de connexion"), user.email),
        Item("first_name", _("Prénom"), user.first_name),
        Item("last_name", pgettext_lazy("nom de famille", "Nom"), user.last_name),
        Item("date_joined", _("Compte créé le"), user.date_joined),
        Item("last_login", _("Dernière connexion"), user.last_login),
        Item(
            "roles",
            _("Rôles"),
            sorted(str(roles.LABELS.get(group.name, group.name)) for group in user.groups.all()),
        ),
        Item(
            "email_addresses",
            _("Adresses e-mail enregistrées"),
            [
                f"{address.email} ({_('vérifiée') if address.verified else _('non vérifiée')})"
                for address in emails
            ],
        ),
        Item(
            "second_factors",
            _("Double authentification"),
            [
                str(Authenticator.Type(authenticator.type).label)
                for authenticator in Authenticator.objects.filter(user=user).order_by("pk")
            ],
            empty=_("Non activée"),
        ),
    ]
    return Section("account", _("Compte"), [record])


def _profile_section(user):
    try:
        profile = privacy.profiles_prefetched(Profile.objects.filter(user=user)).get()
    except Profile.DoesNotExist:
        return Section("profile", _("Profil"), [], _("Vous n’avez pas encore rempli de profil."))
    record = [
        Item("status", _("Adhésion"), profile.get_status_display()),
        Item("status_changed_at", _("Statut modifié le"), profile.status_changed_at),
    ]
    if profile.rejection_reason:
        record.append(Item("rejection_reason", _("Motif du refus"), profile.rejection_reason))
    # The owner sees every field; privacy.py says so, and gives each field its visibility.
    for visible in privacy.visible_fields(user, profile, include_empty=True):
        record.append(Item(visible.key, visible.label, visible.value, visible.visibility))
    record += [
        Item("created_at", _("Profil créé le"), profile.created_at),
        Item("updated_at", _("Profil modifié le"), profile.updated_at),
    ]
    return Section(
        "profile",
        _("Profil"),
        [record],
        _("Pour chaque information, qui peut la voir. Vous pouvez le changer à tout moment."),
    )


def _helper_section(user):
    try:
        helper = HelperProfile.objects.prefetch_related("themes").get(user=user)
    except HelperProfile.DoesNotExist:
        return None
    record = [
        Item("qualifications", _("Qualifications et formations"), helper.qualifications),
        Item("certifications", _("Certifications"), helper.certifications),
        Item("themes", _("Thèmes d’intervention"), [theme.name for theme in helper.themes.all()]),
        Item("languages", _("Langues"), helper.languages),
        Item("work_mode", _("Modalités"), helper.get_work_mode_display()),
        Item(
            "qualifications_verified_at",
            _("Qualifications vérifiées le"),
            helper.qualifications_verified_at,
        ),
    ]
    return Section("helper_profile", _("Profil d’aidant·e"), [record])


def _charter_label(kind):
    from home.models import CharterKind

    return CharterKind(kind).label if kind in CharterKind.values else kind


def _terms_section(user):
    records = [
        [
            Item("kind", _("Texte"), acceptance.kind, shown=_charter_label(acceptance.kind)),
            Item("version", _("Version"), acceptance.version_label),
            Item("accepted_at", _("Acceptée le"), acceptance.accepted_at),
        ]
        for acceptance in TermsAcceptance.objects.filter(user=user).order_by("-accepted_at")
    ]
    return Section(
        "terms_acceptances",
        _("Conditions et chartes acceptées"),
        records,
        "" if records else _("Aucune acceptation enregistrée."),
        many=True,
    )


def _accesses_section(user):
    records = [
        [Item("accessed_at", _("Consulté le"), access.accessed_at)]
        for access in ProfileAccess.objects.filter(subject=user).order_by("-accessed_at")
    ]
    return Section(
        "profile_accesses",
        _("Consultations de votre profil complet par la coordination"),
        records,
        _(
            "Chaque fois qu’une personne de la coordination ouvre votre profil complet, la date "
            "est enregistrée ici."
        )
        if records
        else _("La coordination n’a jamais ouvert votre profil complet."),
        many=True,
    )


_CORE_SECTIONS = (
    _account_section,
    _profile_section,
    _helper_section,
    _terms_section,
    _accesses_section,
)


def personal_data(user):
    """Everything the portal holds about `user`, as a list of sections (R-C8)."""
    sections = []
    for build in (*_CORE_SECTIONS, *_sections):
        section = build(user)
        if section is not None:
            sections.append(section)
    return sections


def personal_data_json(user):
    """The same content as the page, for the JSON download."""
    return {
        "generated_at": timezone.now(),
        "account_id": user.public_id,
        "sections": {section.key: section.as_json() for section in personal_data(user)},
    }


# --- Deletion -------------------------------------------------------------------------------


def _erase_members_data(user):
    from wagtail.users.models import UserProfile

    profile = Profile.objects.filter(user=user).first()
    if profile is not None:
        profile.themes.clear()
        profile.delete()
    helper = HelperProfile.objects.filter(user=user).first()
    if helper is not None:
        helper.themes.clear()
        helper.delete()
    TermsAcceptance.objects.filter(user=user).delete()
    ProfileAccess.objects.filter(subject=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    UserProfile.objects.filter(user=user).delete()


@transaction.atomic
def delete_account(*, user, remove_forum_posts):
    """Erase a person's data and close their account, in one transaction (R-C8).

    The user row stays (without anything personal) so that what others wrote in reply keeps
    its thread: forum posts show "Ancien membre" unless the person asked to remove them, which
    the forum's hook does. Hooks run first, while the data they may need still exists.
    """
    User = get_user_model()
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.is_erased:
        raise ValidationError(_("Ce compte a déjà été supprimé."))

    deletion.run_hooks(locked, remove_forum_posts=remove_forum_posts)
    _erase_members_data(locked)

    locked.email = f"ancien-membre-{locked.public_id}{ERASED_EMAIL_DOMAIN}"
    locked.first_name = ""
    locked.last_name = ""
    locked.is_active = False
    locked.is_staff = False
    locked.is_superuser = False
    locked.set_unusable_password()
    locked.save()
    locked.groups.clear()
    locked.user_permissions.clear()
    logger.info("Account %s deleted (forum posts removed: %s)", locked.pk, bool(remove_forum_posts))
    return locked


# --- The coordinators' review of accesses ---------------------------------------------------


def profile_accesses(*, coordinator=None):
    """Logged openings of full profiles, newest first, with what the review page shows."""
    queryset = ProfileAccess.objects.select_related(
        "coordinator", "coordinator__profile", "subject", "subject__profile"
    ).order_by("-accessed_at", "-pk")
    if coordinator is not None:
        queryset = queryset.filter(coordinator=coordinator)
    return queryset


def access_reviewers():
    """The people who may appear as "who" in the access log: coordinators, current or past."""
    from .. import roles

    User = get_user_model()
    return (
        User.objects.filter(
            Q(groups__name=roles.COORDINATORS)
            | Q(pk__in=ProfileAccess.objects.values("coordinator"))
        )
        .select_related("profile")
        .distinct()
        .order_by("last_name", "first_name", "email")
    )
