"""machina's forum permission models, unchanged (migrations: MIGRATION_MODULES)."""

from machina.apps.forum_permission.models import *  # noqa: F403
