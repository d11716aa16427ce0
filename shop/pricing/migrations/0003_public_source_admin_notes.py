"""The stored schedules name their legal source the way the public tariff page prints it; what
the office must still confirm stays in ``assumptions``, an admin-only note (issue #17: the page
showed "as reproduced by an office's PST site (unofficial copy), DOMAIN.md table…", "Lampiran
not consulted" and "Semua harga adalah asumsi" to every visitor).

A row is rewritten only while it still holds exactly what 0002 wrote, so a source or note the
staff already corrected in the admin is left alone. Texts are copied here, frozen.
"""

from django.db import migrations, models

# name -> (what 0002 wrote, the public source)
SOURCES = {
    "PP 7/2015": (
        "PP 7/2015 (Lembaran Negara 2015 Nomor 37); Lampiran not consulted",
        "Peraturan Pemerintah Nomor 7 Tahun 2015 tentang Jenis dan Tarif atas Jenis Penerimaan "
        "Negara Bukan Pajak yang Berlaku pada Badan Pusat Statistik (Lembaran Negara Tahun 2015 "
        "Nomor 37), beserta Lampirannya",
    ),
    "PP 13/2024": (
        "PP 13/2024 Lampiran, as reproduced by an office's PST site (unofficial copy), "
        "DOMAIN.md table 'PNBP tariffs'",
        "Peraturan Pemerintah Nomor 13 Tahun 2024 tentang Jenis dan Tarif atas Jenis Penerimaan "
        "Negara Bukan Pajak yang Berlaku pada Badan Pusat Statistik, beserta Lampirannya",
    ),
}


def _swap(apps, *, forward: bool) -> None:
    Schedule = apps.get_model("pricing", "TariffSchedule")
    for name, (old, new) in SOURCES.items():
        before, after = (old, new) if forward else (new, old)
        Schedule.objects.filter(name=name, source=before).update(source=after)


def forwards(apps, schema_editor):
    _swap(apps, forward=True)


def backwards(apps, schema_editor):
    _swap(apps, forward=False)


class Migration(migrations.Migration):
    dependencies = [("pricing", "0002_regulation_schedules")]

    operations = [
        migrations.AlterField(
            model_name="tariffschedule",
            name="assumptions",
            field=models.TextField(
                blank=True,
                help_text=(
                    "Admin-only note, never shown to the public: one per line, every number or "
                    "date not yet checked against the regulation."
                ),
                verbose_name="to be confirmed by the office",
            ),
        ),
        migrations.AlterField(
            model_name="tariffschedule",
            name="source",
            field=models.TextField(
                blank=True,
                help_text="Shown on the public tariff page: the regulation and its annex (Lampiran).",
                verbose_name="legal source",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
