"""The office's clock: which day and which moment it is where the office works.

Every "which day is it" on the site asks this module, never ``timezone.now().date()`` or
``date.today()`` (issue #14). Both of those give the UTC (or the server's) date, which from
00:00 to 07:00 WIB is still yesterday: an invoice issued at 06:30 WIB on 1 March would be
"valid one month" from 28 February, a kuitansi issued at 00:30 WIB on 1 January would be
numbered in the old year, and a monthly treasury report would miss the last seven hours of the
month. An office's day, month and year end at its local midnight.

An office works in WIB (UTC+7), WITA (UTC+8) or WIT (UTC+9, e.g. Sorong). The site serves one
office today, in ``settings.TIME_ZONE``; the ``office`` parameter is where another office's time
zone will be read once the site serves several (the multi-office issue), so callers already say
whose day they mean.

What is *not* a calendar day stays a duration: a kode billing expires 7 × 24 hours after it is
issued (DOMAIN.md), whatever the local calendar says.

``tests/unit/pst/test_clock_rule.py`` fails on any new ``.date()`` of an aware UTC moment or
``timezone.localdate()`` outside this module.
"""

from __future__ import annotations

import calendar as _calendar
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

__all__ = [
    "add_months",
    "local_date",
    "office_timezone",
    "office_today",
]


def office_timezone(office: object | None = None) -> ZoneInfo:
    """The time zone ``office`` keeps its calendar in (today: the site's ``TIME_ZONE``).

    ``office`` may later carry its own zone (a ``time_zone`` attribute); until offices exist as
    records, every caller gets the site's zone.
    """
    name = getattr(office, "time_zone", None) or settings.TIME_ZONE
    return ZoneInfo(name)


def local_date(moment: datetime, office: object | None = None) -> date:
    """The office's calendar day at ``moment`` (aware): 23:30 UTC is the next day in WIB."""
    if timezone.is_naive(moment):
        raise ValueError("pass a time-zone-aware datetime; a naive time has no office day")
    return moment.astimezone(office_timezone(office)).date()


def office_today(office: object | None = None) -> date:
    """Today's date at the office, which is not the UTC date between 00:00 and 07:00 WIB."""
    return local_date(timezone.now(), office)


def add_months(day: date, months: int) -> date:
    """``day`` plus whole calendar months, clamped to the month's end (31 Jan + 1 = 28/29 Feb).

    An invoice is "valid one month" (DOMAIN.md, PST order workflow step 4): issued on 31 January
    it is valid until the last day of February, not 3 March.
    """
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))
