from django.utils.translation import gettext_lazy as _
from machina.apps.forum_moderation.apps import ForumModerationAppConfig


class RelaisForumModerationConfig(ForumModerationAppConfig):
    """Takes the place of machina.apps.forum_moderation in INSTALLED_APPS (same label)."""

    name = "forum.machina_apps.forum_moderation"
    # The module also holds machina's config (imported above): Django must pick this one.
    default = True
    verbose_name = _("Forum : outils de modération")
