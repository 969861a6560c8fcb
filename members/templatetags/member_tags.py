"""Template tags that show people, always through members.privacy (R-C7).

`{% author_card viewer user %}` is the card the forum and later features put next to what a
person wrote: their name as this viewer may know it and a few items the viewer may see.
"""

from django import template

from .. import privacy
from ..models import Visibility

register = template.Library()


@register.inclusion_tag("members/profiles/author_card.html")
def author_card(viewer, user):
    """The author of a post as `viewer` may see them in a list (privacy.listing_levels: what
    members see, coordinators included), linked to their profile when privacy's person presenter
    says the viewer may open it. A deleted account is "Ancien membre"."""
    person = privacy.person_for(viewer, user, context=privacy.LISTING)
    return {"name": person.name, "fields": list(person.card), "link": person.link}


@register.filter
def visibility_label(value):
    """The French label of a visibility value, as the member chose it."""
    return dict(Visibility.choices).get(value, "")
