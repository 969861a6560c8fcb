"""machina's admin registrations for this app, unchanged."""

from machina.apps.forum_permission.admin import *  # noqa: F403
