"""Compile the project's .po catalogues to .mo without GNU gettext.

`make run` must work on a machine with nothing but Python, where msgfmt (needed by Django's
compilemessages) is usually missing. Babel reads and writes the same formats in pure Python.
"""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile the .po files of LOCALE_PATHS into .mo files (pure Python)."

    def handle(self, *args, **options):
        compiled = 0
        for locale_dir in map(Path, settings.LOCALE_PATHS):
            for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
                with po_path.open("rb") as po_file:
                    catalogue = read_po(po_file, locale=po_path.parts[-3])
                for message, problems in catalogue.check():
                    if problems:
                        raise CommandError(f"{po_path}: {message.id!r}: {problems[0]}")
                with po_path.with_suffix(".mo").open("wb") as mo_file:
                    write_mo(mo_file, catalogue, use_fuzzy=False)
                compiled += 1
        if options["verbosity"] >= 1:
            self.stdout.write(f"{compiled} catalogue(s) compiled.")
