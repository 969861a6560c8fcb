from django import template

from indicators import suppression

register = template.Library()


@register.simple_tag
def small_count_threshold():
    return suppression.threshold()
