from machina.apps.forum_permission.apps import (
    ForumPermissionAppConfig as MachinaForumPermissionAppConfig,
)


class ForumPermissionAppConfig(MachinaForumPermissionAppConfig):
    """machina's forum permissions (label "forum_permission"), with Relais's checker."""

    name = "forum.machina_apps.forum_permission"
    # The module also holds machina's config (imported above): Django must pick this one.
    default = True
