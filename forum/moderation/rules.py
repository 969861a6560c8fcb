"""The forum rules: a charter kind of the foundation (home.CharterKind.FORUM_RULES), accepted
once per version before a member's first post (R-C14, issue #5 item 4).

Acceptances are members' TermsAcceptance records (version and time), recorded by the same
service as every other charter (members.services.joining.record_acceptance).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from home.models import CharterKind
from home.selectors import current_charter
from members.models import TermsAcceptance
from members.services.joining import record_acceptance


def rules_in_force():
    return current_charter(CharterKind.FORUM_RULES)


def rules_due(user, charter=None):
    """The version of the forum rules this member still has to accept, or None."""
    charter = charter if charter is not None else rules_in_force()
    if charter is None:
        return None
    if TermsAcceptance.objects.filter(user=user, charter=charter).exists():
        return None
    return charter


def accept_rules(*, user, charter):
    """Record that `user` accepted this version of the forum rules, as any other charter."""
    expected = rules_in_force()
    if expected is None:
        raise ValidationError(_("Aucune charte du forum n’est en vigueur pour l’instant."))
    return record_acceptance(user=user, charter=charter, expected=expected)
