"""Working days, service deadlines and deposit deadlines across holidays and year ends.

Holiday dates are the ``holidays`` package's (checked in the first table, so a package update
that moves one fails loudly there rather than somewhere below). 2026: Nyepi Thu 19-03, Idul
Fitri Sat-Sun 21/22-03, Natal Fri 25-12. 2027: Tahun Baru Fri 01-01, Isra Mikraj Tue 05-01.
"""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pst.workdays import (
    JAKARTA,
    WorkCalendar,
    add_working_days,
    clock_start,
    deposit_deadline,
    is_working_day,
    package_cuti_bersama,
    service_due,
    working_days_between,
)

PLAIN = WorkCalendar()
# Cuti bersama 2026 around Idul Fitri and Natal, as the office would pass them (SKB dates).
CUTI_2026 = frozenset(
    {date(2026, 3, 18), date(2026, 3, 20), date(2026, 3, 23), date(2026, 3, 24), date(2026, 12, 24)}
)
OFFICE = WorkCalendar(cuti_bersama=CUTI_2026)


def wib(*args: int) -> datetime:
    return datetime(*args, tzinfo=JAKARTA)


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        pytest.param(date(2026, 1, 1), "Tahun Baru Masehi", id="Tahun Baru 2026 (Thu)"),
        pytest.param(date(2026, 3, 19), "Hari Suci Nyepi", id="Nyepi 2026 (Thu)"),
        pytest.param(date(2026, 3, 21), "Hari Raya Idul Fitri", id="Idul Fitri 2026 is a Sat"),
        pytest.param(
            date(2026, 3, 22), "Hari kedua dari Hari Raya Idul Fitri", id="Idul Fitri day 2 (Sun)"
        ),
        pytest.param(date(2026, 8, 17), "Hari Kemerdekaan Republik Indonesia", id="17 Agustus"),
        pytest.param(date(2026, 12, 25), "Hari Raya Natal", id="Natal 2026 (Fri)"),
        pytest.param(date(2027, 1, 1), "Tahun Baru Masehi", id="Tahun Baru 2027 (Fri)"),
        pytest.param(date(2027, 1, 5), "Isra Mikraj Nabi Muhammad", id="Isra Mikraj 2027 (Tue)"),
        pytest.param(date(2026, 11, 21), "Sabtu", id="Saturday"),
        pytest.param(date(2026, 11, 22), "Minggu", id="Sunday"),
        pytest.param(date(2026, 11, 20), None, id="today, a Friday, works"),
        pytest.param(date(2026, 3, 20), None, id="Fri between Nyepi and Lebaran works w/o cuti"),
        pytest.param(date(2026, 12, 24), None, id="24 Dec works without cuti bersama"),
    ],
)
def test_package_holidays_and_weekends(day, reason):
    assert PLAIN.non_working_reason(day) == reason
    assert is_working_day(day, PLAIN) is (reason is None)


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        pytest.param(date(2026, 3, 20), "Cuti bersama", id="cuti bersama Idul Fitri (Fri)"),
        pytest.param(date(2026, 3, 24), "Cuti bersama", id="cuti bersama Idul Fitri (Tue)"),
        pytest.param(date(2026, 12, 24), "Cuti bersama", id="cuti bersama Natal (Thu)"),
        pytest.param(date(2026, 3, 25), None, id="first working day after Lebaran"),
    ],
)
def test_cuti_bersama_passed_by_the_office(day, reason):
    assert OFFICE.non_working_reason(day) == reason


def test_package_knows_the_skb_cuti_bersama_but_they_are_opt_in():
    known = package_cuti_bersama([2026])
    assert known >= CUTI_2026
    assert is_working_day(date(2026, 12, 24), PLAIN)


def test_extra_working_day_overrides_weekend_and_holiday():
    calendar = WorkCalendar(extra_working_days={date(2027, 3, 10), date(2026, 11, 21)})
    assert is_working_day(date(2027, 3, 10), calendar)  # estimated Idul Fitri 2027 corrected
    assert is_working_day(date(2026, 11, 21), calendar)  # a replacement Saturday


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        pytest.param(
            {"cuti_bersama": {date(2026, 1, 2)}, "extra_working_days": {date(2026, 1, 2)}},
            "both",
            id="a date both leave and working",
        ),
        pytest.param({"opens_at": time(16), "closes_at": time(8)}, "open", id="closes first"),
        pytest.param({"opens_at": time(8, tzinfo=UTC)}, "tzinfo", id="office hours with tzinfo"),
    ],
)
def test_calendar_refuses_contradictions(kwargs, message):
    with pytest.raises(ValueError, match=message):
        WorkCalendar(**kwargs)


