"""Reading bank and MPN statement files (CSV and XLSX) into statement lines.

The bendahara reconciles what SIMPONI billed against what the bank and MPN say was paid
(DOMAIN.md, "The bendahara": reconciliation = matching the same transactions as seen by
different systems). Banks export their statements in their own shape, so:

- the header row names are configured per bank through a :class:`ColumnMapping` saved by name
  (issue #9); header names match case-insensitively, surrounding spaces ignored;
- CSV files may be ``;`` or ``,`` (or tab) separated, sniffed from the header line, with or
  without a UTF-8 byte order mark (Excel writes one);
- amounts are written the Indonesian way (``1.250.000,00``, ``1250000``, ``Rp 1.250.000``;
  :func:`shop.billing.money.parse_rupiah`), plus a bare ``1250000.00`` that some bank exports
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
import hashlib
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import IO, Any

from pst.workdays import JAKARTA
from shop.billing.identifiers import is_valid_billing_code, is_valid_ntpn
from shop.billing.money import parse_rupiah

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


@dataclass(frozen=True, slots=True)
class StatementLine:
    """One payment as the bank or MPN reports it."""

    line_number: int
    billing_code: str
    ntpn: str
    amount: Decimal
    paid_at: datetime
    ntb: str = ""

    @property
    def fingerprint(self) -> str:
        """Identity of the payment, independent of the file's layout and of the line's
        position: the same payment exported as CSV or XLSX, or uploaded twice, has the same
        fingerprint, so the database can refuse it a second time (STYLE.md habit 5)."""
        text = "|".join(
            (
                self.billing_code,
                self.ntpn,
                self.ntb,
                f"{self.amount:.2f}",
                self.paid_at.astimezone(JAKARTA).strftime("%Y-%m-%dT%H:%M:%S"),
            )
        )
        return hashlib.sha256(text.encode()).hexdigest()


# --- values -----------------------------------------------------------------------------------

_PLAIN_DECIMAL = re.compile(r"\s*(?:(?:rp\.?|idr)\s*)?(\d+\.\d{2})\s*", re.IGNORECASE | re.ASCII)


def parse_amount(value: Any) -> Decimal:
    """An amount cell as ``Decimal`` rupiah; raises ``ValueError`` with an Indonesian reason.

    Text goes through :func:`parse_rupiah` (Indonesian grouping); numbers from an XLSX cell are
    taken as they are (a float cell is rounded to cents through its shortest repr, never through
    binary arithmetic). The amount of a payment is positive.
    """
    if isinstance(value, bool):
        raise ValueError("jumlah bukan angka")
    if isinstance(value, Decimal | int):
        amount = Decimal(value)
    elif isinstance(value, float):
        amount = Decimal(repr(value)).quantize(Decimal("0.01"))
    elif isinstance(value, str):
        plain = _PLAIN_DECIMAL.fullmatch(value)
        amount = Decimal(plain.group(1)) if plain else parse_rupiah(value)
    else:
        raise ValueError("jumlah kosong")
    if not amount.is_finite() or amount <= 0:
        raise ValueError(f"jumlah harus lebih dari nol: {value!r}")
    return amount


_DATE_PATTERNS = (
    re.compile(r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"),
    re.compile(r"(?P<d>\d{1,2})-(?P<m>\d{1,2})-(?P<y>\d{4})"),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
)
_TIME = re.compile(r"(?P<H>\d{1,2})[:.](?P<M>\d{2})(?:[:.](?P<S>\d{2}))?")
_MOMENT = re.compile(r"\s*(?P<date>[0-9/-]+)(?:[ T]+(?P<time>[0-9:.]+))?\s*", re.ASCII)


def _parse_time(text: str) -> time:
    match = _TIME.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"jam tidak dikenali: {text!r}")
    return time(int(match["H"]), int(match["M"]), int(match["S"] or 0))


def parse_moment(value: Any, time_value: Any = None) -> datetime:
    """A date(-time) cell as an aware Asia/Jakarta ``datetime``; raises ``ValueError``.

    ``time_value`` is the separate time column when the bank has one. A date without a time is
    taken at 00:00 WIB: the day is what reconciliation and the cash book need.
    """
    if isinstance(value, datetime):
        moment = value.replace(tzinfo=None) if value.tzinfo is None else value
    elif isinstance(value, date):
        moment = datetime.combine(value, time())
    elif isinstance(value, str):
        match = _MOMENT.fullmatch(value)
        if match is None:
            raise ValueError(f"tanggal tidak dikenali: {value!r}")
        for pattern in _DATE_PATTERNS:
            found = pattern.fullmatch(match["date"])
            if found:
                break
        else:
            raise ValueError(f"tanggal tidak dikenali: {value!r}")
        try:
            day = date(int(found["y"]), int(found["m"]), int(found["d"]))
        except ValueError as exc:
            raise ValueError(f"tanggal tidak ada: {value!r}") from exc
        wall = _parse_time(match["time"]) if match["time"] else time()
        moment = datetime.combine(day, wall)
    else:
        raise ValueError("tanggal kosong")
    if time_value not in (None, ""):
        if isinstance(time_value, time):
            wall = time_value
        elif isinstance(time_value, datetime):
            wall = time_value.time()
        elif isinstance(time_value, str):
            wall = _parse_time(time_value)
        else:
            raise ValueError(f"jam tidak dikenali: {time_value!r}")
        moment = datetime.combine(moment.date(), wall)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=JAKARTA)
    return moment.astimezone(JAKARTA)


def _text(value: Any) -> str:
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


def _line_from_row(row: list[Any], positions: dict[str, int], line_number: int) -> StatementLine:
    width = max(positions.values()) + 1
    if len(row) < width:
        raise StatementError(
            f"hanya {len(row)} kolom, seharusnya paling sedikit {width}", line=line_number
        )
    billing_code = re.sub(r"\s+", "", _text(row[positions["billing_code"]]))
    if not is_valid_billing_code(billing_code):
        raise StatementError(
            f"kode billing {billing_code!r} bukan 15 digit PNBP (7-9…)", line=line_number
        )
    ntpn = _text(row[positions["ntpn"]]).replace(" ", "").upper()
    if not is_valid_ntpn(ntpn):
        raise StatementError(f"NTPN {ntpn!r} bukan 16 huruf/angka", line=line_number)
    try:
        amount = parse_amount(row[positions["amount"]])
    except ValueError as exc:
        raise StatementError(f"jumlah: {exc}", line=line_number) from exc
    try:
        paid_at = parse_moment(
            row[positions["paid_at"]], row[positions["time"]] if "time" in positions else None
        )
    except ValueError as exc:
        raise StatementError(f"tanggal bayar: {exc}", line=line_number) from exc
    ntb = _text(row[positions["ntb"]]) if "ntb" in positions else ""
    if len(ntb) > 32:
        raise StatementError("NTB lebih dari 32 karakter", line=line_number)
    return StatementLine(line_number, billing_code, ntpn, amount, paid_at, ntb)


def _is_blank(row: Iterable[Any]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in row)


def _lines_from_rows(rows: Iterator[list[Any]], mapping: ColumnMapping) -> Iterator[StatementLine]:
    header = next(rows, None)
    if header is None or _is_blank(header):
        raise StatementError("berkas kosong: tidak ada baris judul", line=1)
    positions = _column_positions(list(header), mapping)
    for line_number, row in enumerate(rows, start=2):
        if _is_blank(row):
            continue
        yield _line_from_row(list(row), positions, line_number)


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


def _csv_rows(binary: IO[bytes]) -> Iterator[list[str]]:
    text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
    try:
        header_line = text.readline()
        if not header_line.strip():
            raise StatementError("berkas kosong: tidak ada baris judul", line=1)
        delimiter = _sniff_delimiter(header_line)
        yield next(csv.reader([header_line], delimiter=delimiter))
        reader = csv.reader(text, delimiter=delimiter, strict=True)
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise StatementError(f"CSV rusak: {exc}", line=reader.line_num + 1) from exc
            except UnicodeDecodeError as exc:
                raise StatementError("berkas bukan teks UTF-8", line=reader.line_num + 2) from exc
            yield row
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


def iter_statement(binary: IO[bytes], mapping: ColumnMapping) -> Iterator[StatementLine]:
    """The payments of one statement file, in file order; raises :class:`StatementError` at the
    first malformed line (the caller rejects the whole file).

    ``binary`` is a seekable binary file (an upload, an open file); its format is told by its
    first bytes, not by its name: a ``.csv`` that is really a workbook is read as one.
    """
    head = binary.read(len(_XLSX_MAGIC))
    binary.seek(0)
    if not head:
        raise StatementError("berkas kosong", line=1)
    rows = _xlsx_rows(binary) if sniff_format(head) == "xlsx" else _csv_rows(binary)
    yield from _lines_from_rows(rows, mapping)
