"""Reads of the tariff schedules kept as data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from shop.pricing import tariffs
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
    1.000.000 bytes then started 1.000 bytes, processing per table, maps per map, Rp0. Titles
    and explanations are in the page's language (issue #17).
    """
    schedules = tariff_schedules() if schedules is None else schedules
    cases = (
        (
            _("E-publication of 120 pages"),
            _(
                "120 pages = 3 blocks of 50 pages (a started block counts in full): "
                "the first block plus 2 further blocks."
            ),
            [tariffs.EpublicationRequest(pages=120)],
            tariffs.PriceClass.BERBAYAR,
        ),
        (
            _("Microdata without processing, 2,345,678 bytes"),
            _(
                "The first 1 MB (1,000,000 bytes), then the remaining 1,345,678 bytes = 1,346 "
                "times 1,000 bytes (rounded up)."
            ),
            [tariffs.MicrodataRequest(size_bytes=2_345_678)],
            tariffs.PriceClass.BERBAYAR,
        ),
        (
            _("Microdata of 800,000 bytes"),
            _("Data smaller than 1 MB still pays the tariff of the first 1 MB."),
            [tariffs.MicrodataRequest(size_bytes=800_000)],
            tariffs.PriceClass.BERBAYAR,
        ),
        (
            _("Microdata with processing, 1,500,000 bytes, 3 tables"),
            _("The processing tariff is counted per table on the size of the chosen data."),
            [tariffs.MicrodataRequest(size_bytes=1_500_000, with_processing=True, tables=3)],
            tariffs.PriceClass.BERBAYAR,
        ),
        (
            _("Two WKS maps of a regency/city by village"),
            _("WKS maps are counted per map."),
            [tariffs.WksMapRequest(kind=tariffs.WksMapKind.KABKOTA_DESA, count=2)],
            tariffs.PriceClass.BERBAYAR,
        ),
        (
            _("A government body, non-commercial use, with a cover letter"),
            _("Rp0 tariff: the tariff value is still recorded, but Rp 0 is paid."),
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
