"""machina's admin registrations for this app, unchanged."""

from machina.apps.forum_tracking.admin import *  # noqa: F403
