"""More of the statistical abbreviations readers type (issue #21: "keep them, extend the list"),
and the English names of the Indonesian series. Librarians edit them as a Wagtail snippet; a
row they changed or deleted is left as they left it."""

from django.db import migrations

# Function words inside a term ("dalam", "in") are skipped as at indexing: "Dalam Angka" matches
# "angka" in the place where the title has "Dalam Angka".
SYNONYMS = (
    ("Dalam Angka, In Figures", "Judul seri tahunan dan edisi bahasa Inggrisnya"),
    ("Statistik, Statistics", ""),
    ("Kesra, Kesejahteraan Rakyat, Welfare", ""),
    ("Lansia, Lanjut Usia, Elderly", ""),
    ("KSA, Kerangka Sampel Area", "Produksi padi"),
    ("ST2023, Sensus Pertanian 2023", ""),
    ("SP2020, Sensus Penduduk 2020", ""),
    ("SE2016, Sensus Ekonomi 2016", ""),
    ("IPG, Indeks Pembangunan Gender", ""),
    ("IKG, Indeks Ketimpangan Gender", ""),
    ("IPAK, Indeks Perilaku Anti Korupsi", ""),
    ("TPK, Tingkat Penghunian Kamar", "Hotel"),
    ("APS, Angka Partisipasi Sekolah", ""),
    ("APK, Angka Partisipasi Kasar", ""),
    ("APM, Angka Partisipasi Murni", ""),
    ("RLS, Rata-rata Lama Sekolah", ""),
    ("HLS, Harapan Lama Sekolah", ""),
    ("UHH, Umur Harapan Hidup", ""),
    ("UMP, Upah Minimum Provinsi", ""),
    ("KBLI, Klasifikasi Baku Lapangan Usaha Indonesia", ""),
    ("IBS, Industri Besar Sedang", ""),
    ("IMK, Industri Mikro Kecil", ""),
    ("UMKM, Usaha Mikro Kecil Menengah", ""),
    ("BRS, Berita Resmi Statistik", ""),
    ("CPO, Minyak Sawit, Crude Palm Oil", ""),
    ("Wisnus, Wisatawan Nusantara", ""),
    ("NTN, Nilai Tukar Nelayan", ""),
    ("PMTB, Pembentukan Modal Tetap Bruto", ""),
    ("Gini, Rasio Gini, Ketimpangan Pengeluaran", ""),
    ("Kemiskinan, Poverty", ""),
    ("Pengangguran, Unemployment", ""),
    ("Angkatan Kerja, Labor Force, Labour Force", ""),
    ("Inflasi, Inflation", ""),
    ("Penduduk, Population", ""),
    ("Pariwisata, Tourism", ""),
    ("Ekspor, Export, Exports", ""),
    ("Impor, Import, Imports", ""),
    ("Kelapa Sawit, Oil Palm", ""),
)
# The seeded rows that gain the English name (only while they are as seeded).
EXTENDED = {
    "IPM, Indeks Pembangunan Manusia": "IPM, Indeks Pembangunan Manusia, HDI, Human Development Index",
    "PDRB, Produk Domestik Regional Bruto": (
        "PDRB, Produk Domestik Regional Bruto, GRDP, Gross Regional Domestic Product"
    ),
    "PDB, Produk Domestik Bruto": "PDB, Produk Domestik Bruto, GDP, Gross Domestic Product",
}


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for old, new in EXTENDED.items():
        Synonym.objects.filter(terms=old).update(terms=new)
    for terms, note in SYNONYMS:
        Synonym.objects.get_or_create(terms=terms, defaults={"note": note})


def unseed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.filter(terms__in=[terms for terms, _ in SYNONYMS]).delete()
    for old, new in EXTENDED.items():
        Synonym.objects.filter(terms=new).update(terms=old)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_facet_terms_and_index_version")]

    operations = [migrations.RunPython(seed, unseed)]
