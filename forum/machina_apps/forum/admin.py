"""machina's admin registrations for this app, unchanged."""

from machina.apps.forum.admin import *  # noqa: F403
