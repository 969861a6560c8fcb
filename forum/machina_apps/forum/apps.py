from machina.apps.forum.apps import ForumAppConfig as MachinaForumAppConfig


class ForumAppConfig(MachinaForumAppConfig):
    """machina's forum app (label "forum"), with Relais's views (see views.py)."""

    name = "forum.machina_apps.forum"
    # The module also holds machina's config (imported above): Django must pick this one.
    default = True
