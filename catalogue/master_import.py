"""What an office really holds, read and converted to the stored master layout (issue #20).

Offices keep microdata as CSV, SPSS ``.sav`` or Stata ``.dta``. The shop stores one layout
(``catalogue/microdata.py``: every value at its codebook byte width), because the quote's size is
computed from the codebook widths and must equal the delivered bytes. This module reads the
three formats (``.sav``/``.dta`` through pyreadstat), checks them against the codebook and writes
the stored lines; nothing here touches the database or the storage, so a refused file leaves
nothing behind.

Decisions (the conversion of a value to its stored text):

- the format is told by the content, never the name: ``$FL2``/``$FL3`` opens an SPSS system
  file, ``<stata_dta>`` (or the old 0x71-0x73 release byte with a byte-order byte) a Stata
  file; anything else must be UTF-8 text without NUL bytes (a byte-order mark is allowed) and
  is read as CSV, its delimiter (``,`` ``;`` tab or ``|``) taken from the header line;
- columns are matched to codebook names without regard to case (Stata lower-cases names), and
  must be exactly the codebook's: a missing or an extra column refuses the file;
- a missing value (empty cell, SPSS/Stata system missing) is stored as spaces;
- a number is written without exponent, an integral one without decimals (``35.0`` → ``35``);
  numeric values are right-aligned with spaces, categorical ones zero-filled (``7`` → ``07``,
  as the demo's and BPS' codes are), strings left-aligned;
- a value longer than its width, or not ASCII, refuses the file (the delivered file is ASCII
  and a cut value would be another value).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pyreadstat

__all__ = [
    "CSV",
    "DTA",
    "SAV",
    "CodebookColumn",
    "MasterImportError",
    "Converted",
    "convert_master",
    "detect_format",
    "stored_value",
]

CSV, SAV, DTA = "csv", "sav", "dta"
FORMAT_LABELS = {CSV: "CSV", SAV: "SPSS (.sav)", DTA: "Stata (.dta)"}

#: Openings of files that are often renamed to .csv by mistake: PDF, ZIP (and so XLSX), PNG,
#: JPEG, GIF, and the old Office compound file (XLS).
NOT_DATA = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\xd0\xcf\x11\xe0")
#: Rows read from an SPSS/Stata file at a time (pyreadstat's ``row_limit``/``row_offset``).
CHUNK_ROWS = 20_000
#: How many faulty values one refusal names before "and more".
SHOWN_ERRORS = 5


class MasterImportError(ValueError):
    """A file refused; ``message`` (Indonesian) is shown to the officer as it is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CodebookColumn:
    name: str
    type: str  # numeric, categorical or string (``MicrodataVariable.Type``)
    width: int


@dataclass(frozen=True)
class Converted:
    source_format: str
    records: int
    counts: dict[str, int]  # records per region code


def detect_format(head: bytes) -> str:
    """CSV, SAV or DTA from the first bytes of the file (see the module docstring)."""
    if head[:4] in (b"$FL2", b"$FL3"):
        return SAV
    if head.startswith(b"<stata_dta>") or (
        len(head) > 2 and head[0] in (0x71, 0x72, 0x73) and head[1] in (1, 2) and head[2] == 1
    ):
        return DTA
    if not head:
        raise MasterImportError("Berkas kosong.")
    if head.startswith(NOT_DATA) or b"\x00" in head:
        raise MasterImportError(
            "Berkas bukan CSV, SPSS (.sav) atau Stata (.dta): isinya biner yang tidak dikenal."
        )
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:  # not merely a character cut at the end of the head
            raise MasterImportError(
                "Berkas CSV harus berenkode UTF-8; simpan ulang sebagai CSV UTF-8."
            ) from None
    return CSV


def stored_value(value: object, column: CodebookColumn) -> str:
    """``value`` as stored: exactly ``column.width`` ASCII characters (module docstring)."""
    text = _as_text(value)
    if text == "":
        return " " * column.width
    if not text.isascii():
        raise ValueError("bukan karakter ASCII")
    if len(text) > column.width:
        raise ValueError(f"lebih dari {column.width} byte")
    if column.type == "string":
        return text.ljust(column.width)
    if column.type == "categorical" and text.isdigit():
        return text.zfill(column.width)
    return text.rjust(column.width)


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    if isinstance(value, int):
        return str(value)
    return str(value).strip()


