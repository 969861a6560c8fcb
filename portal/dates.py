"""Dates as people read them (issue #17, items 3 and 8).

Every date Relais shows goes through `format_date`: the `date` template filter is replaced by
portal.templatetags.dates (a template builtin, so machina's and allauth's templates use it too)
and Python code that formats a date calls it. It uses the locale's formats (portal/formats/) and
writes the first day of a month as French does: "1er septembre", not "1 septembre".

`ago` says how long ago something happened without "il y a 0 minute".
"""

import datetime

from django.utils import formats, timezone, translation
from django.utils.timesince import timesince
from django.utils.translation import gettext


def _first_day_format(format_string):
    """The format with each unescaped "j" (day of the month) written as a literal "1er"."""
    out = []
    escaped = False
    for char in format_string:
        if escaped:
            out.append("\\" + char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "j":
            out.append(r"1\e\r")
        else:
            out.append(char)
    if escaped:
        out.append("\\")
    return "".join(out)


def format_date(value, format_string=None):
    """`value` (a date or datetime, in local time already) in `format_string`, a format name
    ("DATE_FORMAT", the default) or a format of Django's date filter."""
    resolved = formats.get_format(format_string or "DATE_FORMAT")
    day = getattr(value, "day", None)
    if day == 1 and translation.get_language() and translation.get_language().startswith("fr"):
        resolved = _first_day_format(resolved)
    return formats.date_format(value, resolved)


def ago(value, now=None):
    """How long ago `value` was: "à l’instant" under a minute, else "il y a 5 minutes"."""
    now = now or timezone.now()
    if isinstance(value, datetime.datetime) and (now - value) < datetime.timedelta(minutes=1):
        return gettext("à l’instant")
    return gettext("il y a %(duration)s") % {"duration": timesince(value, now)}
