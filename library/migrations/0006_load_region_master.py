"""Loads the region master (issue #21): Indonesia, the 38 provinces and the 514 kabupaten/kota
with their BPS and Kemendagri codes and other names (library/regions.py, docs/regions.md).

Existing regions keep their id and name (every page and product pointing at them still does);
kecamatan and desa are loaded by ``manage.py load_regions --level kecamatan|desa``."""

from django.db import migrations


def load(apps, schema_editor):
    from library.regions import master, sync_regions

    sync_regions(apps.get_model("library", "Region"), master())


class Migration(migrations.Migration):
    dependencies = [("library", "0005_region_master")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
