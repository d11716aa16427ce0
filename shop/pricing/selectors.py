"""Reads of the tariff schedules kept as data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from shop.billing import tariffs
from shop.pricing.models import TariffSchedule


def tariff_schedules() -> tuple[tariffs.TariffSchedule, ...]:
    """Every schedule as the pure ``tariffs.TariffSchedule``, oldest first.

    The rows are the source of truth; when the table is empty (a database flushed by a test,
    before the data migration ran) the built-in copies of the regulations
    (``tariffs.SCHEDULES``) stand in, so a quote is never made without a regulation.
    """
    rows = list(TariffSchedule.objects.prefetch_related("items").order_by("effective_from"))
    if not rows:
        return tariffs.SCHEDULES
    return tuple(
        tariffs.build_schedule(
            name=row.name,
            effective_from=row.effective_from,
            prices={item.code: item.price for item in row.items.all()},
            source=row.source,
            assumptions=[line for line in row.assumptions.splitlines() if line.strip()],
        )
        for row in rows
    )


def tariff_schedule_in_force(on: date) -> tariffs.TariffSchedule:
    return tariffs.schedule_in_force(on, tariff_schedules())


def tariff_schedule_is_locked(schedule: TariffSchedule, *, today: date) -> bool:
    """In force (or past) on ``today``: quotes may already name it, so it can no longer change."""
    return schedule.pk is not None and schedule.effective_from <= today


@dataclass(frozen=True)
class WorkedExample:
    title: str
    explanation: str
    quote: tariffs.Quote


def worked_examples(
    *, on: date, schedules: tuple[tariffs.TariffSchedule, ...] | None = None
) -> list[WorkedExample]:
    """Quotes of typical requests by the schedule in force ``on``, for the public tariff page.

    Each one exercises a rounding rule the page states: started 50-page blocks, 1 MB =
    1.000.000 bytes then started 1.000 bytes, processing per table, maps per map, Rp0.
    """
    schedules = tariff_schedules() if schedules is None else schedules
    cases = (
        (
            "Publikasi elektronik 120 halaman",
            "120 halaman = 3 blok 50 halaman (blok yang dimulai dihitung penuh): "
            "blok pertama ditambah 2 blok berikutnya.",
            [tariffs.EpublicationRequest(pages=120)],
            tariffs.PriceClass.BERBAYAR,
        ),
        (
            "Data mikro tanpa pengolahan, 2.345.678 byte",
            "1 MB pertama (1.000.000 byte), sisa 1.345.678 byte = 1.346 kali 1.000 byte "
            "(dibulatkan ke atas).",
            [tariffs.MicrodataRequest(size_bytes=2_345_678)],
            tariffs.PriceClass.BERBAYAR,
        ),
        (
            "Data mikro 800.000 byte",
            "Data yang lebih kecil dari 1 MB tetap dikenai tarif 1 MB pertama.",
            [tariffs.MicrodataRequest(size_bytes=800_000)],
            tariffs.PriceClass.BERBAYAR,
        ),
        (
            "Data mikro dengan pengolahan, 1.500.000 byte, 3 tabel",
            "Tarif pengolahan dihitung per tabel atas ukuran data yang dipilih.",
            [tariffs.MicrodataRequest(size_bytes=1_500_000, with_processing=True, tables=3)],
            tariffs.PriceClass.BERBAYAR,
        ),
        (
            "Dua peta WKS kabupaten/kota menurut desa/kelurahan",
            "Peta WKS dihitung per peta.",
            [tariffs.WksMapRequest(kind=tariffs.WksMapKind.KABKOTA_DESA, count=2)],
            tariffs.PriceClass.BERBAYAR,
        ),
        (
            "Instansi pemerintah, penggunaan nonkomersial, dengan surat pengantar",
            "Tarif Rp0: nilai tarif tetap dicatat, tetapi yang dibayar Rp 0.",
            [tariffs.WksMapRequest(kind=tariffs.WksMapKind.KABKOTA_KECAMATAN, count=1)],
            tariffs.PriceClass.NOL_RUPIAH,
        ),
    )
    return [
        WorkedExample(
            title=title,
            explanation=explanation,
            quote=tariffs.quote(requests, on=on, price_class=price_class, schedules=schedules),
        )
        for title, explanation, requests, price_class in cases
    ]
