"""Statement parsing (issue #9): formats, separators, BOM, column mappings, and the line number
and reason of a malformed line."""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook

from pst.workdays import JAKARTA
from shop.treasury.statements import (
    ColumnMapping,
    StatementError,
    iter_statement,
    parse_amount,
    parse_moment,
)

MAPPING = ColumnMapping(
    name="Bank Uji",
    billing_code_column="Kode Billing",
    ntpn_column="NTPN",
    amount_column="Jumlah",
    paid_at_column="Tanggal Bayar",
    ntb_column="NTB",
)
CODE = "820261120000001"
NTPN = "0A1B2C3D4E5F6G7H"


def _csv(text: str, *, bom: bool = False) -> io.BytesIO:
    data = text.encode("utf-8")
    return io.BytesIO((b"\xef\xbb\xbf" if bom else b"") + data)


def _lines(binary, mapping=MAPPING):
    return list(iter_statement(binary, mapping))


@pytest.mark.parametrize(
    ("text", "expected", "rule"),
    [
        ("1.250.000,00", Decimal("1250000.00"), "Indonesian grouping with decimal comma"),
        ("1250000", Decimal("1250000"), "bare digits"),
        ("Rp 1.250.000", Decimal("1250000"), "rupiah prefix"),
        ("Rp. 50.000,-", Decimal("50000"), "dash for no cents"),
        ("1250000.00", Decimal("1250000.00"), "bank export: one dot, two decimals"),
        (1250000, Decimal("1250000"), "XLSX integer cell"),
        (1250000.5, Decimal("1250000.50"), "XLSX float cell rounded to cents"),
    ],
)
def test_amounts(text, expected, rule):
    assert parse_amount(text) == expected, rule


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("1,250,000.00", "English grouping is ambiguous"),
        ("1.2", "a dot must group three digits (or be followed by two decimals)"),
        ("12.345.67", "a dot must group three digits"),
        ("0", "a payment is positive"),
        ("-50.000", "a payment is positive"),
        ("", "empty"),
        (None, "empty cell"),
        (True, "a boolean cell is not an amount"),
    ],
)
def test_amounts_refused(text, rule):
    with pytest.raises(ValueError):
        parse_amount(text)


@pytest.mark.parametrize(
    ("value", "time_value", "expected"),
    [
        ("20/11/2026", None, datetime(2026, 11, 20, tzinfo=JAKARTA)),
        ("20-11-2026", None, datetime(2026, 11, 20, tzinfo=JAKARTA)),
        ("2026-11-20", None, datetime(2026, 11, 20, tzinfo=JAKARTA)),
        ("20/11/2026 14:05", None, datetime(2026, 11, 20, 14, 5, tzinfo=JAKARTA)),
        ("2026-11-20T14:05:09", None, datetime(2026, 11, 20, 14, 5, 9, tzinfo=JAKARTA)),
        ("1/2/2026 08.30", None, datetime(2026, 2, 1, 8, 30, tzinfo=JAKARTA)),
        ("20/11/2026", "09:15:00", datetime(2026, 11, 20, 9, 15, tzinfo=JAKARTA)),
        (datetime(2026, 11, 20, 10, 0), None, datetime(2026, 11, 20, 10, 0, tzinfo=JAKARTA)),
    ],
)
def test_moments_are_jakarta_wall_times(value, time_value, expected):
    assert parse_moment(value, time_value) == expected


@pytest.mark.parametrize("text", ["31/02/2026", "2026/11/20", "20 Nov 2026", "20/11/2026 25:00"])
def test_moments_refused(text):
    with pytest.raises(ValueError):
        parse_moment(text)


