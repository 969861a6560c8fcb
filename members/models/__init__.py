"""People of the network: accounts, profiles with per-field privacy, organisations, terms."""

from .audit import ProfileAccess
from .organisations import ConfidentialityLevel, Organisation, OrganisationKind
from .profiles import HelperProfile, MembershipStatus, Profile, ProfileSkill, Visibility, WorkMode
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
    "ProfileSkill",
    "TermsAcceptance",
    "User",
    "UserManager",
    "Visibility",
    "WorkMode",
]
