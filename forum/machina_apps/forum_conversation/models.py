"""machina's topic and post models, unchanged (migrations: MIGRATION_MODULES)."""

from machina.apps.forum_conversation.models import *  # noqa: F403
