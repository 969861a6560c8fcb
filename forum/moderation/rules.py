"""The forum rules: a charter kind of the foundation (home.CharterKind.FORUM_RULES), accepted
once per version before a member's first post (R-C14, issue #5 item 4).

Acceptances are members' TermsAcceptance records (version and time), like every other charter.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from home.models import CharterKind
from home.selectors import current_charter
from members.models import TermsAcceptance

logger = logging.getLogger(__name__)


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
    """Record that `user` accepted this version of the forum rules."""
    expected = rules_in_force()
    if expected is None:
        raise ValidationError(_("Aucune charte du forum n’est en vigueur pour l’instant."))
    if charter is None or charter.pk != expected.pk:
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
        logger.info("user %s accepted forum rules %s", user.pk, charter.pk)
    return acceptance
