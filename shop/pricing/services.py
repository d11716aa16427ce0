"""Changes to the tariff schedules: create a new one, or correct one not yet in force.

Rule (issue #6, DOMAIN.md Decision "tariff schedules are versioned data with an effective
date"): a schedule in force cannot be edited, only superseded by a new one with a later date,
because quotes and orders already name it and must stay reproducible. A new schedule cannot
start in the past either: that would re-price days that were quoted under another schedule.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pst.clock import office_today
from shop.pricing import tariffs
from shop.pricing.models import TariffSchedule, TariffScheduleItem
from shop.pricing.selectors import tariff_schedule_is_locked


def tariff_schedule_check_change(
    *, schedule: TariffSchedule | None, effective_from: date, today: date | None = None
) -> None:
    """Raise ``ValidationError`` (Indonesian) unless this create/edit keeps the history intact.

    ``schedule`` is the stored row being edited (None when creating).
    """
    today = today or office_today()
    if schedule is not None and schedule.pk is not None:
        stored = TariffSchedule.objects.get(pk=schedule.pk)
        if tariff_schedule_is_locked(stored, today=today):
            raise ValidationError(
                _(
                    "A tariff schedule that is already in force cannot be changed; create a new "
                    "schedule with a later effective date."
                )
            )
    if effective_from < today:
        # Also keeps a new schedule after the one in force (which took effect on or before
        # today), so it can only supersede, never rewrite, history.
        raise ValidationError(
            _("A new tariff schedule cannot take effect in the past."), code="past"
        )
    later = TariffSchedule.objects.filter(effective_from__gte=effective_from)
    if schedule is not None and schedule.pk is not None:
        later = later.exclude(pk=schedule.pk)
    if later.filter(effective_from=effective_from).exists():
        raise ValidationError(
            _("Another tariff schedule already takes effect on that date."), code="same_day"
        )


def _check_prices(prices: Mapping[str, Decimal]) -> dict[tariffs.TariffCode, Decimal]:
    if not prices:
        raise ValidationError(_("A tariff schedule needs at least one tariff line."))
    checked = {}
    for code, price in prices.items():
        try:
            item_code = tariffs.TariffCode(code)
        except ValueError:
            raise ValidationError(_("Unknown tariff line %(code)s.") % {"code": code}) from None
        price = Decimal(price)
        if price < 0 or price != price.to_integral_value():
            raise ValidationError(_("Tariffs are whole rupiah, not negative."))
        checked[item_code] = price
    return checked


@transaction.atomic
def tariff_schedule_create(
    *,
    name: str,
    effective_from: date,
    prices: Mapping[str, Decimal],
    source: str = "",
    assumptions: str = "",
    by=None,
    today: date | None = None,
) -> TariffSchedule:
    """A new schedule that supersedes the one in force from ``effective_from`` on."""
    TariffSchedule.objects.select_for_update().all().exists()  # one writer at a time
    tariff_schedule_check_change(schedule=None, effective_from=effective_from, today=today)
    checked = _check_prices(prices)
    schedule = TariffSchedule.objects.create(
        name=name,
        effective_from=effective_from,
        source=source,
        assumptions=assumptions,
        created_by=by,
    )
    TariffScheduleItem.objects.bulk_create(
        TariffScheduleItem(schedule=schedule, code=code, price=price)
        for code, price in checked.items()
    )
    return schedule
