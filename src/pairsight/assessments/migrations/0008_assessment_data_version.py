from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0007_restore_job_done_by_the_worker"),
    ]

    operations = [
        migrations.AddField(
            model_name="assessment",
            name="data_version",
            field=models.PositiveBigIntegerField(default=0, editable=False),
        ),
    ]