@pytest.mark.parametrize(
    ("calendar", "start", "n", "expected"),
    [
        pytest.param(PLAIN, date(2026, 11, 20), 1, date(2026, 11, 23), id="Fri + 1 = Mon"),
        pytest.param(PLAIN, date(2026, 11, 21), 1, date(2026, 11, 23), id="Sat + 1 = Mon"),
        pytest.param(PLAIN, date(2026, 11, 21), 0, date(2026, 11, 23), id="Sat + 0 rolls to Mon"),
        pytest.param(PLAIN, date(2026, 11, 20), 0, date(2026, 11, 20), id="Fri + 0 = Fri"),
        pytest.param(PLAIN, date(2026, 11, 20), 10, date(2026, 12, 4), id="10 days, 2 weekends"),
        pytest.param(PLAIN, date(2026, 3, 18), 1, date(2026, 3, 20), id="over Nyepi"),
        pytest.param(
            OFFICE, date(2026, 3, 17), 1, date(2026, 3, 25),
            id="Idul Fitri 2026: cuti, Nyepi, cuti, weekend (Lebaran), cuti, cuti",
        ),
        pytest.param(
            PLAIN, date(2026, 3, 17), 3, date(2026, 3, 23),
            id="Idul Fitri 2026 without cuti bersama: Lebaran falls on the weekend",
        ),
        pytest.param(PLAIN, date(2026, 12, 24), 1, date(2026, 12, 28), id="over Natal (Fri)"),
        pytest.param(
            OFFICE, date(2026, 12, 23), 1, date(2026, 12, 28), id="Natal with cuti bersama 24-12"
        ),
        pytest.param(
            PLAIN, date(2026, 12, 31), 1, date(2027, 1, 4), id="year end: Tahun Baru + weekend"
        ),
        pytest.param(
            PLAIN, date(2026, 12, 31), 2, date(2027, 1, 6), id="year end then Isra Mikraj 2027"
        ),
        pytest.param(
            OFFICE, date(2026, 12, 18), 10, date(2027, 1, 7),
            id="10 working days over Natal, cuti, Tahun Baru and Isra Mikraj",
        ),
    ],
)  # fmt: skip
def test_add_working_days(calendar, start, n, expected):
    assert add_working_days(start, n, calendar) == expected


def test_add_working_days_keeps_the_wall_time_of_a_datetime():
    start = datetime(2026, 12, 24, 2, 30, tzinfo=UTC)  # 09.30 WIB on Thu 24-12
    result = add_working_days(start, 1, PLAIN)
    assert result == wib(2026, 12, 28, 9, 30)
    assert result.tzinfo is JAKARTA


def test_add_working_days_uses_the_jakarta_date_of_a_datetime():
    # 18.00 UTC on Thursday 31-12 is already Friday 01-01-2027 01.00 in Jakarta.
    start = datetime(2026, 12, 31, 18, 0, tzinfo=UTC)
    assert add_working_days(start, 0, PLAIN) == wib(2027, 1, 4, 1, 0)


@pytest.mark.parametrize("n", [-1, 1.5, True])
def test_add_working_days_refuses_bad_n(n):
    with pytest.raises(ValueError):
        add_working_days(date(2026, 11, 20), n, PLAIN)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="aware"):
        add_working_days(datetime(2026, 11, 20, 10), 1, PLAIN)


@pytest.mark.parametrize(
    ("calendar", "a", "b", "expected"),
    [
        pytest.param(PLAIN, date(2026, 11, 20), date(2026, 11, 20), 0, id="same day"),
        pytest.param(PLAIN, date(2026, 11, 20), date(2026, 11, 23), 1, id="Fri to Mon"),
        pytest.param(PLAIN, date(2026, 11, 21), date(2026, 11, 22), 0, id="weekend only"),
        pytest.param(PLAIN, date(2026, 11, 23), date(2026, 11, 20), -1, id="backwards"),
        pytest.param(PLAIN, date(2026, 12, 24), date(2027, 1, 6), 6, id="over Natal and New Year"),
        pytest.param(OFFICE, date(2026, 12, 24), date(2027, 1, 6), 6, id="cuti 24-12 not inside"),
        pytest.param(OFFICE, date(2026, 12, 23), date(2027, 1, 6), 6, id="cuti 24-12 inside"),
        pytest.param(PLAIN, date(2026, 12, 23), date(2027, 1, 6), 7, id="24-12 works without"),
        pytest.param(OFFICE, date(2026, 3, 13), date(2026, 3, 27), 5, id="Lebaran fortnight"),
    ],
)
def test_working_days_between(calendar, a, b, expected):
    assert working_days_between(a, b, calendar) == expected


