from django.db import migrations

from bistand.reference.loaders import load_kommuner, load_occupations


def load(apps, schema_editor):
    load_kommuner(apps.get_model("reference", "Kommune"))
    load_occupations(apps.get_model("reference", "Occupation"))


class Migration(migrations.Migration):
    dependencies = [("reference", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
