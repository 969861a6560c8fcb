"""machina's admin registrations for this app, unchanged."""

from machina.apps.forum_member.admin import *  # noqa: F403