@given(
    start=st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31)),
    n=st.integers(min_value=1, max_value=40),
)
def test_between_inverts_add(start, n):
    end = add_working_days(start, n, OFFICE)
    assert is_working_day(end, OFFICE)
    assert working_days_between(start, end, OFFICE) == n
    assert working_days_between(start, end - timedelta(days=1), OFFICE) == n - 1


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        pytest.param(wib(2026, 11, 20, 10, 0), wib(2026, 11, 20, 10, 0), id="in hours: at once"),
        pytest.param(wib(2026, 11, 20, 7, 15), wib(2026, 11, 20, 8, 0), id="before opening"),
        pytest.param(wib(2026, 11, 20, 16, 0), wib(2026, 11, 23, 8, 0), id="at closing: next day"),
        pytest.param(wib(2026, 11, 20, 21, 0), wib(2026, 11, 23, 8, 0), id="evening: next day"),
        pytest.param(wib(2026, 11, 22, 10, 0), wib(2026, 11, 23, 8, 0), id="Sunday: Monday"),
        pytest.param(wib(2026, 12, 25, 9, 0), wib(2026, 12, 28, 8, 0), id="Natal: Monday"),
        pytest.param(
            datetime(2026, 11, 20, 3, 0, tzinfo=UTC),
            wib(2026, 11, 20, 10, 0),
            id="UTC input read in Jakarta",
        ),
    ],
)
def test_clock_start(received, expected):
    started = clock_start(received, OFFICE)
    assert started == expected
    assert started.tzinfo is JAKARTA


@pytest.mark.parametrize(
    ("completed", "days", "due"),
    [
        pytest.param(
            wib(2026, 11, 23, 10, 0), 10, wib(2026, 12, 7, 16, 0),
            id="product sale: Mon 10.00 + 10 days = Mon two weeks later, closing",
        ),
        pytest.param(
            wib(2026, 11, 20, 17, 0), 10, wib(2026, 12, 7, 16, 0),
            id="after hours Fri: clock starts Mon, due Mon + 10",
        ),
        pytest.param(
            wib(2026, 11, 21, 10, 0), 10, wib(2026, 12, 7, 16, 0),
            id="received Sat: same as Mon morning",
        ),
        pytest.param(
            wib(2026, 12, 18, 9, 0), 10, wib(2027, 1, 7, 16, 0),
            id="over Natal, cuti 24-12, Tahun Baru, Isra Mikraj 2027",
        ),
        pytest.param(
            wib(2026, 3, 13, 14, 0), 10, wib(2026, 4, 6, 16, 0),
            id="over Nyepi, Idul Fitri 2026 with cuti bersama, and Good Friday 03-04",
        ),
        pytest.param(
            wib(2026, 11, 20, 10, 0), 3, wib(2026, 11, 25, 16, 0), id="consultation: 3 days"
        ),
        pytest.param(
            wib(2026, 11, 20, 10, 0), 0, wib(2026, 11, 20, 16, 0), id="0 days: by closing"
        ),
    ],
)  # fmt: skip
def test_service_due(completed, days, due):
    assert service_due(completed, days, OFFICE) == due


@pytest.mark.parametrize(
    ("received", "assistant", "deadline"),
    [
        pytest.param(
            wib(2026, 11, 20, 10, 0), False, wib(2026, 11, 20, 16, 0),
            id="working day: end of the same day (PMK 3/PMK.02/2013)",
        ),
        pytest.param(
            wib(2026, 11, 20, 7, 0), False, wib(2026, 11, 20, 16, 0),
            id="before opening: same day",
        ),
        pytest.param(
            wib(2026, 11, 20, 16, 30), False, wib(2026, 11, 23, 16, 0),
            id="after closing Fri: across the weekend to Mon",
        ),
        pytest.param(
            wib(2026, 11, 21, 11, 0), False, wib(2026, 11, 23, 16, 0),
            id="Saturday: next working day",
        ),
        pytest.param(
            wib(2026, 12, 25, 10, 0), False, wib(2026, 12, 28, 16, 0),
            id="Natal (holiday, Fri): Mon after the weekend",
        ),
        pytest.param(
            wib(2026, 12, 24, 10, 0), False, wib(2026, 12, 28, 16, 0),
            id="cuti bersama 24-12: over Natal and the weekend",
        ),
        pytest.param(
            wib(2026, 12, 31, 17, 0), False, wib(2027, 1, 4, 16, 0),
            id="year end after hours: over Tahun Baru and the weekend",
        ),
        pytest.param(
            wib(2026, 3, 19, 10, 0), False, wib(2026, 3, 25, 16, 0),
            id="Nyepi, then cuti and Lebaran weekend",
        ),
        pytest.param(
            wib(2026, 11, 20, 12, 0), True, wib(2026, 11, 20, 16, 0),
            id="assistant treasurer at 12.00: same day",
        ),
        pytest.param(
            wib(2026, 11, 20, 12, 1), True, wib(2026, 11, 23, 16, 0),
            id="assistant treasurer after 12.00: next working day",
        ),
    ],
)  # fmt: skip
def test_deposit_deadline(received, assistant, deadline):
    result = deposit_deadline(received, OFFICE, by_assistant_treasurer=assistant)
    assert result == deadline
    assert result.tzinfo is JAKARTA
