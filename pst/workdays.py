"""Working days (hari kerja) of the office, and the deadlines counted in them.

A working day is Monday to Friday, less Indonesia's national holidays and the office's collective
leave days (cuti bersama) (GLOSSARY "hari kerja"). National holidays come from the ``holidays``
package (``holidays.country_holidays("ID", ...)``, "public" category); cuti bersama are set each
year by joint ministerial decree (SKB) and are passed in by the office as data, because an office
may follow them or not. Islamic holidays of future years are the package's estimates until the
government fixes them: correct a wrong estimate with ``extra_working_days`` and ``cuti_bersama``.

Deadlines served here (DOMAIN.md):

- service times: product sale online 10 working days after the request is clear and complete,
  consultation 3, recommendation 30 (:func:`service_due`);
- the treasurer deposits cash received by the end of the same working day, or the next working
  day when received on a non-working day or, by an assistant treasurer, after 12.00
  (PMK 3/PMK.02/2013; :func:`deposit_deadline`).

All times are Asia/Jakarta (WIB, UTC+7, no daylight saving). Functions take ``date`` or
time-zone-aware ``datetime``; a naive ``datetime`` is refused rather than guessed. No Django
import.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import overload
from zoneinfo import ZoneInfo

import holidays

__all__ = [
    "ASSISTANT_TREASURER_CUTOFF",
    "JAKARTA",
    "WorkCalendar",
    "add_working_days",
    "clock_start",
    "deposit_deadline",
    "is_working_day",
    "package_cuti_bersama",
    "service_due",
    "working_days_between",
]

JAKARTA = ZoneInfo("Asia/Jakarta")

ASSISTANT_TREASURER_CUTOFF = time(12, 0)
"""Cash an assistant treasurer receives after 12.00 is due the next working day
(PMK 3/PMK.02/2013, as summarised in DOMAIN.md "The bendahara")."""

# Longer runs of non-working days mean a broken calendar (e.g. a whole year of cuti bersama).
_MAX_NON_WORKING_RUN = 366

_DAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


@lru_cache(maxsize=32)
def _national_holidays(year: int) -> Mapping[date, str]:
    """National (public) holidays of one year with their Indonesian names, from ``holidays``."""
    return dict(holidays.country_holidays("ID", years=year, language="id"))


def package_cuti_bersama(years: Iterable[int]) -> frozenset[date]:
    """The cuti bersama of ``years`` as the ``holidays`` package knows them (its "government"
    category, from the yearly SKB), for an office that wants to start from them.

    Not applied automatically: :class:`WorkCalendar` takes the office's own set.
    """
    return frozenset(holidays.country_holidays("ID", years=list(years), categories=("government",)))


@dataclass(frozen=True)
class WorkCalendar:
    """Monday-Friday, less national holidays and ``cuti_bersama``, plus ``extra_working_days``.

    - ``cuti_bersama``: collective leave days the office observes (dates; any iterable works).
    - ``extra_working_days``: dates that are working days whatever else says (a replacement
      working day, or a national holiday the package estimated on the wrong date).
    - ``opens_at`` / ``closes_at``: the service hours that start and end a working day's clock.
      Assumed default 08.00-16.00 WIB; set them from the office's service standard.
    """

    cuti_bersama: frozenset[date] = frozenset()
    extra_working_days: frozenset[date] = frozenset()
    opens_at: time = time(8, 0)
    closes_at: time = time(16, 0)

    def __post_init__(self) -> None:
        object.__setattr__(self, "cuti_bersama", frozenset(self.cuti_bersama))
        object.__setattr__(self, "extra_working_days", frozenset(self.extra_working_days))
        if self.cuti_bersama & self.extra_working_days:
            raise ValueError("a date cannot be both cuti bersama and an extra working day")
        if self.opens_at.tzinfo is not None or self.closes_at.tzinfo is not None:
            raise ValueError("opens_at/closes_at are Asia/Jakarta wall times, without tzinfo")
        if not self.opens_at < self.closes_at:
            raise ValueError("the office must open before it closes")

    def non_working_reason(self, day: date) -> str | None:
        """Why ``day`` is not a working day (holiday name, "Cuti bersama", "Sabtu", "Minggu"),
        or ``None`` when it is one."""
        if day in self.extra_working_days:
            return None
        name = _national_holidays(day.year).get(day)
        if name:
            return name
        if day in self.cuti_bersama:
            return "Cuti bersama"
        if day.weekday() >= 5:
            return _DAY_NAMES[day.weekday()]
        return None

    def is_working_day(self, day: date) -> bool:
        return self.non_working_reason(day) is None

    def at(self, day: date, wall_time: time) -> datetime:
        """``day`` at ``wall_time`` in Asia/Jakarta."""
        return datetime.combine(day, wall_time, tzinfo=JAKARTA)


def _jakarta(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("pass a time-zone-aware datetime; naive times are ambiguous")
    return moment.astimezone(JAKARTA)


def _day(moment: date) -> date:
    """The Asia/Jakarta calendar date of a date or an aware datetime."""
    return _jakarta(moment).date() if isinstance(moment, datetime) else moment


def _next_working_day(day: date, calendar: WorkCalendar, *, include_today: bool) -> date:
    candidate = day if include_today else day + timedelta(days=1)
    for _ in range(_MAX_NON_WORKING_RUN):
        if calendar.is_working_day(candidate):
            return candidate
        candidate += timedelta(days=1)
    raise ValueError(f"no working day within {_MAX_NON_WORKING_RUN} days after {day}")


def is_working_day(day: date, calendar: WorkCalendar) -> bool:
    """True on a Monday-Friday that is neither a national holiday nor cuti bersama (or that is
    an extra working day). A datetime is judged by its Asia/Jakarta date."""
    return calendar.is_working_day(_day(day))


@overload
def add_working_days(start: datetime, n: int, calendar: WorkCalendar) -> datetime: ...
@overload
def add_working_days(start: date, n: int, calendar: WorkCalendar) -> date: ...
def add_working_days(start: date, n: int, calendar: WorkCalendar) -> date:
    """The ``n``-th working day after ``start``; ``start`` itself never counts.

    - ``n >= 1``: Friday + 1 = Monday; Saturday + 1 = Monday; Thursday 24-12-2026 + 1 = Monday
      28-12-2026 (Christmas on the Friday).
    - ``n == 0``: ``start`` if it is a working day, else the next working day.
    - A ``datetime`` keeps its Asia/Jakarta wall time and returns an Asia/Jakarta datetime; use
      :func:`service_due` for deadlines that depend on office hours.

    Inverse of :func:`working_days_between`: for ``n >= 1``,
    ``working_days_between(start, add_working_days(start, n, c), c) == n``.
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"n must be a non-negative int, not {n!r}")
    day = _day(start)
    if n == 0:
        result = _next_working_day(day, calendar, include_today=True)
    else:
        result = day
        for _ in range(n):
            result = _next_working_day(result, calendar, include_today=False)
    if isinstance(start, datetime):
        return calendar.at(result, _jakarta(start).time())
    return result


