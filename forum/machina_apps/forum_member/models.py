"""machina's forum profile model, unchanged (migrations: MIGRATION_MODULES)."""

from machina.apps.forum_member.models import *  # noqa: F403
