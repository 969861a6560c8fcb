"""Coordinators set the billing settings (rates, threshold, VAT, recipient) in the Wagtail admin,
as they set the membership settings (members/migrations/0004_coordinator_permissions.py)."""

from django.db import migrations

GRANTS = {"Coordination": ["invoicing.change_billingsettings"]}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, dotted in GRANTS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
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
        ("invoicing", "0001_initial"),
        ("members", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
