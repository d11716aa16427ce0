"""Reading catalogue export files (issue #4, #19): CSV, JSON and JSON Lines into rows.

Pure, no Django: `read_rows` turns a file into `SourceRow`\\ s that remember their line number,
so the import report can point a librarian at the line of the office's export. The rows are
normalised by ``library.import_reading``; the writing half is ``library.importer``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

# --- Reading ------------------------------------------------------------------------------------

FORMATS = ("csv", "json", "jsonl")


class ImportFileError(Exception):
    """The whole file cannot be read (wrong format, broken JSON, no header): nothing is imported."""


@dataclass(frozen=True)
class SourceRow:
    """One record as read from the file: its line number (for the report) and its raw cells."""

    line: int
    data: dict
    error: str | None = None  # a JSON Lines line that is not an object


def file_format(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix == "ndjson":
        return "jsonl"
    if suffix not in FORMATS:
        raise ImportFileError(
            _("Unsupported file type %(suffix)s: use .csv, .json or .jsonl.")
            % {"suffix": path.suffix or "?"}
        )
    return suffix


def _decode(raw: bytes) -> str:
    """UTF-8 (with or without the BOM Excel writes); a Windows export falls back to cp1252."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def read_rows(path: Path) -> list[SourceRow]:
    """Every record of ``path`` with the line it starts on; blank CSV rows are skipped."""
    kind = file_format(path)
    text = _decode(path.read_bytes())
    if kind == "csv":
        return list(_csv_rows(text))
    if kind == "jsonl":
        return list(_jsonl_rows(text))
    return list(_json_rows(text))


def _csv_rows(text: str) -> Iterator[SourceRow]:
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample.splitlines()[0] if sample else "", delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect=dialect)
    try:
        header = next(reader, None)
        if not header or not any(cell.strip() for cell in header):
            raise ImportFileError(_("The CSV file has no header row."))
        previous_end = reader.line_num
        for cells in reader:
            # A record starts on the line after the previous one ended (cells may hold
            # line breaks, blank lines are skipped), which is the line the report names.
            line, previous_end = previous_end + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            yield SourceRow(line=line, data=dict(zip(header, cells, strict=False)))
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV file is malformed near line %(line)s: %(error)s")
            % {"line": reader.line_num, "error": error}
        ) from error


def _jsonl_rows(text: str) -> Iterator[SourceRow]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            yield SourceRow(
                line=number, data={}, error=_("not valid JSON: %(error)s") % {"error": error.msg}
            )
            continue
        if isinstance(data, dict):
            yield SourceRow(line=number, data=data)
        else:
            yield SourceRow(line=number, data={}, error=_("the line is not a JSON object"))


def _json_rows(text: str) -> Iterator[SourceRow]:
    """A JSON array of objects (line numbers kept), or the office web API's response shapes:
    ``{"data": [paging, [records…]]}`` from the list call, ``{"data": {record}}`` from the view
    call (records are then numbered, not lined)."""
    stripped = text.lstrip()
    if stripped.startswith("["):
        yield from _json_array_rows(text)
        return
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            _("The JSON file is malformed at line %(line)s: %(error)s")
            % {"line": error.lineno, "error": error.msg}
        ) from error
    records = document.get("data", document) if isinstance(document, dict) else document
    if isinstance(records, list) and len(records) == 2 and isinstance(records[1], list):
        records = records[1]
    if isinstance(records, dict):
        records = [records]
    if not isinstance(records, list):
        raise ImportFileError(_("The JSON file holds no list of publications."))
    for number, data in enumerate(records, start=1):
        yield _json_record(number, data)


def _json_record(line: int, data) -> SourceRow:
    if isinstance(data, dict):
        return SourceRow(line=line, data=data)
    return SourceRow(line=line, data={}, error=_("the record is not a JSON object"))


def _json_array_rows(text: str) -> Iterator[SourceRow]:
    """Decode the top-level array one element at a time, counting lines as it goes."""
    decoder = json.JSONDecoder()
    whitespace = re.compile(r"\s*")
    position = whitespace.match(text).end() + 1  # past "["
    line, counted_to = 1, 0

    def fail(at: int, message: str):
        return ImportFileError(
            _("The JSON file is malformed at line %(line)s: %(error)s")
            % {"line": text.count("\n", 0, at) + 1, "error": message}
        )

    position = whitespace.match(text, position).end()
    if text[position : position + 1] == "]":
        return
    while True:
        line += text.count("\n", counted_to, position)
        counted_to = position
        try:
            data, end = decoder.raw_decode(text, position)
        except json.JSONDecodeError as error:
            raise fail(error.pos, error.msg) from error
        yield _json_record(line, data)
        position = whitespace.match(text, end).end()
        separator = text[position : position + 1]
        if separator == "]":
            return
        if separator != ",":
            raise fail(position, "expected ',' or ']'")
        position = whitespace.match(text, position + 1).end()
