"""Coordinators lose `members.view_user`, and with it the Wagtail admin's list of users.

That list shows every person's name and e-mail address, including what a member keeps for the
coordination, without the log that opening a full profile writes (R-C8). Coordinators find
people in the directory, which shows them what members see and links to the logged full
profile; administrators keep the list to manage accounts.
"""

from django.db import migrations

GROUP = "Coordination"
PERMISSION = ("members", "view_user")


def _permission(apps):
    Permission = apps.get_model("auth", "Permission")
    app_label, codename = PERMISSION
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(*_permission(apps))


def grant_again(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.add(*_permission(apps))


class Migration(migrations.Migration):
    dependencies = [("members", "0006_organisation_reference")]

    operations = [migrations.RunPython(revoke, grant_again)]
