"""machina's read-marker models, unchanged (migrations: MIGRATION_MODULES)."""

from machina.apps.forum_tracking.models import *  # noqa: F403
