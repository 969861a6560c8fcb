"""Who may do what in the forum, in one table (issue #5, item 2; R-C14, R-A4).

The rights live in machina's GroupForumPermission rows, which the data migration
forum/migrations/0002_forum_permissions.py creates from a frozen copy of this table; the tests
(forum/tests/test_permissions.py) check the database against it, role by role and forum kind by
forum kind. Nobody gets anything as a visitor or merely for being logged in
(MACHINA_DEFAULT_AUTHENTICATED_USER_FORUM_PERMISSIONS = []), and every forum page is for members
only anyway (forum/access.py).

How machina combines them: a grant with no forum is global; a grant or a denial on one forum
overrides the global grants for that forum; the grants of all of a person's groups add up.
So:
- ordinary forums need nothing: the global grants of Membres apply, and a forum a coordinator
  creates in the admin is an ordinary forum at once;
- "Annonces" denies Membres the posting rights, and grants them to Coordination;
- "Entre aidants" denies Membres everything (not even seen), and grants it to Aidants, and to
  Modération for reading and moderating;
- a new restricted forum gets the same denials and grants, by hand in the admin
  ("Forums" > the forum > "Permissions") or by a data migration (docs/forum-member-guide.md).

Membres never get "can_post_without_approval": the moderation app grants it to a member, on
their own, once enough of their posts were approved (forum/moderation/).
"""

ANNOUNCEMENTS_SLUG = "annonces"
HELPERS_SLUG = "entre-aidants"

READ = ("can_see_forum", "can_read_forum", "can_download_file")
POST = (
    "can_start_new_topics",
    "can_reply_to_topics",
    "can_edit_own_posts",
    "can_attach_file",
    "can_vote_in_polls",
)
MODERATE = (
    "can_approve_posts",
    "can_edit_posts",
    "can_delete_posts",
    "can_lock_topics",
    "can_move_topics",
    "can_post_stickies",
    "can_post_announcements",
    "can_reply_to_locked_topics",
    "can_post_without_approval",
)

# Global grants (forum=None), by group.
GLOBAL = {
    "Membres": READ + POST,
    "Modération": MODERATE,
}

# Per-forum grants (True) and denials (False), by forum slug and group.
PER_FORUM = {
    ANNOUNCEMENTS_SLUG: {
        "Membres": {False: POST},
        "Coordination": {
            True: POST
            + ("can_post_announcements", "can_post_stickies", "can_post_without_approval")
        },
    },
    HELPERS_SLUG: {
        "Membres": {False: READ + POST},
        "Aidants": {True: READ + POST},
        "Modération": {True: READ},
    },
}
