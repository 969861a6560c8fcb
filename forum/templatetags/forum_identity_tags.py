"""How the forum shows a person: their forum name, and the card their privacy choices allow.

`{{ user|forum_name }}` is the forum display name (forum/identity.py). `{% forum_author_card
viewer user %}` shows that name and, only when the author chose to link their forum name to
their member card, what members/privacy.py lets this viewer see of their profile (through the
members' own `author_card`): never an e-mail, phone or organisation the author did not show.
"""

from django import template
from django.core.exceptions import ObjectDoesNotExist

from members.templatetags.member_tags import author_card

from .. import identity

register = template.Library()


@register.filter
def forum_name(user):
    return identity.display_name(user)


@register.inclusion_tag("members/profiles/author_card.html")
def forum_author_card(viewer, user):
    name = identity.display_name(user)
    card = {"name": name, "fields": [], "link": None, "in_forum": True}
    if user is None:
        return {**card, "deleted": True}
    try:
        forum_identity = user.forum_identity
    except ObjectDoesNotExist:
        return card
    if not forum_identity.linked_to_profile:
        return {**card, "forum_id": forum_identity.public_id}
    linked = author_card(viewer, user)  # what members.privacy lets this viewer see
    return {**linked, "name": name, "in_forum": True, "forum_id": forum_identity.public_id}
