from django.db import migrations, models


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
    ]
