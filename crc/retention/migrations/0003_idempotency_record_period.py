"""The default period for stored idempotent API responses (crc/api/retention.py), from
crc/retention/defaults.py. A period an administrator already set is left alone."""

from django.db import migrations

RECORD_TYPE = "idempotency_record"


def seed(apps, schema_editor):
    from crc.retention.defaults import PERIODS

    RetentionPeriod = apps.get_model("retention", "RetentionPeriod")
    years, counted_from = PERIODS[RECORD_TYPE]
    RetentionPeriod.objects.get_or_create(
        record_type=RECORD_TYPE, defaults={"years": years, "counted_from": counted_from}
    )


def unseed(apps, schema_editor):
    apps.get_model("retention", "RetentionPeriod").objects.filter(
        record_type=RECORD_TYPE
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("retention", "0002_default_periods")]

    operations = [migrations.RunPython(seed, unseed)]
