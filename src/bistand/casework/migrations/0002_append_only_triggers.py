"""On PostgreSQL the database refuses UPDATE and DELETE on the casework logs that keep
history by adding rows (see audit 0002 for why SQLite relies on the model guards)."""

from django.db import migrations

TABLES = [
    "casework_phasechange",
    "casework_vocationalprofileversion",
    "casework_planreview",
    "casework_youthfollowup",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
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


class Migration(migrations.Migration):
    # bistand_append_only() is created by audit 0002.
    dependencies = [("casework", "0001_journey"), ("audit", "0002_append_only_triggers")]
    operations = [migrations.RunPython(forwards, backwards)]