def convert_master(
    path: Path,
    *,
    codebook: Sequence[CodebookColumn],
    region_variable: str,
    known_regions: Callable[[set[str]], set[str]],
    out: io.BufferedIOBase,
    max_records: int,
    progress: Callable[[int, int | None], None] = lambda done, total: None,
) -> Converted:
    """Read ``path``, check it against ``codebook`` and write the stored lines to ``out``.

    ``known_regions(codes)`` returns which of ``codes`` the region master holds; a code it
    does not know refuses the file. Raises :class:`MasterImportError` with every reason found
    (up to ``SHOWN_ERRORS``), having written possibly part of ``out``: the caller discards it.
    """
    with path.open("rb") as handle:
        head = handle.read(4096)
    source_format = detect_format(head)
    reader = {CSV: _csv_rows, SAV: _readstat_rows, DTA: _readstat_rows}[source_format]
    columns, total, rows = reader(path, source_format)
    by_name = _match_columns(columns, codebook)
    if total is not None and total > max_records:
        raise MasterImportError(
            f"Berkas berisi {total} record; paling banyak {max_records} record per master."
        )
    region_column = next(c for c in codebook if c.name == region_variable)
    errors: list[str] = []
    counts: dict[str, int] = {}
    records = 0
    for number, row in enumerate(rows, start=1):
        records = number
        if records > max_records:
            raise MasterImportError(f"Berkas berisi lebih dari {max_records} record per master.")
        fields = []
        for column in codebook:
            value = row[by_name[column.name]]
            try:
                fields.append(stored_value(value, column))
            except ValueError as why:
                errors.append(
                    f"record {number}, kolom {column.name}: nilai {_as_text(value)} {why}"
                )
        if errors:
            if len(errors) >= SHOWN_ERRORS:
                break
            continue
        code = fields[codebook.index(region_column)].strip()
        if not code:
            errors.append(f"record {number}: kode wilayah ({region_variable}) kosong")
            continue
        counts[code] = counts.get(code, 0) + 1
        out.write((",".join(fields) + "\n").encode("ascii"))
        if number % 1000 == 0:
            progress(number, total)
    if errors:
        raise MasterImportError("Berkas ditolak: " + "; ".join(errors[:SHOWN_ERRORS]) + ".")
    if records == 0:
        raise MasterImportError("Berkas tidak berisi satu record pun.")
    if total is not None and records != total:
        raise MasterImportError(
            f"Berkas terpotong: kepalanya menyebut {total} record, terbaca {records}."
        )
    unknown = sorted(set(counts) - known_regions(set(counts)))
    if unknown:
        raise MasterImportError(
            "Kode wilayah tidak ada dalam master wilayah: " + ", ".join(unknown[:10]) + "."
        )
    progress(records, total)
    return Converted(source_format=source_format, records=records, counts=counts)


def _match_columns(columns: Sequence[str], codebook: Sequence[CodebookColumn]) -> dict[str, str]:
    """Codebook name → the file's column name (case-insensitive); refuses any mismatch."""
    present = {name.strip().lower(): name for name in columns}
    wanted = {c.name.lower(): c.name for c in codebook}
    missing = [wanted[k] for k in wanted if k not in present]
    extra = [present[k] for k in present if k not in wanted]
    if missing or extra:
        parts = []
        if missing:
            parts.append("kolom codebook yang tidak ada di berkas: " + ", ".join(missing[:10]))
        if extra:
            parts.append("kolom berkas yang tidak ada di codebook: " + ", ".join(extra[:10]))
        raise MasterImportError("Kolom berkas tidak sesuai codebook (" + "; ".join(parts) + ").")
    return {wanted[k]: present[k] for k in wanted}


def _csv_rows(path: Path, _format: str):
    handle = path.open("r", encoding="utf-8-sig", newline="")
    header_line = handle.readline()
    if not header_line.strip():
        handle.close()
        raise MasterImportError("Berkas CSV kosong atau tanpa baris judul kolom.")
    delimiter = max(",;\t|", key=header_line.count)
    columns = next(csv.reader([header_line], delimiter=delimiter))

    def rows() -> Iterator[Mapping[str, str]]:
        with handle:
            try:
                for line_no, values in enumerate(csv.reader(handle, delimiter=delimiter), 2):
                    if not any(v.strip() for v in values):
                        continue
                    if len(values) != len(columns):
                        raise MasterImportError(
                            f"Baris {line_no} berisi {len(values)} kolom; judul kolom "
                            f"berisi {len(columns)}."
                        )
                    yield dict(zip(columns, values, strict=True))
            except UnicodeDecodeError:
                raise MasterImportError(
                    "Berkas CSV harus berenkode UTF-8; simpan ulang sebagai CSV UTF-8."
                ) from None
            except csv.Error as error:
                raise MasterImportError(f"Berkas CSV tidak dapat dibaca: {error}.") from None

    return columns, None, rows()


def _readstat_rows(path: Path, source_format: str):
    read = pyreadstat.read_sav if source_format == SAV else pyreadstat.read_dta
    label = FORMAT_LABELS[source_format]
    try:
        _, meta = read(str(path), metadataonly=True, output_format="dict")
    except Exception as error:  # pyreadstat raises its own and C-level errors for a bad file
        raise MasterImportError(
            f"Berkas {label} tidak dapat dibaca (rusak atau terpotong): {error}."
        ) from None
    columns = list(meta.column_names)
    total = int(meta.number_rows) if meta.number_rows not in (None, -1) else None

    def rows() -> Iterator[Mapping[str, object]]:
        offset = 0
        while True:
            try:
                data, _ = read(
                    str(path), output_format="dict", row_limit=CHUNK_ROWS, row_offset=offset
                )
            except Exception as error:  # a file cut short fails here, past its header
                raise MasterImportError(
                    f"Berkas {label} tidak dapat dibaca (rusak atau terpotong): {error}."
                ) from None
            got = len(next(iter(data.values()))) if data else 0
            for i in range(got):
                yield {name: data[name][i] for name in columns}
            offset += got
            if got < CHUNK_ROWS or (total is not None and offset >= total):
                return

    return columns, total, rows()
