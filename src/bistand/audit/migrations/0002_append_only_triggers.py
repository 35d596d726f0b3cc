"""On PostgreSQL the database itself refuses UPDATE and DELETE on the append-only tables.

SQLite (the embedded default) relies on the model and queryset guards: Django's test
flush on SQLite deletes rows, which a trigger would refuse. TRUNCATE, used by
PostgreSQL's flush, fires no row trigger.
"""

from django.db import migrations

TABLES = ["audit_accesslogentry", "audit_accesslogsubject", "audit_changeentry", "people_statuschange"]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE OR REPLACE FUNCTION bistand_append_only() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION 'table %% is append-only', TG_TABLE_NAME; END $$ LANGUAGE plpgsql"
    )
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION bistand_append_only()"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS bistand_append_only()")


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial"), ("people", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
