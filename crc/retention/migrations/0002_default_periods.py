"""Seed the retention periods from crc/retention/defaults.py; administrators edit the rows
afterwards. Re-running changes nothing that already exists."""

from django.db import migrations


def seed(apps, schema_editor):
    from crc.retention.defaults import PERIODS

    RetentionPeriod = apps.get_model("retention", "RetentionPeriod")
    for record_type, (years, counted_from) in PERIODS.items():
        RetentionPeriod.objects.get_or_create(
            record_type=record_type, defaults={"years": years, "counted_from": counted_from}
        )


class Migration(migrations.Migration):
    dependencies = [("retention", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
