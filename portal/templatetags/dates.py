"""The `date` filter of every template, through portal.dates (a builtin: see settings.TEMPLATES).

It replaces Django's own filter of the same name, so "1er septembre" is written wherever a French
date is shown, machina's and allauth's templates included.
"""

from django import template
from django.template import defaultfilters

from .. import dates

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    if value in (None, ""):
        return ""
    if not hasattr(value, "day"):
        return defaultfilters.date(value, arg)
    try:
        return dates.format_date(value, arg)
    except AttributeError:
        return ""


@register.filter(expects_localtime=False)
def ago(value):
    """ "à l’instant" or "il y a 5 minutes"."""
    if not value:
        return ""
    return dates.ago(value)
