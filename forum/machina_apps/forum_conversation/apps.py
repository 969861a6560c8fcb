from machina.apps.forum_conversation.apps import (
    ForumConversationAppConfig as MachinaForumConversationAppConfig,
)


class ForumConversationAppConfig(MachinaForumConversationAppConfig):
    """machina's conversation app (label "forum_conversation"), with Relais's views."""

    name = "forum.machina_apps.forum_conversation"
    # The module also holds machina's config (imported above): Django must pick this one.
    default = True
