"""Coordinators set the forum's approval threshold in the Wagtail admin (issue #5).

Moderators do not get into the admin: the admin is guarded by two-factor authentication for the
roles that hold member data, and a moderator's work is in the forum itself.
"""

from django.db import migrations

GRANTS = {
    "Coordination": ["relais_moderation.change_forummoderationsettings"],
}


def _permissions(apps, dotted_names):
    Permission = apps.get_model("auth", "Permission")
    for name in dotted_names:
        app_label, codename = name.split(".")
        yield Permission.objects.get(content_type__app_label=app_label, codename=codename)


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for group_name, dotted in GRANTS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        group.permissions.add(*_permissions(apps, dotted))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group_name, dotted in GRANTS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is not None:
            group.permissions.remove(*_permissions(apps, dotted))


class Migration(migrations.Migration):
    dependencies = [
        ("relais_moderation", "0001_initial"),
        ("members", "0004_coordinator_permissions"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
