"""The access log append-only in the database on both engines, TRUNCATE included.

PostgreSQL: 0002's row trigger refuses UPDATE and DELETE; a statement trigger now
refuses TRUNCATE too (row triggers never fire for it). SQLite: UPDATE and DELETE
triggers (SQLite has no TRUNCATE). Together with the application role that neither
owns the table nor holds UPDATE, DELETE or TRUNCATE on it (`manage.py db_app_role`),
no process of the service can change or remove a row.

The SQL is written out here, not imported, so this migration means the same thing
whatever later code says; crc/access/append_only.py names the same triggers.
"""

from django.db import migrations

POSTGRESQL_CREATE = """
CREATE TRIGGER access_log_no_truncate
    BEFORE TRUNCATE ON access_accesslog
    FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only();
"""
POSTGRESQL_DROP = "DROP TRIGGER IF EXISTS access_log_no_truncate ON access_accesslog;"

SQLITE_CREATE = [
    """
    CREATE TRIGGER IF NOT EXISTS access_log_no_update BEFORE UPDATE ON access_accesslog
    BEGIN SELECT RAISE(ABORT, 'access_accesslog is append-only'); END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS access_log_no_delete BEFORE DELETE ON access_accesslog
    BEGIN SELECT RAISE(ABORT, 'access_accesslog is append-only'); END
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS access_log_no_update",
    "DROP TRIGGER IF EXISTS access_log_no_delete",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_CREATE)
    elif vendor == "sqlite":
        for sql in SQLITE_CREATE:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_DROP)
    elif vendor == "sqlite":
        for sql in SQLITE_DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("access", "0002_append_only_trigger")]
    operations = [migrations.RunPython(forwards, backwards)]
