"""Create the network's roles as groups, with only the permissions each needs (issue #3, item 4).

Wagtail's own default groups ("Moderators", "Editors") are removed: their names clash with the
network's roles (a forum moderator is not a page moderator) and their rights are re-granted to
the Édition group explicitly here.
"""

from django.db import migrations

ROLE_PERMISSIONS = {
    "Membres": [],
    "Aidants": [],
    # No members.change_user: Wagtail's user form lets whoever holds it grant the superuser
    # flag and any group. Coordinators get their own tools in the portal instead.
    "Coordination": [
        "wagtailadmin.access_admin",
        "members.view_user",
    ],
    "Modération": [],
    "Édition": [
        "wagtailadmin.access_admin",
        "home.add_theme",
        "home.change_theme",
        "home.delete_theme",
        "home.change_sitelinks",
        "wagtailcore.view_collection",
    ],
}
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
]


def _ensure_permissions(apps):
    # Permissions of models created in this same migrate run do not exist yet.
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def _permission(apps, dotted):
    Permission = apps.get_model("auth", "Permission")
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def create_roles(apps, schema_editor):
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    Group.objects.filter(name__in=["Moderators", "Editors"]).delete()

    for name, dotted_permissions in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set([_permission(apps, dotted) for dotted in dotted_permissions])

    editors = Group.objects.get(name="Édition")
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        for codename in EDITOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=editors, page=root, permission=_permission(apps, f"wagtailcore.{codename}")
            )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for app_label, codename in EDITOR_COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=editors,
                collection=root_collection,
                permission=_permission(apps, f"{app_label}.{codename}"),
            )


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=list(ROLE_PERMISSIONS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0001_initial"),
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
