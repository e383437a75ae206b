"""On PostgreSQL, make the access log append-only in the database too: the model refuses
updates and deletes, and this trigger refuses them from any other client."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION access_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'access_accesslog is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER access_log_no_update_or_delete
    BEFORE UPDATE OR DELETE ON access_accesslog
    FOR EACH ROW EXECUTE FUNCTION access_log_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS access_log_no_update_or_delete ON access_accesslog;
DROP FUNCTION IF EXISTS access_log_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("access", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
