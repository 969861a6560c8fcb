from django import template

from .. import money

register = template.Library()


@register.filter
def euros(value):
    return money.euros(value)
