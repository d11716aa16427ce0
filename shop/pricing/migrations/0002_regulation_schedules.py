"""Load the two regulations' schedules (copied here, frozen: later code changes do not alter
what this migration wrote). Prices: DOMAIN.md table (PP 13/2024); PP 7/2015 assumed equal, see
``shop/pricing/tariffs.py`` for the sources and every assumption."""

import datetime
from decimal import Decimal

from django.db import migrations

PRICES = {
    "EPUB_FIRST_50": 50_000,
    "EPUB_NEXT_50": 15_000,
    "MICRODATA_FIRST_MB": 20_000,
    "MICRODATA_NEXT_1000B": 20,
    "MICRODATA_PROCESSED_FIRST_MB": 22_000,
    "MICRODATA_PROCESSED_NEXT_1000B": 22,
    "WKS_NATIONAL_KECAMATAN": 12_000_000,
    "WKS_NATIONAL_DESA": 36_000_000,
    "WKS_KABKOTA_KECAMATAN": 30_000,
    "WKS_KABKOTA_DESA": 70_000,
}

SCHEDULES = (
    (
        "PP 7/2015",
        datetime.date(2015, 2, 10),
        "PP 7/2015 (Lembaran Negara 2015 Nomor 37); Lampiran not consulted",
        "Semua harga adalah asumsi (disamakan dengan PP 13/2024); Lampiran PP 7/2015 belum "
        "dicocokkan.\n"
        "Tanggal berlaku 2015-02-10 adalah asumsi (Februari 2015; tanggal pasti belum dicek).\n"
        "Publikasi cetakan (PP 7/2015 Pasal 1 ayat (1) huruf a) tidak dijual daring dan tidak "
        "dimuat.",
    ),
    (
        "PP 13/2024",
        datetime.date(2024, 3, 1),
        "PP 13/2024 Lampiran, as reproduced by an office's PST site (unofficial copy), "
        "DOMAIN.md table 'PNBP tariffs'",
        "Tanggal berlaku 2024-03-01 adalah asumsi; ganti dengan tanggal pada pasal penutup "
        "PP 13/2024.\n"
        "Harga dari salinan tidak resmi (situs PST satu kantor); cocokkan dengan Lampiran resmi.",
    ),
)


def load(apps, schema_editor):
    Schedule = apps.get_model("pricing", "TariffSchedule")
    Item = apps.get_model("pricing", "TariffScheduleItem")
    for name, effective_from, source, assumptions in SCHEDULES:
        schedule, created = Schedule.objects.get_or_create(
            name=name,
            defaults={
                "effective_from": effective_from,
                "source": source,
                "assumptions": assumptions,
            },
        )
        if created:
            Item.objects.bulk_create(
                Item(schedule=schedule, code=code, price=Decimal(price))
                for code, price in PRICES.items()
            )


class Migration(migrations.Migration):
    dependencies = [("pricing", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
