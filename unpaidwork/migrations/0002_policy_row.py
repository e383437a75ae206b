"""The one unpaid work policy row, with DOMAIN.md §5's defaults, for administrators to
edit (policy as data: the admin never adds or deletes it)."""

from django.db import migrations


def create_policy(apps, schema_editor):
    policy = apps.get_model("unpaidwork", "UnpaidWorkPolicy")
    if not policy.objects.exists():
        policy.objects.create()


class Migration(migrations.Migration):
    dependencies = [("unpaidwork", "0001_initial")]

    operations = [migrations.RunPython(create_policy, migrations.RunPython.noop)]
