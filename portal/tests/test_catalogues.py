"""The French and English catalogues ship complete (issue #3, item 5)."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command


def _catalogue(language):
    path = Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"
    with path.open("rb") as po_file:
        return read_po(po_file, locale=language)


def _untranslated(catalogue):
    missing = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(message.id)
    return missing


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_entry_of_the_catalogue_is_translated(language):
    assert _untranslated(_catalogue(language)) == []


def test_the_french_catalogue_needs_no_filling():
    call_command("fill_french_catalogue", check=True, verbosity=0)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_placeholders_survive_in_the_translations(language):
    catalogue = _catalogue(language)
    problems = [(message.id, errors) for message, errors in catalogue.check() if errors]
    assert problems == []
