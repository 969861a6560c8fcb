"""Demo accounts: one person per role, so that a newcomer can log in as each of them.

Called by `manage.py load_demo` (home/management/commands/load_demo.py). Existing accounts are
never changed, except that a missing role group or verified e-mail is added back.
"""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils.translation import gettext as _

from . import roles
from .models import User

DEFAULT_PASSWORD = "relais-demo-2026"  # noqa: S105 - a documented demo password, never for production

ADMIN_EMAIL = "admin@relais.test"

# (e-mail, first name, last name, roles)
ACCOUNTS = [
    ("membre@relais.test", "Camille", "Martin", (roles.MEMBERS,)),
    ("membre2@relais.test", "Sami", "Benali", (roles.MEMBERS,)),
    ("aidant@relais.test", "Hélène", "Dubois", (roles.MEMBERS, roles.HELPERS)),
    ("coordination@relais.test", "Julien", "Moreau", (roles.MEMBERS, roles.COORDINATORS)),
    ("moderation@relais.test", "Inès", "Lefèvre", (roles.MEMBERS, roles.MODERATORS)),
    ("edition@relais.test", "Paul", "Girard", (roles.MEMBERS, roles.EDITORS)),
]


def _verified_email(user):
    """allauth asks for a verified address before login (ACCOUNT_EMAIL_VERIFICATION)."""
    _address, created = EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return int(created)


def load(*, stdout, password=None):
    """Create the demo accounts that do not exist yet; return how many objects were created."""
    chosen_password = password or DEFAULT_PASSWORD
    groups = {group.name: group for group in Group.objects.filter(name__in=roles.ALL_ROLES)}
    created = 0
    new_accounts = []

    for email, first_name, last_name, user_roles in ACCOUNTS:
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=chosen_password,
                first_name=first_name,
                last_name=last_name,
            )
            new_accounts.append(email)
            created += 1
        missing = [
            groups[name] for name in user_roles if not user.groups.filter(name=name).exists()
        ]
        if missing:
            user.groups.add(*missing)
            created += len(missing)
        created += _verified_email(user)

    admin = User.objects.filter(email__iexact=ADMIN_EMAIL).first()
    if admin is None:
        admin = User.objects.create_superuser(
            email=ADMIN_EMAIL, password=chosen_password, first_name="Admin", last_name="Relais"
        )
        new_accounts.append(ADMIN_EMAIL)
        created += 1
    created += _verified_email(admin)

    if new_accounts:
        stdout.write(
            _("Comptes de démonstration créés : %(emails)s.") % {"emails": ", ".join(new_accounts)}
        )
        if password is None and settings.DEBUG:
            stdout.write(
                _("Mot de passe de ces comptes : %(password)s (démonstration uniquement).")
                % {"password": DEFAULT_PASSWORD}
            )
    else:
        stdout.write(_("Comptes de démonstration : tous existent déjà."))
    return created
