"""Each microdata master version keeps the codebook it was stored with (issue #20): delivery
cuts a replaced version by its own layout. The current versions take today's codebook (it is
theirs); a retired version stored before this field keeps ``{}`` and is cut by the dataset's
codebook, as before."""

from django.db import migrations, models


def current_layouts(apps, schema_editor):
    MasterVersion = apps.get_model("catalogue", "MasterVersion")
    MicrodataDataset = apps.get_model("catalogue", "MicrodataDataset")
    for version in MasterVersion.objects.filter(kind="microdata", is_current=True):
        dataset = MicrodataDataset.objects.filter(product_id=version.product_id).first()
        if dataset is None:
            continue
        version.layout = {
            "variables": [
                {
                    "block": v.block,
                    "name": v.name,
                    "label": v.label,
                    "type": v.type,
                    "width": v.width,
                    "categories": v.categories,
                }
                for v in dataset.variables.order_by("position")
            ],
            "regions": dict(dataset.regions.values_list("code", "record_count")),
        }
        version.save(update_fields=["layout"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0036_master_versions"),
    ]

    operations = [
        migrations.AddField(
            model_name="masterversion",
            name="layout",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text="microdata: the variables and covered regions the file was stored with",
                verbose_name="codebook of this version",
            ),
        ),
        migrations.RunPython(current_layouts, migrations.RunPython.noop),
    ]
