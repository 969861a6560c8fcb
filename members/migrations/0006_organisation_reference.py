"""Organisations get a reference of their own for helpers (R-A1, R-A11).

The reference shown for a confidential organisation used to be the start of its public id,
which helpers also meet in the directory's organisation filter: the two could be matched.
Each existing organisation draws a new random reference, in three steps because a unique
column cannot be added with one default for every row.
"""

from django.db import migrations, models

import members.models.organisations


def draw_references(apps, schema_editor):
    Organisation = apps.get_model("members", "Organisation")
    taken = set()
    # Only the primary keys are read: the test suite replays data migrations on an emptied
    # database with the models as they were before this migration, without `reference`.
    for pk in Organisation.objects.order_by("pk").values_list("pk", flat=True):
        reference = members.models.organisations.new_reference()
        while reference in taken:
            reference = members.models.organisations.new_reference()
        taken.add(reference)
        Organisation.objects.filter(pk=pk).update(reference=reference)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0005_skills_of_our_own"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="reference",
            field=models.CharField(
                editable=False, max_length=8, null=True, verbose_name="référence"
            ),
        ),
        migrations.RunPython(draw_references, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="organisation",
            name="reference",
            field=models.CharField(
                default=members.models.organisations.new_reference,
                editable=False,
                max_length=8,
                unique=True,
                verbose_name="référence",
            ),
        ),
    ]
