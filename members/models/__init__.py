"""People of the network: accounts, profiles with per-field privacy, organisations, terms."""

from .audit import ProfileAccess
from .organisations import ConfidentialityLevel, Organisation, OrganisationKind
from .profiles import (
    HelperProfile,
    MembershipStatus,
    Profile,
    Skill,
    Visibility,
    WorkMode,
    normalise_skill,
)
from .settings import MembershipMode, MembershipSettings
from .terms import TermsAcceptance
from .user import User, UserManager

__all__ = [
    "ConfidentialityLevel",
    "HelperProfile",
    "MembershipMode",
    "MembershipSettings",
    "MembershipStatus",
    "Organisation",
    "OrganisationKind",
    "Profile",
    "ProfileAccess",
    "Skill",
    "TermsAcceptance",
    "User",
    "UserManager",
    "Visibility",
    "WorkMode",
    "normalise_skill",
]
