"""Reading bank and MPN statement files (CSV and XLSX) into statement lines.

The bendahara reconciles what SIMPONI billed against what the bank and MPN say was paid
(DOMAIN.md, "The bendahara": reconciliation = matching the same transactions as seen by
different systems). Banks export their statements in their own shape, so:

- the header row names are configured per bank through a :class:`ColumnMapping` saved by name
  (issue #9); header names match case-insensitively, surrounding spaces ignored;
- CSV files may be ``;`` or ``,`` (or tab) separated, sniffed from the header line, with or
  without a UTF-8 byte order mark (Excel writes one);
- amounts are written the Indonesian way (``1.250.000,00``, ``1250000``, ``Rp 1.250.000``;
  :func:`pst.money.parse_rupiah`), plus a bare ``1250000.00`` that some bank exports
  write (one dot followed by exactly two digits cannot be a thousands group);
- dates are ``20/11/2026``, ``20-11-2026`` or ``2026-11-20``, optionally with ``HH:MM`` or
  ``HH:MM:SS``; times are Asia/Jakarta (WIB) wall times, as on a bank's proof (BPN).

A malformed line raises :class:`StatementError` with its line number and reason; the caller
rejects the whole file (a half-imported statement is worse than none). Lines are produced by a
generator that reads the file as it goes, so memory does not grow with the file. XLSX files are
read with openpyxl in read-only mode, which streams the sheet's XML.

No Django import: the import service, the ``reconcile`` command and the benchmark share it.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import IO, Any, NamedTuple

from pst.money import MAX_AMOUNT, amount_within_bounds, format_rupiah, parse_rupiah
from pst.workdays import JAKARTA
from shop.billing.identifiers import is_valid_billing_code, is_valid_ntpn

__all__ = [
    "ColumnMapping",
    "StatementError",
    "StatementLine",
    "iter_statement",
    "parse_amount",
    "parse_moment",
    "sniff_format",
]

_XLSX_MAGIC = b"PK\x03\x04"
_SNIFF_BYTES = 64 * 1024


class StatementError(ValueError):
    """A statement file that cannot be imported; ``line`` is 1-based (the header is line 1),
    ``None`` when the file as a whole is wrong (unknown format, empty)."""

    def __init__(self, reason: str, *, line: int | None = None) -> None:
        self.line = line
        self.reason = reason
        super().__init__(f"baris {line}: {reason}" if line is not None else reason)


@dataclass(frozen=True)
class ColumnMapping:
    """Which header of a bank's statement holds which field (issue #9: "header row names
    configurable per bank through a column mapping saved by name").

    ``ntb_column`` and ``time_column`` are optional: not every export has the bank's own
    transaction number, and some put the time of day in a column of its own.
    """

    name: str
    billing_code_column: str
    ntpn_column: str
    amount_column: str
    paid_at_column: str
    ntb_column: str = ""
    time_column: str = ""

    def required(self) -> dict[str, str]:
        """Field name -> header name, for the fields every line must carry."""
        fields = {
            "billing_code": self.billing_code_column,
            "ntpn": self.ntpn_column,
            "amount": self.amount_column,
            "paid_at": self.paid_at_column,
        }
        if self.ntb_column:
            fields["ntb"] = self.ntb_column
        if self.time_column:
            fields["time"] = self.time_column
        return fields


class StatementLine(NamedTuple):
    """One payment as the bank or MPN reports it (a tuple: one is made per line of a file of
    any length, so it must be cheap to make)."""

    line_number: int
    billing_code: str
    ntpn: str
    amount: Decimal
    paid_at: datetime
    ntb: str = ""

    @property
    def identity(self) -> tuple[str, str, Decimal, datetime]:
        """What makes two lines the same payment, whatever the file's layout or the line's
        position: kode billing, NTPN, amount and time. The same payment exported as CSV or XLSX,
        or uploaded twice, has the same identity, and the database refuses it a second time
        with a unique constraint on these fields and the bank (STYLE.md habit 5)."""
        return (self.billing_code, self.ntpn, self.amount, self.paid_at)


# --- values -----------------------------------------------------------------------------------

_PLAIN_DECIMAL = re.compile(r"\s*(?:(?:rp\.?|idr)\s*)?(\d+\.\d{2})\s*", re.IGNORECASE | re.ASCII)
# The usual cell, read without the general parser: "1.250.000,00", "1250000", "50.000".
_COMMON_AMOUNT = re.compile(r"(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d{1,2})?", re.ASCII)
_CENT = Decimal("0.01")


def parse_amount(value: Any) -> Decimal:
    """An amount cell as ``Decimal`` rupiah; raises ``ValueError`` with an Indonesian reason.

    Text goes through :func:`parse_rupiah` (Indonesian grouping); numbers from an XLSX cell are
    taken as they are (a float cell is rounded to cents through its shortest repr, never through
    binary arithmetic). The amount of a payment is positive.
    """
    if isinstance(value, str):
        return _parse_amount_text(value)
    if isinstance(value, bool):
        raise ValueError("jumlah bukan angka")
    elif isinstance(value, Decimal | int):
        amount = Decimal(value)
    elif isinstance(value, float):
        amount = Decimal(repr(value)).quantize(_CENT)
    else:
        raise ValueError("jumlah kosong")
    return _positive(amount, value)


def _positive(amount: Decimal, value: Any) -> Decimal:
    """Above zero and within the one bound on money (``money.MAX_AMOUNT``): a line beyond it
    would be stored and then break every page that reads it (issue #15, finding 2)."""
    if not amount_within_bounds(amount):
        raise ValueError(
            f"jumlah harus lebih dari nol dan paling banyak {format_rupiah(MAX_AMOUNT)}: {value!r}"
        )
    return amount


@lru_cache(maxsize=4096)
def _parse_amount_text(value: str) -> Decimal:
    """Cached: a statement repeats the same tariff amounts over and over (``Decimal`` is
    immutable, so sharing one object is safe)."""
    if _COMMON_AMOUNT.fullmatch(value):
        amount = Decimal(value.replace(".", "").replace(",", "."))
    else:
        plain = _PLAIN_DECIMAL.fullmatch(value)
        amount = Decimal(plain.group(1)) if plain else parse_rupiah(value)
    return _positive(amount, value)


_DATE_PATTERNS = (
    re.compile(r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"),
    re.compile(r"(?P<d>\d{1,2})-(?P<m>\d{1,2})-(?P<y>\d{4})"),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
)
_TIME = re.compile(r"(?P<H>\d{1,2})[:.](?P<M>\d{2})(?:[:.](?P<S>\d{2}))?")
_MOMENT = re.compile(r"\s*(?P<date>[0-9/-]+)(?:[ T]+(?P<time>[0-9:.]+))?\s*", re.ASCII)


@lru_cache(maxsize=1024)
def _parse_day(text: str) -> date:
    """One date; cached because a statement repeats the same few dozen days."""
    for pattern in _DATE_PATTERNS:
        found = pattern.fullmatch(text)
        if found:
            break
    else:
        raise ValueError(f"tanggal tidak dikenali: {text!r}")
    try:
        return date(int(found["y"]), int(found["m"]), int(found["d"]))
    except ValueError as exc:
        raise ValueError(f"tanggal tidak ada: {text!r}") from exc


@lru_cache(maxsize=4096)
def _parse_time(text: str) -> time:
    """One wall time; cached because a day has only 86.400 seconds, and exports minutes."""
    match = _TIME.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"jam tidak dikenali: {text!r}")
    try:
        return time(int(match["H"]), int(match["M"]), int(match["S"] or 0))
    except ValueError as exc:
        raise ValueError(f"jam tidak ada: {text!r}") from exc


_MIDNIGHT = time()


def _split_moment(value: str) -> tuple[date, time]:
    match = _MOMENT.fullmatch(value)
    if match is None:
        raise ValueError(f"tanggal tidak dikenali: {value!r}")
    return _parse_day(match["date"]), (_parse_time(match["time"]) if match["time"] else _MIDNIGHT)


@lru_cache(maxsize=1024)
def _day_start(text: str) -> datetime:
    """00:00 WIB of one date; cached because a statement covers a few dozen days."""
    return datetime.combine(_parse_day(text), _MIDNIGHT, tzinfo=JAKARTA)


@lru_cache(maxsize=100_000)
def _time_offset(text: str) -> timedelta:
    """A wall time as the offset from midnight; cached (a day has 86.400 seconds)."""
    wall = _parse_time(text)
    return timedelta(hours=wall.hour, minutes=wall.minute, seconds=wall.second)


def _parse_moment_text(value: str) -> datetime:
    """A date(-time) text. The usual shape, a date and a time separated by one space, is the
    cached midnight of the date plus the cached offset of the time (Asia/Jakarta has no
    daylight saving, so adding wall time is exact); anything else goes through
    :func:`_split_moment`."""
    date_part, space, time_part = value.partition(" ")
    if len(date_part) == 10 and (not space or (time_part and " " not in time_part)):
        day = _day_start(date_part)
        return day + _time_offset(time_part) if space else day
    day, wall = _split_moment(value)
    return datetime.combine(day, wall, tzinfo=JAKARTA)


def parse_moment(value: Any, time_value: Any = None) -> datetime:
    """A date(-time) cell as an aware Asia/Jakarta ``datetime``; raises ``ValueError``.

    ``time_value`` is the separate time column when the bank has one. A date without a time is
    taken at 00:00 WIB: the day is what reconciliation and the cash book need.
    """
    if isinstance(value, str):
        if time_value is None:
            return _parse_moment_text(value)
        day, wall = _split_moment(value)
    elif isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(JAKARTA).replace(tzinfo=None)
        day, wall = value.date(), value.time()
    elif isinstance(value, date):
        day, wall = value, _MIDNIGHT
    else:
        raise ValueError("tanggal kosong")
    if time_value is not None and time_value != "":
        if isinstance(time_value, time):
            wall = time_value
        elif isinstance(time_value, datetime):
            wall = time_value.time()
        elif isinstance(time_value, str):
            wall = _parse_time(time_value)
        else:
            raise ValueError(f"jam tidak dikenali: {time_value!r}")
    if wall.tzinfo is not None:
        wall = wall.replace(tzinfo=None)
    return datetime.combine(day, wall, tzinfo=JAKARTA)


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        # A code typed into a numeric Excel cell; 15 digits still fit a double exactly.
        return str(int(value))
    return str(value).strip()


# --- rows -------------------------------------------------------------------------------------


def _normalise_header(name: Any) -> str:
    return " ".join(_text(name).split()).casefold()


def _column_positions(header: list[Any], mapping: ColumnMapping) -> dict[str, int]:
    names = [_normalise_header(cell) for cell in header]
    positions: dict[str, int] = {}
    for field, column in mapping.required().items():
        wanted = _normalise_header(column)
        hits = [index for index, name in enumerate(names) if name == wanted]
        if not hits:
            raise StatementError(
                f"kolom {column!r} tidak ada di baris judul (pemetaan {mapping.name!r})", line=1
            )
        if len(hits) > 1:
            raise StatementError(f"kolom {column!r} muncul lebih dari sekali", line=1)
        positions[field] = hits[0]
    return positions


_SPACE = re.compile(r"\s+")
_new_tuple = tuple.__new__


class _RowReader:
    """Turns a row into a :class:`StatementLine`, with the column positions looked up once."""

    def __init__(self, positions: dict[str, int], *, not_after: date | None = None) -> None:
        self.not_after = not_after
        self.width = max(positions.values()) + 1
        self.code = positions["billing_code"]
        self.ntpn = positions["ntpn"]
        self.amount = positions["amount"]
        self.paid_at = positions["paid_at"]
        self.ntb = positions.get("ntb")
        self.time = positions.get("time")

    def line(self, row: list[Any], line_number: int) -> StatementLine:
        if len(row) < self.width:
            raise StatementError(
                f"hanya {len(row)} kolom, seharusnya paling sedikit {self.width}",
                line=line_number,
            )
        billing_code = row[self.code]
        billing_code = billing_code.strip() if type(billing_code) is str else _text(billing_code)
        if not is_valid_billing_code(billing_code):
            billing_code = _SPACE.sub("", billing_code)  # "8202 6112 ..." as some banks print
            if not is_valid_billing_code(billing_code):
                raise StatementError(
                    f"kode billing {billing_code!r} bukan 15 digit PNBP (7-9…)", line=line_number
                )
        ntpn = row[self.ntpn]
        ntpn = ntpn.strip() if type(ntpn) is str else _text(ntpn)
        if not is_valid_ntpn(ntpn):
            ntpn = ntpn.replace(" ", "").upper()
            if not is_valid_ntpn(ntpn):
                raise StatementError(f"NTPN {ntpn!r} bukan 16 huruf/angka", line=line_number)
        try:
            amount = parse_amount(row[self.amount])
        except ValueError as exc:
            raise StatementError(f"jumlah: {exc}", line=line_number) from exc
        try:
            paid_at = parse_moment(
                row[self.paid_at], row[self.time] if self.time is not None else None
            )
        except ValueError as exc:
            raise StatementError(f"tanggal bayar: {exc}", line=line_number) from exc
        if self.not_after is not None and paid_at.date() > self.not_after:  # clock-ok: WIB wall
            raise StatementError(
                f"tanggal bayar {paid_at:%d/%m/%Y} setelah hari ini "
                f"({self.not_after:%d/%m/%Y}); pembayaran belum mungkin terjadi",
                line=line_number,
            )
        ntb = _text(row[self.ntb]) if self.ntb is not None else ""
        if len(ntb) > 32:
            raise StatementError("NTB lebih dari 32 karakter", line=line_number)
        # tuple.__new__ skips the NamedTuple's Python-level __new__ (once per line).
        return _new_tuple(StatementLine, (line_number, billing_code, ntpn, amount, paid_at, ntb))


def _is_blank(row: list[Any]) -> bool:
    return not any(row) or all(cell is None or str(cell).strip() == "" for cell in row)


def _lines_from_rows(
    rows: Iterator[list[Any]], mapping: ColumnMapping, *, not_after: date | None = None
) -> Iterator[StatementLine]:
    header = next(rows, None)
    if header is None or _is_blank(header):
        raise StatementError("berkas kosong: tidak ada baris judul", line=1)
    reader = _RowReader(_column_positions(list(header), mapping), not_after=not_after)
    for line_number, row in enumerate(rows, start=2):
        # A row with any non-empty cell is a line (a cell of spaces is then an error below).
        if not any(row):
            continue
        yield reader.line(row, line_number)


# --- file formats ----------------------------------------------------------------------------


def sniff_format(head: bytes) -> str:
    """``"xlsx"`` for a ZIP container (an Office Open XML workbook), else ``"csv"``."""
    return "xlsx" if head.startswith(_XLSX_MAGIC) else "csv"


def _sniff_delimiter(header_line: str) -> str:
    """The separator that splits the header line most: banks use ``;`` where the decimal comma
    would clash with ``,`` (the Indonesian locale's Excel default) and ``,`` elsewhere."""
    counts = {sep: header_line.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    if counts[best] == 0:
        raise StatementError("pemisah kolom tidak dikenali (harus ; , atau tab)", line=1)
    return best


def _csv_reason(error: csv.Error) -> str:
    """The reason of a damaged CSV line, in Indonesian: Python's ``csv`` module says only
    "field larger than field limit (131072)" when a quote is never closed or a cell is absurdly
    long (issue #15, finding 12), which tells the bendahara nothing."""
    if "field larger than field limit" in str(error):
        return (
            f"ada kolom yang lebih panjang dari {csv.field_size_limit()} karakter; periksa "
            "tanda kutip yang tidak ditutup dan pemisah kolomnya"
        )
    return f"CSV rusak: {error}"


def _csv_rows(binary: IO[bytes]) -> Iterator[list[str]]:
    text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
    try:
        header_line = text.readline()
        if not header_line.strip():
            raise StatementError("berkas kosong: tidak ada baris judul", line=1)
        delimiter = _sniff_delimiter(header_line)
        try:
            header = next(csv.reader([header_line], delimiter=delimiter))
        except csv.Error as exc:
            raise StatementError(_csv_reason(exc), line=1) from exc
        yield header
        reader = csv.reader(text, delimiter=delimiter, strict=True)
        try:
            yield from reader
        except csv.Error as exc:
            raise StatementError(_csv_reason(exc), line=reader.line_num + 1) from exc
        except UnicodeDecodeError as exc:
            raise StatementError("berkas bukan teks UTF-8", line=reader.line_num + 2) from exc
    except UnicodeDecodeError as exc:
        raise StatementError("berkas bukan teks UTF-8", line=1) from exc
    finally:
        # Hand the caller's file back open: closing the wrapper would close the upload.
        with contextlib.suppress(ValueError):
            text.detach()


def _xlsx_rows(binary: IO[bytes]) -> Iterator[list[Any]]:
    from openpyxl import load_workbook  # imported late: CSV-only callers do not pay for it

    try:
        workbook = load_workbook(binary, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise StatementError(f"berkas XLSX tidak dapat dibaca: {exc}") from exc
    try:
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield list(row)
    finally:
        workbook.close()


def iter_statement(
    binary: IO[bytes], mapping: ColumnMapping, *, not_after: date | None = None
) -> Iterator[StatementLine]:
    """The payments of one statement file, in file order; raises :class:`StatementError` at the
    first malformed line (the caller rejects the whole file).

    ``not_after`` is the last day a payment can have been made (the office's today, from the
    caller: this module has no clock); a line paid after it is refused (issue #15, finding 12).

    ``binary`` is a seekable binary file (an upload, an open file); its format is told by its
    first bytes, not by its name: a ``.csv`` that is really a workbook is read as one.
    """
    head = binary.read(len(_XLSX_MAGIC))
    binary.seek(0)
    if not head:
        raise StatementError("berkas kosong", line=1)
    rows = _xlsx_rows(binary) if sniff_format(head) == "xlsx" else _csv_rows(binary)
    yield from _lines_from_rows(rows, mapping, not_after=not_after)
