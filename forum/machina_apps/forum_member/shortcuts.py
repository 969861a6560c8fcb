"""machina asks here how to name a member: by their forum display name (forum/identity.py)."""

from forum.identity import display_name


def get_forum_member_display_name(user):
    return display_name(user)
