from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("projects", "0015_hero_image_alt_caption_credit")]

    operations = [
        migrations.AddIndex(
            model_name="eventreportpage",
            index=models.Index(fields=["event_date"], name="report_event_date"),
        ),
    ]
