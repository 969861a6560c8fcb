"""Which forum permissions a person holds on each forum, in one pass over the rows.

machina 1.3.1's checker, when given several forums, lets a group's denial on one forum remove
that group's global grants from every forum checked after it in the same call: one restricted
forum ("Entre aidants") then hid every ordinary forum listed after it. This checker computes
each forum on its own, from the same two queries, with this order of precedence (the first
rule that says something about a permission decides):

1. a row for this user on this forum;
2. rows for the user's groups on this forum (a grant by any group wins over a denial);
3. a row for "any logged-in user" on this forum;
4. a global row for this user, then for their groups (a grant wins), then for any logged-in
   user;
5. MACHINA_DEFAULT_AUTHENTICATED_USER_FORUM_PERMISSIONS (empty in Relais).

Visitors only ever get rows marked for anonymous users (Relais has none). Inactive users have
no permission; superusers have them all.
"""

from collections import OrderedDict

from django.db.models import Q
from machina.apps.forum_permission import checker as machina_checker
from machina.conf import settings as machina_settings

GroupForumPermission = machina_checker.GroupForumPermission
UserForumPermission = machina_checker.UserForumPermission

UNDECIDED = None


def _decide(rows):
    """True if any row grants, False if rows only deny, None without rows."""
    if not rows:
        return UNDECIDED
    return any(row.has_perm for row in rows)


class ForumPermissionChecker(machina_checker.ForumPermissionChecker):
    def get_perms_for_forumlist(self, forums, perm_codenames=None):
        forum_ids = [forum.pk for forum in forums if forum is not None]
        scope = Q(forum__isnull=True) | Q(forum_id__in=forum_ids)
        user_rows = UserForumPermission.objects.filter(scope).select_related("permission")
        group_rows = GroupForumPermission.objects.none()
        if self.user.is_anonymous:
            user_rows = user_rows.filter(anonymous_user=True)
        else:
            user_rows = user_rows.filter(Q(user=self.user) | Q(authenticated_user=True))
            group_rows = GroupForumPermission.objects.filter(
                scope, group__in=self.user.groups.all()
            ).select_related("permission")
        if perm_codenames:
            user_rows = user_rows.filter(permission__codename__in=perm_codenames)
            group_rows = group_rows.filter(permission__codename__in=perm_codenames)

        # (forum id or None, codename) -> rows, one table per kind of target
        own, everyone, groups = {}, {}, {}
        for row in user_rows:
            target = everyone if (row.authenticated_user or row.anonymous_user) else own
            target.setdefault((row.forum_id, row.permission.codename), []).append(row)
        for row in group_rows:
            groups.setdefault((row.forum_id, row.permission.codename), []).append(row)
        codenames = {codename for table in (own, everyone, groups) for _f, codename in table}

        global_grants = set()
        for codename in codenames:
            for table in (own, groups, everyone):
                decided = _decide(table.get((None, codename)))
                if decided is not UNDECIDED:
                    if decided:
                        global_grants.add(codename)
                    break
        if self.user.is_authenticated and not any(key[0] is None for key in own):
            global_grants |= set(machina_settings.DEFAULT_AUTHENTICATED_USER_FORUM_PERMISSIONS)

        result = OrderedDict()
        for forum in forums:
            forum_id = forum.pk if forum is not None else None
            granted = set()
            for codename in codenames | global_grants:
                decided = UNDECIDED
                if forum_id is not None:
                    for table in (own, groups, everyone):
                        decided = _decide(table.get((forum_id, codename)))
                        if decided is not UNDECIDED:
                            break
                if decided is UNDECIDED:
                    decided = codename in global_grants
                if decided:
                    granted.add(codename)
            result[forum] = granted
        return result
