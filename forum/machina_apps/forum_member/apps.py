from machina.apps.forum_member.apps import ForumMemberAppConfig as MachinaForumMemberAppConfig


class ForumMemberAppConfig(MachinaForumMemberAppConfig):
    """machina's member app (label "forum_member"): forum display names instead of usernames."""

    name = "forum.machina_apps.forum_member"
    # The module also holds machina's config (imported above): Django must pick this one.
    default = True
