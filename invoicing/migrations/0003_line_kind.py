from django.db import migrations, models


def name_each_line(apps, schema_editor):
    """Lines written before: a late cancellation keeps its name; a missed session (its session's
    status, when the session still exists) is named as missed."""
    InvoiceLine = apps.get_model("invoicing", "InvoiceLine")
    InvoiceLine.objects.filter(late_cancellation=True).update(kind="late_cancel")
    InvoiceLine.objects.filter(late_cancellation=False, session__status="no_show").update(
        kind="no_show"
    )


def keep_late_cancellations(apps, schema_editor):
    InvoiceLine = apps.get_model("invoicing", "InvoiceLine")
    InvoiceLine.objects.filter(kind="late_cancel").update(late_cancellation=True)


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0003_pairs_and_horizon"),
        ("invoicing", "0002_coordinators_edit_billing_settings"),
    ]

    operations = [
        migrations.AddField(
            model_name="invoiceline",
            name="kind",
            field=models.CharField(
                choices=[
                    ("held", "Entretien"),
                    ("no_show", "Entretien manqué par le membre (dû)"),
                    ("late_cancel", "Entretien annulé tardivement par le membre (dû)"),
                ],
                default="held",
                max_length=16,
                verbose_name="nature",
            ),
        ),
        migrations.RunPython(name_each_line, keep_late_cancellations),
        migrations.RemoveField(model_name="invoiceline", name="late_cancellation"),
    ]
