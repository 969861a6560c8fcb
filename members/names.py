"""The one validator for names that other people read (security issue, item 12).

A display name or a forum name is shown next to what a person writes. Invisible characters and
bidirectional controls would let someone look like somebody else ("Modération" with a zero-width
space), reverse the text around their name (U+202E), or sign with a blank name. The profile form
and service (members) and the forum name (forum/identity.py) all call `validate_shown_name`.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Unicode categories that never belong in a name: controls (Cc), formats, which include the
# bidirectional controls U+202A-U+202E and U+2066-U+2069 and the zero-width characters U+200B-D,
# U+2060 and U+FEFF (Cf), private use (Co), surrogates (Cs), unassigned (Cn), and the line and
# paragraph separators (Zl, Zp).
REFUSED_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"}
# Characters that display as nothing although Unicode files them as letters, marks or symbols.
BLANK_LOOKING = {
    "\u034f",  # combining grapheme joiner
    "\u115f",  # Hangul choseong filler
    "\u1160",  # Hangul jungseong filler
    "\u17b4",  # Khmer vowel inherent aq
    "\u17b5",  # Khmer vowel inherent aa
    "\u2800",  # Braille pattern blank
    "\u3164",  # Hangul filler
    "\uffa0",  # halfwidth Hangul filler
}


def hidden_character(value):
    """The first invisible or control character of `value`, or None."""
    for character in value or "":
        if character in BLANK_LOOKING:
            return character
        if unicodedata.category(character) in REFUSED_CATEGORIES:
            return character
    return None


def validate_shown_name(value):
    """Raise a ValidationError (French) when `value` holds an invisible or control character."""
    character = hidden_character(value)
    if character is not None:
        raise ValidationError(
            _(
                "Ce nom contient un caractère invisible ou qui change le sens de l’écriture "
                "(%(code)s) : retirez-le."
            ),
            code="hidden_character",
            params={"code": f"U+{ord(character):04X}"},
        )