def working_days_between(a: date, b: date, calendar: WorkCalendar) -> int:
    """How many working days lie after ``a`` up to and including ``b`` (the interval ``(a, b]``).

    Datetimes count by their Asia/Jakarta date. Negative when ``b`` is before ``a``
    (``working_days_between(b, a)`` negated); 0 when they fall on the same date.
    """
    first, last = _day(a), _day(b)
    if last < first:
        return -working_days_between(last, first, calendar)
    return sum(
        calendar.is_working_day(first + timedelta(days=offset))
        for offset in range(1, (last - first).days + 1)
    )


def clock_start(received_at: datetime, calendar: WorkCalendar) -> datetime:
    """When a service clock starts for something received (or completed) at ``received_at``.

    Decision, from the office standards' "n working days after the request is complete"
    (DOMAIN.md):

    - on a working day during service hours (``opens_at`` <= t < ``closes_at``): at once;
    - on a working day before ``opens_at``: at ``opens_at`` that day;
    - at or after ``closes_at``, or on a non-working day (weekend, national holiday, cuti
      bersama): at ``opens_at`` of the next working day.

    The result is an Asia/Jakarta datetime always inside service hours of a working day.
    """
    moment = _jakarta(received_at)
    day, wall = moment.date(), moment.time()
    if calendar.is_working_day(day):
        if wall < calendar.opens_at:
            return calendar.at(day, calendar.opens_at)
        if wall < calendar.closes_at:
            return moment
    return calendar.at(_next_working_day(day, calendar, include_today=False), calendar.opens_at)


def service_due(completed_at: datetime, working_days: int, calendar: WorkCalendar) -> datetime:
    """The moment a service promised in ``working_days`` working days is due.

    Decision: the clock starts at :func:`clock_start` of the moment the request became clear
    and complete; the day it starts on is day 0 and is not counted; the service is due at
    ``closes_at`` of the ``working_days``-th working day after it. So a sale completed on
    Monday 10.00 with 10 working days is due at closing on the Monday two weeks later (no
    holidays between); one completed on Friday 17.00 starts Monday 08.00 and is due at closing
    on the Monday two weeks after that. ``working_days == 0`` means by closing of the start day.
    """
    start = clock_start(completed_at, calendar)
    return calendar.at(add_working_days(start.date(), working_days, calendar), calendar.closes_at)


def deposit_deadline(
    received_at: datetime, calendar: WorkCalendar, *, by_assistant_treasurer: bool = False
) -> datetime:
    """Latest moment to deposit cash received at ``received_at`` into the state treasury.

    PMK 3/PMK.02/2013 (DOMAIN.md "The bendahara"): by the end of the same working day; by the
    end of the next working day when received on a non-working day, or after 12.00 when an
    assistant treasurer received it (``by_assistant_treasurer``; 12.00 itself is not after).

    Decisions: the end of a working day is the calendar's ``closes_at``; cash received at or
    after ``closes_at`` of a working day is treated like cash received on a non-working day
    (that day is over). The result is an Asia/Jakarta datetime.
    """
    moment = _jakarta(received_at)
    day, wall = moment.date(), moment.time()
    same_day = calendar.is_working_day(day) and wall < calendar.closes_at
    if by_assistant_treasurer:
        same_day = same_day and wall <= ASSISTANT_TREASURER_CUTOFF
    if same_day:
        return calendar.at(day, calendar.closes_at)
    next_day = _next_working_day(day, calendar, include_today=False)
    return calendar.at(next_day, calendar.closes_at)
