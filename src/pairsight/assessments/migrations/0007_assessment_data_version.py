from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0006_published_editions"),
    ]

    operations = [
        migrations.AddField(
            model_name="assessment",
            name="data_version",
            field=models.PositiveBigIntegerField(default=0, editable=False),
        ),
    ]