@pytest.mark.parametrize(
    ("content", "bom", "rule"),
    [
        (
            f"Kode Billing;NTPN;NTB;Jumlah;Tanggal Bayar\n{CODE};{NTPN};123;1.250.000,00;"
            "20/11/2026 10:00\n",
            False,
            "semicolon with decimal comma",
        ),
        (
            f'Kode Billing,NTPN,NTB,Jumlah,Tanggal Bayar\n{CODE},{NTPN},123,"1.250.000,00",'
            "2026-11-20 10:00\n",
            True,
            "comma separated with BOM, quoted amount",
        ),
        (
            f"  kode billing \tntpn\tNTB\tJUMLAH\tTanggal Bayar\r\n{CODE}\t{NTPN}\t123\t1250000\t"
            "20-11-2026 10:00\r\n\r\n",
            False,
            "tab separated, header names case and space insensitive, CRLF, blank trailing line",
        ),
    ],
)
def test_csv_variants(content, bom, rule):
    (line,) = _lines(_csv(content, bom=bom))
    assert (line.billing_code, line.ntpn, line.ntb, line.amount) == (
        CODE,
        NTPN,
        "123",
        Decimal("1250000"),
    ), rule
    assert line.paid_at == datetime(2026, 11, 20, 10, tzinfo=JAKARTA)
    assert line.line_number == 2


def test_xlsx_and_csv_give_the_same_identity():
    book = Workbook()
    sheet = book.active
    sheet.append(["Kode Billing", "NTPN", "NTB", "Jumlah", "Tanggal Bayar"])
    sheet.append([int(CODE), NTPN, "123", 1250000, datetime(2026, 11, 20, 10, 0)])
    sheet.append([None, None, None, None, None])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    (from_xlsx,) = _lines(buffer)
    (from_csv,) = _lines(
        _csv(
            "Kode Billing;NTPN;NTB;Jumlah;Tanggal Bayar\n"
            f"{CODE};{NTPN};123;1.250.000;20/11/2026 10:00\n"
        )
    )
    assert from_xlsx.billing_code == CODE
    assert from_xlsx.identity == from_csv.identity


@pytest.mark.parametrize(
    ("row", "line", "reason"),
    [
        (f"12345;{NTPN};1;1.000;20/11/2026", 3, "kode billing"),
        (f"{CODE};SHORT;1;1.000;20/11/2026", 3, "NTPN"),
        (f"{CODE};{NTPN};1;1,000.00;20/11/2026", 3, "jumlah"),
        (f"{CODE};{NTPN};1;1.000;31/11/2026", 3, "tanggal"),
        (f"{CODE};{NTPN}", 3, "kolom"),
    ],
)
def test_malformed_line_names_its_number_and_reason(row, line, reason):
    good = f"{CODE};{NTPN};1;1.000;20/11/2026"
    content = f"Kode Billing;NTPN;NTB;Jumlah;Tanggal Bayar\n{good}\n{row}\n{good}\n"
    with pytest.raises(StatementError) as caught:
        _lines(_csv(content))
    assert caught.value.line == line
    assert reason in caught.value.reason


def test_missing_header_is_line_one():
    with pytest.raises(StatementError) as caught:
        _lines(_csv(f"Kode;NTPN;NTB;Jumlah;Tanggal Bayar\n{CODE};{NTPN};1;1.000;20/11/2026\n"))
    assert caught.value.line == 1
    assert "Kode Billing" in caught.value.reason


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf\n", b"PK\x03\x04broken zip"])
def test_empty_or_damaged_files_are_refused(content):
    with pytest.raises(StatementError):
        _lines(io.BytesIO(content))


def test_not_utf8_is_refused():
    with pytest.raises(StatementError, match="UTF-8"):
        _lines(io.BytesIO("Kode Billing;NTPN;NTB;Jumlah;Tanggal Bayar\nKódé\n".encode("utf-16")))


def test_parsing_is_lazy():
    """A generator: the first line is available before a broken line further down is read."""
    content = (
        f"Kode Billing;NTPN;NTB;Jumlah;Tanggal Bayar\n{CODE};{NTPN};1;1.000;20/11/2026\nrusak\n"
    )
    lines = iter_statement(_csv(content), MAPPING)
    assert next(lines).line_number == 2
    with pytest.raises(StatementError):
        next(lines)
