"""Unread markers of forums, computed from a forum tree already in memory (one query).

machina's ForumReadTrack manager loads the ancestors of each unread forum one query at a time;
this reads the user's tracks once and walks the tree's parents in memory. The rule is machina's:
a forum is unread when something was posted in it (or below it) after the user last marked it
read, or when the user never read it and it has topics; an unread forum makes its ancestors
unread.
"""

from machina.core.db.models import get_model

ForumReadTrack = get_model("forum_tracking", "ForumReadTrack")


def unread_forums(user, tree):
    """The set of forums of `tree` (a ForumVisibilityContentTree) that `user` has not read."""
    if not user.is_authenticated or not tree.nodes:
        return set()
    nodes = tree.as_dict
    marks = dict(
        ForumReadTrack.objects.filter(user=user, forum_id__in=list(nodes)).values_list(
            "forum_id", "mark_time"
        )
    )
    unread = set()
    for forum_id, node in nodes.items():
        mark = marks.get(forum_id)
        if mark is None:
            is_unread = node.obj.direct_topics_count > 0
        else:
            is_unread = node.last_post_on is not None and mark < node.last_post_on
        while is_unread and node is not None and node.obj not in unread:
            unread.add(node.obj)
            node = node.parent
    return unread
