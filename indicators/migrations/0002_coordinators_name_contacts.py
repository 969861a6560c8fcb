"""Coordinators name organisation contacts in the Wagtail admin (R-A2)."""

from django.db import migrations

GRANTS = {
    "Coordination": [
        "indicators.view_organisationcontact",
        "indicators.add_organisationcontact",
        "indicators.change_organisationcontact",
        "indicators.delete_organisationcontact",
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
        ("indicators", "0001_organisation_reports"),
        ("members", "0004_coordinator_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
