"""machina's admin registrations for this app, unchanged."""

from machina.apps.forum_conversation.admin import *  # noqa: F403
