"""Reads of the tariff schedules kept as data."""

from __future__ import annotations

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
