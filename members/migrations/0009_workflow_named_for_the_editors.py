"""Wagtail's default workflow is named for the network (issue #17, item 7).

Wagtail creates "Moderators approval" (workflow and task) for its "Moderators" group, which
0002_roles removed: editors read an English label naming a group that no longer exists, and the
task had nobody to approve. It becomes "Relecture par l’équipe d’édition", approved by Édition.
"""

from django.db import migrations

OLD_NAME = "Moderators approval"
NEW_NAME = "Relecture par l’équipe d’édition"


def rename(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Group = apps.get_model("auth", "Group")
    Workflow.objects.filter(name=OLD_NAME).update(name=NEW_NAME)
    Task.objects.filter(name=OLD_NAME).update(name=NEW_NAME)
    editors = Group.objects.filter(name="Édition").first()
    if editors is None:
        return
    for task in GroupApprovalTask.objects.filter(name=NEW_NAME):
        if not task.groups.exists():
            task.groups.add(editors)


def rename_back(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow.objects.filter(name=NEW_NAME).update(name=OLD_NAME)
    Task.objects.filter(name=NEW_NAME).update(name=OLD_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0008_organisation_coordinators_book_sessions"),
        ("wagtailcore", "0050_workflow_rejected_to_needs_changes"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
