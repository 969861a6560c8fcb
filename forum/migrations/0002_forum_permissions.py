"""The forum's rights per role, and its two restricted forums (issue #5, item 2; R-A4).

A frozen copy of forum/permissions.py (a migration must not change when the code does). It
creates "Annonces" (members read, coordinators post) and "Entre aidants" (helpers only), and the
global grants that make every other forum an ordinary members' forum. Nothing for visitors.
"""

from django.db import migrations

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
GLOBAL = {"Membres": READ + POST, "Modération": MODERATE}
FORUMS = [
    (
        "annonces",
        "Annonces",
        "Les annonces de la coordination du réseau : nouveautés, rendez-vous, informations "
        "pratiques. Seule la coordination y publie ; tous les membres les lisent.",
        {
            "Membres": {False: POST},
            "Coordination": {
                True: POST
                + ("can_post_announcements", "can_post_stickies", "can_post_without_approval")
            },
        },
    ),
    (
        "entre-aidants",
        "Entre aidants",
        "L’espace d’échange entre pairs des aidantes et aidants du réseau : pratiques, "
        "questions, préparation des rencontres d’échange (réservé aux aidant·es).",
        {
            "Membres": {False: READ + POST},
            "Aidants": {True: READ + POST},
            "Modération": {True: READ},
        },
    ),
]
ALL_CODENAMES = sorted(set(READ + POST + MODERATE + ("can_create_polls",)))


def _forum(Forum, slug, name, description):
    forum = Forum.objects.filter(slug=slug, level=0).first()
    if forum is not None:
        return forum
    # The historical model has no tree manager: place the forum as a new root by hand.
    last_tree = Forum.objects.order_by("-tree_id").values_list("tree_id", flat=True).first() or 0
    return Forum.objects.create(
        name=name,
        slug=slug,
        description=description,
        _description_rendered=f"<p>{description}</p>",
        type=0,
        parent=None,
        level=0,
        lft=1,
        rght=2,
        tree_id=last_tree + 1,
    )


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Forum = apps.get_model("forum", "Forum")
    ForumPermission = apps.get_model("forum_permission", "ForumPermission")
    GroupForumPermission = apps.get_model("forum_permission", "GroupForumPermission")

    permissions = {
        codename: ForumPermission.objects.get_or_create(codename=codename)[0]
        for codename in ALL_CODENAMES
    }
    groups = {group.name: group for group in Group.objects.all()}

    def set_perm(group_name, codename, forum, has_perm):
        GroupForumPermission.objects.update_or_create(
            group=groups[group_name],
            permission=permissions[codename],
            forum=forum,
            defaults={"has_perm": has_perm},
        )

    for group_name, codenames in GLOBAL.items():
        for codename in codenames:
            set_perm(group_name, codename, None, True)
    for slug, name, description, rules in FORUMS:
        forum = _forum(Forum, slug, name, description)
        for group_name, by_value in rules.items():
            for has_perm, codenames in by_value.items():
                for codename in codenames:
                    set_perm(group_name, codename, forum, has_perm)


def revoke(apps, schema_editor):
    GroupForumPermission = apps.get_model("forum_permission", "GroupForumPermission")
    GroupForumPermission.objects.filter(
        group__name__in=["Membres", "Aidants", "Coordination", "Modération"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("relais_forum", "0001_initial"),
        ("members", "0002_roles"),
        ("forum", "0011_auto_20190627_2132"),
        ("forum_permission", "0005_userforumpermission_authenticated_user"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
