"""One date, moment and number format (issue #17): ``pst.formats`` and its template filters."""

import re
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.utils import translation

from pst.formats import format_date, format_datetime, format_money, format_number, format_time

WIB = ZoneInfo("Asia/Jakarta")


@pytest.mark.parametrize(
    ("day", "language", "expected"),
    [
        (date(2026, 12, 2), "id", "2 Desember 2026"),
        (date(2026, 12, 2), "en", "2 December 2026"),
        (date(2028, 2, 29), "id", "29 Februari 2028"),
        (date(2026, 1, 1), "en-us", "1 January 2026"),
        # 31 December 23:30 UTC is already 1 January at the office (pst.clock, issue #14)
        (datetime(2026, 12, 31, 23, 30, tzinfo=UTC), "id", "1 Januari 2027"),
        (None, "id", "–"),
    ],
)
def test_dates_are_written_out_in_the_language(day, language, expected):
    assert format_date(day, language=language) == expected


@pytest.mark.parametrize(
    ("moment", "language", "expected"),
    [
        (datetime(2026, 12, 2, 23, 22, tzinfo=WIB), "id", "2 Desember 2026 pukul 23.22 WIB"),
        (datetime(2026, 12, 2, 23, 22, tzinfo=WIB), "en", "2 December 2026, 23:22 WIB"),
        # the office's clock, not UTC: 16:59 UTC on 28 Feb 2027 is 23:59 WIB the same day
        (datetime(2027, 2, 28, 16, 59, tzinfo=UTC), "id", "28 Februari 2027 pukul 23.59 WIB"),
        (datetime(2027, 2, 28, 17, 0, tzinfo=UTC), "id", "1 Maret 2027 pukul 00.00 WIB"),
        (None, "en", "–"),
    ],
)
def test_moments_are_on_the_office_clock_with_the_zone(moment, language, expected):
    assert format_datetime(moment, language=language) == expected


@override_settings(TIME_ZONE="Asia/Jayapura")
def test_an_office_in_wit_shows_its_own_zone():
    moment = datetime(2026, 12, 2, 14, 22, tzinfo=UTC)
    assert format_time(moment, language="id") == "23.22 WIT"


def test_a_naive_moment_is_refused_not_guessed():
    with pytest.raises(ValueError):
        format_datetime(datetime(2026, 12, 2, 23, 22), language="id")


@pytest.mark.parametrize(
    ("value", "decimals", "language", "expected"),
    [
        (3667, None, "id", "3.667"),
        (3667, None, "en", "3,667"),
        (Decimal("90.28"), None, "id", "90,28"),
        (Decimal("90.28"), None, "en", "90.28"),
        (Decimal("3.5555"), 3, "id", "3,556"),  # half-up, PermenPANRB 14/2017 rounding
        (Decimal("1234567.5"), 0, "id", "1.234.568"),
        (Decimal("-1250000.25"), 2, "id", "-1.250.000,25"),
        (12, 2, "en", "12.00"),
        (None, None, "id", "–"),
    ],
)
def test_numbers_group_thousands_and_use_the_languages_decimal_mark(
    value, decimals, language, expected
):
    assert format_number(value, decimals, language=language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("id", "2 Desember 2026 pukul 23.22 WIB|2 Desember 2026|90,28|3.667"),
        ("en", "2 December 2026, 23:22 WIB|2 December 2026|90.28|3,667"),
    ],
)
def test_the_filters_are_builtins_and_follow_the_page_language(language, expected):
    template = Template(
        "{{ moment|long_datetime }}|{{ day|long_date }}|{{ ikm|number:2 }}|{{ count|number }}"
    )
    context = Context(
        {
            "moment": datetime(2026, 12, 2, 16, 22, tzinfo=UTC),
            "day": date(2026, 12, 2),
            "ikm": Decimal("90.275"),
            "count": 3667,
        }
    )
    with translation.override(language):
        assert template.render(context) == expected


@pytest.mark.parametrize(
    ("amount", "language", "expected"),
    [
        (Decimal("1250000"), "id", "Rp 1.250.000"),
        (Decimal("1250000"), "en", "Rp 1,250,000"),
        (Decimal("78200.50"), "id", "Rp 78.201"),  # whole rupiah, half-up
        (Decimal("-0.4"), "id", "Rp 0"),  # Rp0 lines are never "-Rp 0"
        (Decimal("-50000"), "en", "-Rp 50,000"),
        (None, "id", "–"),
    ],
)
def test_money_follows_the_page_language(amount, language, expected):
    assert format_money(amount, language=language) == expected


@pytest.mark.parametrize(("language", "expected"), [("id", "Rp 50.000"), ("en", "Rp 50,000")])
def test_oscar_currency_and_the_rupiah_filter_agree_in_each_language(language, expected):
    """An English page read "Your basket total is now Rp 50.000" (issue #17): Oscar's ``currency``
    was pinned to the id_ID locale."""
    template = Template(
        "{% load currency_filters treasury_tags %}{{ amount|currency }}|{{ amount|rupiah }}"
    )
    with translation.override(language):
        assert template.render(Context({"amount": Decimal("50000")})) == f"{expected}|{expected}"


# --- the rule, as a lint over the templates and the source ------------------------------------

ROOT = Path(__file__).resolve().parents[3]
# Machine formats a person does not read: <input type="date"> values and the year alone.
MACHINE_DATE_FORMATS = {"Y-m-d", "Y"}
TEMPLATE_DATE = re.compile(r"""\|(?:date|time):["']([^"']*)["']""")
PYTHON_DAY_FIRST = re.compile(r"""%d[-/.]%m[-/.]%Y""")


def test_templates_format_dates_only_through_the_sites_filters():
    found = [
        f"{path.relative_to(ROOT)}: |date:{fmt!r}"
        for path in (ROOT / "templates").rglob("*.*")
        if path.suffix in {".html", ".txt"}
        for fmt in TEMPLATE_DATE.findall(path.read_text(encoding="utf-8"))
        if fmt not in MACHINE_DATE_FORMATS and path.name != "leak_trace.html"
    ]
    assert found == [], "use |long_date or |long_datetime (pst.formats):\n" + "\n".join(found)


def test_python_does_not_write_day_first_dates_by_hand():
    """``09-12-2026 23:22`` beside ``2 Desember 2026`` was the symptom; parsing a bank's or an
    importer's input formats is allowed (those modules list the formats they read), and a line
    that writes another system's format says so with ``# format-ok: <why>``."""
    readers = {"importer.py", "forms.py", "statements.py"}
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("pst", "shop", "layanan", "library", "catalogue", "search", "demo")
        for path in (ROOT / folder).rglob("*.py")
        if "migrations" not in path.parts and path.name not in readers
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PYTHON_DAY_FIRST.search(line) and "# format-ok:" not in line
    ]
    assert found == [], "use pst.formats.format_date / format_datetime:\n" + "\n".join(found)
