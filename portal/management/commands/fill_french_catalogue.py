"""Complete the French catalogue by copying every source string into its translation.

Relais's source strings (gettext calls, {% translate %}, {% blocktranslate %}) are written in
French, so French has nothing to translate: Django falls back to the msgid when a msgstr is
empty anyway. The catalogue is still kept complete, so that translators and the test suite can
see at a glance that nothing is missing, rather than telling a string that needs no translation
from one that was forgotten. Run it after makemessages, before compile_catalogues:

    python manage.py makemessages -l fr -l en --ignore=.venv --ignore=static_collected --no-obsolete
    python manage.py fill_french_catalogue
    python manage.py compile_catalogues

Every empty entry gets msgstr = msgid (msgstr[0] = singular, msgstr[1] = plural). A fuzzy entry
is reset the same way: for French the source string is the right translation, and the guess
that msgmerge left there is the text of an older msgid. A non-empty entry that is not fuzzy is a
deliberate French wording and is left alone. The header is set to French (language, plural
rule, UTF-8). Running the command twice changes nothing the second time; --check reports what
would change, without writing, and fails if anything would.
"""

import datetime
import io
from pathlib import Path

from babel.messages.pofile import read_po, write_po
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

LOCALE = "fr"
HEADERS = {
    "Language": LOCALE,
    "Plural-Forms": "nplurals=2; plural=(n > 1);",
    "Content-Type": "text/plain; charset=UTF-8",
}


def is_translated(message):
    """True when every form of the message has a translation."""
    if isinstance(message.string, (list, tuple)):
        return all(message.string)
    return bool(message.string)


def fill_catalogue(catalogue):
    """Copy the msgid into every empty or fuzzy entry; return how many entries changed."""
    filled = 0
    for message in catalogue:
        if not message.id or (is_translated(message) and not message.fuzzy):
            continue
        if message.pluralizable:
            # French has two forms (n > 1): msgstr[0] is the singular, msgstr[1] the plural.
            sources = (message.id[0], message.id[1])
            current = () if message.fuzzy else tuple(message.string or ())
            message.string = tuple(
                current[index] if index < len(current) and current[index] else source
                for index, source in enumerate(sources)
            )
        else:
            message.string = message.id
        message.flags.discard("fuzzy")
        filled += 1
    return filled


def header_is_french(catalogue):
    """True when the header already says French, with the French plural rule, in UTF-8."""
    headers = dict(catalogue.mime_headers)
    return (
        not catalogue.fuzzy
        and headers.get("Language") == LOCALE
        and headers.get("Plural-Forms") == HEADERS["Plural-Forms"]
        and catalogue.charset.lower() == "utf-8"
    )


def fix_header(catalogue):
    """Set the French header fields (the others are kept as they are)."""
    # babel leaves Language and Plural-Forms out of the header while the locale is unset,
    # as it is after reading the empty "Language: " that makemessages writes.
    catalogue.locale = LOCALE
    headers = dict(catalogue.mime_headers)
    headers.update(HEADERS)
    catalogue.mime_headers = list(headers.items())
    catalogue.charset = "UTF-8"  # babel lower-cases it when it reads the header
    catalogue.fuzzy = False


def render(catalogue):
    """The catalogue as .po bytes."""
    buffer = io.BytesIO()
    write_po(buffer, catalogue, width=76)
    return buffer.getvalue()


class Command(BaseCommand):
    help = (
        "Complete the French catalogue: copy each French source string (msgid) into its "
        "empty or fuzzy translation, and set the French header."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; fail if the French catalogue is not complete.",
        )

    def handle(self, *args, **options):
        po_paths = [
            po_path
            for locale_dir in map(Path, settings.LOCALE_PATHS)
            for po_path in sorted(locale_dir.glob(f"{LOCALE}/LC_MESSAGES/*.po"))
        ]
        if not po_paths:
            raise CommandError(f"No {LOCALE} catalogue in LOCALE_PATHS: run makemessages first.")
        incomplete = []
        for po_path in po_paths:
            with po_path.open("rb") as po_file:
                catalogue = read_po(po_file, locale=LOCALE)
            header_ok = header_is_french(catalogue)
            filled = fill_catalogue(catalogue)
            if options["check"]:
                if filled or not header_ok:
                    incomplete.append(
                        f"{po_path}: {filled} entries to fill"
                        + ("" if header_ok else ", header to set to French")
                    )
                continue
            fix_header(catalogue)
            if filled:
                catalogue.revision_date = datetime.datetime.now(datetime.UTC)
            content = render(catalogue)
            if content != po_path.read_bytes():
                po_path.write_bytes(content)
            if options["verbosity"] >= 1:
                self.stdout.write(f"{po_path}: {filled} entries filled.")
        if incomplete:
            raise CommandError("French catalogue incomplete:\n" + "\n".join(incomplete))
