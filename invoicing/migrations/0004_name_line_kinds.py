# In a migration of its own, after the field exists: the test suite replays data migrations
# with the models as they stood when each migration began (conftest.restore_migration_data).
from django.db import migrations


def name_each_line(apps, schema_editor):
    """Lines written before: a late cancellation keeps its name; a missed session (its session's
    status, when the session still exists) is named as missed."""
    InvoiceLine = apps.get_model("invoicing", "InvoiceLine")
    # Nothing to name in an empty table (and the suite replays this step on one whose column
    # is gone: conftest.restore_migration_data).
    if not InvoiceLine.objects.exists():
        return
    InvoiceLine.objects.filter(late_cancellation=True).update(kind="late_cancel")
    InvoiceLine.objects.filter(late_cancellation=False, session__status="no_show").update(
        kind="no_show"
    )


def keep_late_cancellations(apps, schema_editor):
    InvoiceLine = apps.get_model("invoicing", "InvoiceLine")
    InvoiceLine.objects.filter(kind="late_cancel").update(late_cancellation=True)


class Migration(migrations.Migration):
    dependencies = [("invoicing", "0003_line_kind")]

    operations = [
        migrations.RunPython(name_each_line, keep_late_cancellations),
        migrations.RemoveField(model_name="invoiceline", name="late_cancellation"),
    ]
