"""The synonym list librarians start from (issue #5); they edit it as a Wagtail snippet."""

from django.db import migrations

SYNONYMS = (
    ("Susenas, Survei Sosial Ekonomi Nasional", "Survei rumah tangga, Maret dan September"),
    ("Sakernas, Survei Angkatan Kerja Nasional", "Ketenagakerjaan"),
    ("IPM, Indeks Pembangunan Manusia", ""),
    ("PDRB, Produk Domestik Regional Bruto", ""),
    ("PDB, Produk Domestik Bruto", ""),
    ("IHK, Indeks Harga Konsumen", "Inflasi"),
    ("NTP, Nilai Tukar Petani", ""),
    ("TPT, Tingkat Pengangguran Terbuka", ""),
    ("TPAK, Tingkat Partisipasi Angkatan Kerja", ""),
    ("Podes, Potensi Desa", ""),
    ("SUPAS, Survei Penduduk Antar Sensus", ""),
    ("Wisman, Wisatawan Mancanegara", ""),
    ("WKS, Wilayah Kerja Statistik", "Peta"),
    ("Kabupaten, Kab", ""),
)


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for terms, note in SYNONYMS:
        Synonym.objects.get_or_create(terms=terms, defaults={"note": note})


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext_index")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
