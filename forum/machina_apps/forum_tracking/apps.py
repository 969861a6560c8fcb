from machina.apps.forum_tracking.apps import (
    ForumTrackingAppConfig as MachinaForumTrackingAppConfig,
)


class ForumTrackingAppConfig(MachinaForumTrackingAppConfig):
    """machina's read markers (label "forum_tracking"), with Relais's views."""

    name = "forum.machina_apps.forum_tracking"
    # The module also holds machina's config (imported above): Django must pick this one.
    default = True
