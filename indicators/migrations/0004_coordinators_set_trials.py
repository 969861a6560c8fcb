"""Coordinators declare trial periods and their goals in the Wagtail admin (R-P9)."""

from django.db import migrations

GRANTS = {
    "Coordination": [
        "indicators.view_trial",
        "indicators.add_trial",
        "indicators.change_trial",
        "indicators.delete_trial",
    ],
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, dotted in GRANTS.items():
        group = Group.objects.get(name=group_name)
        for name in dotted:
            app_label, codename = name.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, dotted in GRANTS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for name in dotted:
            app_label, codename = name.split(".")
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0003_trial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
