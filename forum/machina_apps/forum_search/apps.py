from machina.apps.forum_search.apps import ForumSearchAppConfig as MachinaForumSearchAppConfig


class ForumSearchAppConfig(MachinaForumSearchAppConfig):
    """machina's forum search (label "forum_search"), with Relais's view."""

    name = "forum.machina_apps.forum_search"
    # The module also holds machina's config (imported above): Django must pick this one.
    default = True
