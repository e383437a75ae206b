"""The access log by case, newest first (docs/adr/0014-access-log.md).

On PostgreSQL the index is built CONCURRENTLY: the log takes a row on every view of a
case, and a plain CREATE INDEX would block those writes for as long as the build takes
on tens of millions of rows. Hence a non-atomic migration; elsewhere (SQLite) a plain
index.
"""

from django.db import migrations, models

INDEX = models.Index(fields=["case_id", "at"], name="accesslog_case_at_idx")


def create(apps, schema_editor):
    model = apps.get_model("access", "AccessLog")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS accesslog_case_at_idx "
            'ON access_accesslog ("case_id", "at")'
        )
    else:
        schema_editor.add_index(model, INDEX)


def drop(apps, schema_editor):
    model = apps.get_model("access", "AccessLog")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX CONCURRENTLY IF EXISTS accesslog_case_at_idx")
    else:
        schema_editor.remove_index(model, INDEX)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("access", "0005_alter_accesslog_kind")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddIndex(model_name="accesslog", index=INDEX)],
            database_operations=[migrations.RunPython(create, drop)],
        )
    ]
