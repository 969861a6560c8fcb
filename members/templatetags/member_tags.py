"""Template tags that show people, always through members.privacy (R-C7).

`{% author_card viewer user %}` is the card the forum and later features put next to what a
person wrote: their name as this viewer may know it and a few items the viewer may see.
"""

from django import template
from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext as _

from .. import privacy, roles
from ..models import Visibility

register = template.Library()

# The items an author card shows, when the viewer may see them; the rest stays on the profile page.
AUTHOR_CARD_FIELDS = ("job_title", "organisation", "skills", "bio")
NAME_KEYS = ("display_name", "name")


@register.inclusion_tag("members/profiles/author_card.html")
def author_card(viewer, user):
    """The author of a post as `viewer` may see them in a list (privacy.listing_levels: what
    members see, coordinators included). A deleted account is "Ancien membre"."""
    if user is None:
        return {"name": _("Ancien membre"), "fields": [], "link": None}
    try:
        profile = user.profile
    except ObjectDoesNotExist:
        return {"name": _("Membre du réseau"), "fields": [], "link": None}
    fields = [
        item
        for item in privacy.visible_fields(viewer, profile, listing=True)
        if item.key in AUTHOR_CARD_FIELDS
    ]
    may_open = profile.is_active_member and roles.has_role(viewer, roles.MEMBERS)
    return {
        "name": privacy.public_name(viewer, profile, listing=True),
        "fields": fields,
        "link": user.public_id if may_open else None,
    }


@register.filter
def visibility_label(value):
    """The French label of a visibility value, as the member chose it."""
    return dict(Visibility.choices).get(value, "")
