"""Is a SIRET number valid? One validator, shared by the form and the service (STYLE.md).

A SIRET is 14 digits (SIREN, 9, then the establishment's number, 5) whose Luhn checksum holds.
La Poste's establishments (SIREN 356 000 000) are the one known exception: INSEE numbers them so
that the sum of their digits is a multiple of 5.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

LA_POSTE_SIREN = "356000000"


def normalise_siret(value):
    """The number as typed without spaces, dots or dashes (people copy "123 456 789 00012")."""
    return "".join(ch for ch in (value or "") if ch not in " .-\u00a0\u202f")


def luhn_ok(digits):
    total = 0
    for index, char in enumerate(reversed(digits)):
        number = int(char)
        if index % 2 == 1:
            number *= 2
            if number > 9:
                number -= 9
        total += number
    return total % 10 == 0


def validate_siret(value):
    digits = normalise_siret(value)
    if len(digits) != 14 or not digits.isdigit():
        raise ValidationError(_("Un numéro SIRET compte 14 chiffres."), code="siret_length")
    valid = luhn_ok(digits) or (
        digits.startswith(LA_POSTE_SIREN) and sum(int(ch) for ch in digits) % 5 == 0
    )
    if not valid:
        raise ValidationError(
            _("Ce numéro SIRET n’est pas valide : vérifiez-le sur votre avis de situation INSEE."),
            code="siret_checksum",
        )
