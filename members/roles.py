"""The roles of the network, as Django groups.

The groups and their permissions are created by a data migration (members/migrations/0002_roles.py)
and nowhere else; this module names them so that code and tests never spell a group by hand.
Everyone with an account in the network is in MEMBERS; the other roles are added on top.
"""

from django.utils.translation import gettext_lazy as _

MEMBERS = "Membres"
HELPERS = "Aidants"
COORDINATORS = "Coordination"
MODERATORS = "Modération"
EDITORS = "Édition"

ALL_ROLES = (MEMBERS, HELPERS, COORDINATORS, MODERATORS, EDITORS)

LABELS = {
    MEMBERS: _("Membre"),
    HELPERS: _("Aidant·e"),
    COORDINATORS: _("Coordination"),
    MODERATORS: _("Modération"),
    EDITORS: _("Édition"),
}


def has_role(user, role):
    """True when the user holds the role (superusers hold every role)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return role in group_names(user)


def group_names(user):
    """The user's group names, loaded once per user object (as Django caches permissions)."""
    cached = getattr(user, "_relais_group_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._relais_group_names = cached
    return cached
