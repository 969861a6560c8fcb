"""machina's forum models, unchanged (their migrations are machina's: MIGRATION_MODULES)."""

from machina.apps.forum.models import *  # noqa: F403
