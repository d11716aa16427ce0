"""Bulk import of catalogue records (issue #4, ``manage.py import_publications``).

Two halves, kept apart so the rules can be tested without a database:

* **Reading and normalising** (pure): `read_rows` turns a CSV, JSON or JSON Lines file into
  `SourceRow`\\ s that remember their line number; `normalise_row` maps the office web API's field
  names (``title``, ``kat_no``, ``pub_no``, ``issn``, ``rl_date``, ``sch_date``, ``abstract``,
  ``subj``, ``domain``, ``pdf`` …, DOMAIN.md "Library") and our own model field names onto one
  `PublicationRecord`, or raises `RowRejected` with the reason a librarian can act on.
* **Writing** (database): `PublicationImporter` finds the page each record updates (Katalog +
  Nomor Publikasi where both are present, otherwise title + release date), attaches the PDF
  through ``library.services.publication_attach_pdf`` (the watermark master is prepared exactly
  as at upload) and publishes a revision. Each row is its own transaction: a bad row is reported
  and skipped, the others go in.

Real catalogue exports are incomplete (issue #4): only the title is required, an empty cell never
erases what the catalogue already holds, and a record without a PDF is listed as not yet
available as softcopy. The accepted columns are documented in docs/library-import.md.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import re
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.signal_handlers import disable_reference_index_auto_update

from pst.clock import office_today
from pst.exports import csv_writer

from .identifiers import (
    is_valid_isbn13,
    is_valid_issn,
    is_valid_katalog,
    is_valid_nomor_publikasi,
)

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


# --- Normalising --------------------------------------------------------------------------------

#: Accepted column names per field: our own field name first, then the office web API's name,
#: then Indonesian headers seen in catalogue spreadsheets. Headers are compared lower-cased with
#: spaces and hyphens read as underscores.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "judul", "judul_publikasi"),
    "subtitle": ("subtitle", "sub_title", "subjudul", "anak_judul"),
    "title_en": ("title_en", "english_title", "judul_inggris", "judul_en"),
    "katalog": ("katalog", "kat_no", "katalog_bps", "no_katalog", "nomor_katalog", "catalog_no"),
    "nomor_publikasi": (
        "nomor_publikasi",
        "pub_no",
        "no_publikasi",
        "publication_no",
        "publication_number",
    ),
    "issn": ("issn", "e_issn", "eissn"),
    "isbn": ("isbn", "e_isbn", "eisbn"),
    "release_date": ("release_date", "rl_date", "tanggal_rilis", "tgl_rilis", "tanggal_terbit"),
    "scheduled_date": ("scheduled_date", "sch_date", "jadwal_rilis", "tanggal_jadwal"),
    "frequency": ("frequency", "frekuensi"),
    "region": ("region", "domain", "region_code", "kode_wilayah", "wilayah", "kode_domain"),
    "subjects": ("subjects", "subject", "subj", "subjek", "subjects_name"),
    "authors": ("authors", "author", "penulis", "pengarang"),
    "editors": ("editors", "editor", "penyunting"),
    "publisher": ("publisher", "penerbit"),
    "language": ("language", "bahasa"),
    "abstract": ("abstract", "abstrak", "abstraksi"),
    "pdf": ("pdf", "pdf_file", "file", "berkas", "berkas_pdf"),
    "is_free": ("is_free", "free", "gratis"),
}

#: Fields of the web API we knowingly leave out (ids of the office's system, its own cover URL,
#: a size we measure ourselves); they are not reported as unknown columns.
IGNORED_COLUMNS = frozenset(
    {"pub_id", "updt_date", "update_date", "cover", "size", "related", "id", "url", "slug"}
)

_ALIAS_TO_FIELD = {alias: name for name, aliases in FIELD_ALIASES.items() for alias in aliases}

_MAX_LENGTHS = {
    "title": 255,
    "subtitle": 255,
    "title_en": 255,
    "authors": 500,
    "publisher": 200,
    "language": 60,
}

_FREQUENCIES = {
    "tahunan": ("tahunan", "annual", "yearly", "annually"),
    "semesteran": ("semesteran", "semi-annual", "semiannual", "semi annual", "semester"),
    "triwulanan": ("triwulanan", "quarterly", "triwulan"),
    "bulanan": ("bulanan", "monthly"),
    "sekali": ("sekali", "sekali terbit", "one-off", "one off", "once"),
}
_FREQUENCY_BY_WORD = {word: code for code, words in _FREQUENCIES.items() for word in words}

_TRUE = frozenset({"1", "true", "ya", "yes", "y", "gratis", "free"})
_FALSE = frozenset({"0", "false", "tidak", "no", "n", "berbayar", "paid"})

_LANGUAGE_CODES = {"id": "Indonesia", "ind": "Indonesia", "in": "Indonesia", "en": "Inggris"}
_LANGUAGE_CODES["eng"] = "Inggris"

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "january", "jan"),
            ("februari", "february", "feb", "pebruari"),
            ("maret", "march", "mar"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("agustus", "august", "agu", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov", "nop"),
            ("desember", "december", "des", "dec"),
        ),
        start=1,
    )
    for name in names
}
_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y/%m/%d", "%d.%m.%Y")
_WORD_DATE = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})")


class RowRejected(Exception):
    """A row that cannot be imported; ``reason`` is shown in the report beside its line."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True)
class PublicationRecord:
    """One normalised catalogue record. ``None`` means "not in the file": the import leaves
    that field of an existing page as it is (an incomplete export never erases data)."""

    title: str
    subtitle: str | None = None
    title_en: str | None = None
    katalog: str | None = None
    nomor_publikasi: str | None = None
    issn: str | None = None
    isbn: str | None = None
    release_date: date | None = None
    scheduled_date: date | None = None
    frequency: str | None = None
    region_code: str | None = None
    region_name: str | None = None
    subjects: tuple[str, ...] | None = None
    authors: str | None = None
    publisher: str | None = None
    language: str | None = None
    abstract: str | None = None
    pdf: str | None = None
    pdf_is_url: bool = False
    is_free: bool | None = None
    warnings: tuple[str, ...] = ()

    @property
    def effective_release_date(self) -> date | None:
        """The release date, or the scheduled date of a release announced in the calendar."""
        return self.release_date or self.scheduled_date

    @property
    def key(self) -> tuple:
        """What identifies the publication across imports (issue #4): Katalog + Nomor
        Publikasi where both are present, otherwise title + release date."""
        if self.katalog and self.nomor_publikasi:
            return ("katalog", self.katalog, self.nomor_publikasi)
        return ("title", title_key(self.title), self.effective_release_date)

    def page_values(self) -> dict:
        """The page fields this record sets (only those it has)."""
        names = (
            "title",
            "subtitle",
            "title_en",
            "katalog",
            "nomor_publikasi",
            "issn",
            "isbn",
            "frequency",
            "authors",
            "publisher",
            "language",
            "abstract",
            "is_free",
        )
        values = {name: getattr(self, name) for name in names if getattr(self, name) is not None}
        if self.effective_release_date is not None:
            values["release_date"] = self.effective_release_date
        return values


def title_key(title: str) -> str:
    """Titles match whatever their case and spacing."""
    return " ".join(title.split()).casefold()


def canonical_column(header: str) -> str:
    return re.sub(r"[\s\-]+", "_", str(header).strip().lower())


def map_columns(data: dict) -> tuple[dict, list[str]]:
    """Cells keyed by field name, and the columns nobody reads (reported once per file)."""
    mapped: dict = {}
    unknown: list[str] = []
    for header, value in data.items():
        column = canonical_column(header)
        name = _ALIAS_TO_FIELD.get(column)
        if name is None:
            if column not in IGNORED_COLUMNS:
                unknown.append(str(header))
            continue
        if name not in mapped or _is_empty(mapped[name]):
            mapped[name] = value
    return mapped, unknown


def _is_empty(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip() or value.strip() in {"-", "−"}
    if isinstance(value, list | tuple | dict):
        return not value
    return False


def _text(value, *, name: str) -> str | None:
    if _is_empty(value):
        return None
    if isinstance(value, list | dict):
        raise RowRejected(_("%(field)s must be text.") % {"field": name})
    text = " ".join(html.unescape(str(value)).split())
    limit = _MAX_LENGTHS.get(name)
    if limit and len(text) > limit:
        raise RowRejected(
            _("%(field)s is longer than %(limit)s characters.") % {"field": name, "limit": limit}
        )
    return text


def parse_date(value, *, name: str) -> date | None:
    """ISO dates (the web API's ``2023-02-28``, with or without a time), day-first dates
    (``28-02-2023``, ``28/02/2023``) and written dates (``28 Februari 2023``)."""
    if _is_empty(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    head = re.split(r"[T ]", text, maxsplit=1)[0] if re.match(r"\d{4}-", text) else text
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(head, pattern).date()
        except ValueError:
            continue
    match = _WORD_DATE.fullmatch(text)
    if match and match.group(2).lower() in _MONTHS:
        try:
            return date(int(match.group(3)), _MONTHS[match.group(2).lower()], int(match.group(1)))
        except ValueError:
            pass
    raise RowRejected(
        _("%(field)s %(value)s is not a date (use YYYY-MM-DD).") % {"field": name, "value": text}
    )


def _subjects(value) -> tuple[str, ...] | None:
    """A list (strings or the API's ``{"title": …}`` objects) or text split on ``;`` or ``|``."""
    if _is_empty(value):
        return None
    items = value if isinstance(value, list) else re.split(r"[;|]", str(value))
    names = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("title") or item.get("name") or item.get("subj") or ""
        name = " ".join(html.unescape(str(item)).split())
        if name and name not in names:
            if len(name) > 100:
                raise RowRejected(
                    _("Subject %(name)s is longer than 100 characters.") % {"name": name[:40]}
                )
            names.append(name)
    return tuple(names) or None


def _region(value) -> tuple[str | None, str | None]:
    """A BPS domain code (``0000`` national, ``7315``; a number loses its leading zeros in
    spreadsheets, so ``0`` is ``0000``) or a region name."""
    if _is_empty(value):
        return None, None
    text = str(value).strip()
    if isinstance(value, int) or text.isdigit():
        if len(text) > 4:
            raise RowRejected(
                _("Region code %(code)s is not a 4-digit BPS domain code.") % {"code": text}
            )
        return text.zfill(4), None
    return None, " ".join(text.split())


def _frequency(value) -> str | None:
    if _is_empty(value):
        return None
    word = " ".join(str(value).strip().lower().split())
    if word not in _FREQUENCY_BY_WORD:
        raise RowRejected(
            _("Unknown frequency %(value)s (use tahunan, semesteran, triwulanan, bulanan or "
              "sekali).") % {"value": value}
        )  # fmt: skip
    return _FREQUENCY_BY_WORD[word]


def _boolean(value, *, name: str) -> bool | None:
    if _is_empty(value):
        return None
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise RowRejected(_("%(field)s must be ya or tidak.") % {"field": name})


def _issn(value) -> str | None:
    text = _text(value, name="issn")
    if text is None:
        return None
    text = text.upper().replace(" ", "")
    if not is_valid_issn(text):
        raise RowRejected(
            _("ISSN %(value)s is not valid (check digit or format).") % {"value": text}
        )
    digits = text.replace("-", "")
    return f"{digits[:4]}-{digits[4:]}"


def _pdf(value) -> tuple[str | None, bool]:
    """A file name relative to ``--pdf-dir``; for the web API's download URL, its last part."""
    text = _text(value, name="pdf")
    if text is None:
        return None, False
    if re.match(r"https?://", text, re.IGNORECASE):
        url = urlparse(text)
        names = [url.path.rstrip("/").rsplit("/", 1)[-1]]
        # A download script (``download.html?f=…``) names the file in its query string.
        names += [value for value in re.split(r"[&=]", url.query) if value.lower().endswith(".pdf")]
        pdfs = [unquote(name) for name in names if name.lower().endswith(".pdf")]
        return (pdfs[0] if pdfs else unquote(names[0]) or None), True
    return text, False


def normalise_row(data: dict) -> PublicationRecord:
    """One raw record → a `PublicationRecord`, or `RowRejected` naming the first problem."""
    cells, _unknown = map_columns(data)
    title = _text(cells.get("title"), name="title")
    if not title:
        raise RowRejected(_("The title is missing (the only required column)."))
    katalog = _text(cells.get("katalog"), name="katalog")
    if katalog is not None:
        katalog = katalog.replace(" ", "")
        if not is_valid_katalog(katalog):
            raise RowRejected(
                _("Katalog BPS %(value)s is not valid (7 digits, optionally a dot and a region "
                  "code).") % {"value": katalog}
            )  # fmt: skip
    nomor = _text(cells.get("nomor_publikasi"), name="nomor_publikasi")
    if nomor is not None:
        nomor = nomor.replace(" ", "")
        if not is_valid_nomor_publikasi(nomor):
            raise RowRejected(
                _("Publication number %(value)s is not valid (e.g. 03220.1607).") % {"value": nomor}
            )
    isbn = _text(cells.get("isbn"), name="isbn")
    if isbn is not None and not is_valid_isbn13(isbn):
        raise RowRejected(_("ISBN %(value)s is not a valid ISBN-13.") % {"value": isbn})
    release = parse_date(cells.get("release_date"), name="release_date")
    scheduled = parse_date(cells.get("scheduled_date"), name="scheduled_date")
    authors = "; ".join(
        part
        for part in (
            _text(cells.get("authors"), name="authors"),
            _text(cells.get("editors"), name="editors"),
        )
        if part
    )
    if len(authors) > _MAX_LENGTHS["authors"]:
        raise RowRejected(_("authors is longer than 500 characters."))
    abstract = cells.get("abstract")
    abstract = None if _is_empty(abstract) else strip_tags(html.unescape(str(abstract))).strip()
    language = _text(cells.get("language"), name="language")
    if language is not None:
        language = _LANGUAGE_CODES.get(language.lower(), language)
    region_code, region_name = _region(cells.get("region"))
    pdf, pdf_is_url = _pdf(cells.get("pdf"))
    return PublicationRecord(
        title=title,
        subtitle=_text(cells.get("subtitle"), name="subtitle"),
        title_en=_text(cells.get("title_en"), name="title_en"),
        katalog=katalog,
        nomor_publikasi=nomor,
        issn=_issn(cells.get("issn")),
        isbn=isbn,
        release_date=release,
        scheduled_date=scheduled,
        frequency=_frequency(cells.get("frequency")),
        region_code=region_code,
        region_name=region_name,
        subjects=_subjects(cells.get("subjects")),
        authors=authors or None,
        publisher=_text(cells.get("publisher"), name="publisher"),
        language=language,
        abstract=abstract or None,
        pdf=pdf,
        pdf_is_url=pdf_is_url,
        is_free=_boolean(cells.get("is_free"), name="is_free"),
    )


def inferred_release_date(record: PublicationRecord, *, today: date) -> tuple[date, str]:
    """The release date a new page gets when the file has none (the model needs one): 1 January
    of the year the Nomor Publikasi encodes (``03220.1607`` → 2016), else the import day."""
    if record.nomor_publikasi:
        year_2 = int(record.nomor_publikasi.split(".")[1][:2])
        year = 2000 + year_2 if 2000 + year_2 <= today.year + 1 else 1900 + year_2
        return date(year, 1, 1), _(
            "no release date: set to 1 January %(year)s from the publication number"
        ) % {"year": year}
    return today, _("no release date: set to the import date; correct it in the admin")


#: Scheduled releases go out at 11.00 local time on their day, the hour ``seed_demo`` uses for
#: the Advance Release Calendar.
RELEASE_TIME = time(11)


# --- Writing ------------------------------------------------------------------------------------

CREATED, UPDATED, UNCHANGED, REJECTED = "created", "updated", "unchanged", "rejected"


@dataclass
class RowOutcome:
    line: int
    status: str
    title: str = ""
    page_id: int | None = None
    reason: str = ""
    has_softcopy: bool = False
    notes: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    outcomes: list[RowOutcome] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    dry_run: bool = False

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def rejected(self) -> list[RowOutcome]:
        return [outcome for outcome in self.outcomes if outcome.status == REJECTED]

    @property
    def without_softcopy(self) -> int:
        return sum(1 for o in self.outcomes if o.status != REJECTED and not o.has_softcopy)

    def write_csv(self, stream) -> None:
        writer = csv_writer(stream)
        writer.writerow(["line", "status", "title", "page_id", "softcopy", "reason", "notes"])
        for o in self.outcomes:
            writer.writerow(
                [o.line, o.status, o.title, o.page_id or "", "ya" if o.has_softcopy else "tidak",
                 o.reason, " | ".join(o.notes)]
            )  # fmt: skip


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class PublicationImporter:
    """Writes normalised records into the library (the database half of the import).

    One instance per run: it loads the keys of every existing publication once, so each row
    costs a dictionary look-up rather than a query, and remembers the keys it has seen so a
    record repeated in the same file is reported instead of imported twice.
    """

    def __init__(
        self,
        *,
        library,
        pdf_dir: Path | None,
        dry_run: bool = False,
        user=None,
        default_region: str = "0000",
        today: date | None = None,
    ) -> None:
        from .models import PublicationPage, Region, Subject

        self.library = library
        self.pdf_dir = pdf_dir
        self.dry_run = dry_run
        self.user = user
        self.today = today or office_today()
        self.default_region = default_region
        self.regions_by_code = {r.code: r for r in Region.objects.all()}
        self.regions_by_name = {r.name.casefold(): r for r in self.regions_by_code.values()}
        self.subjects = {s.name.casefold(): s for s in Subject.objects.all()}
        self.by_katalog: dict[tuple, int] = {}
        self.by_title: dict[tuple, list[int]] = {}
        for pk, katalog, nomor, title, released in PublicationPage.objects.values_list(
            "pk", "katalog", "nomor_publikasi", "title", "release_date"
        ):
            self._remember(pk, katalog, nomor, title, released)
        self.slugs = set(library.get_children().values_list("slug", flat=True))
        self.seen: dict[tuple, int] = {}

    def _remember(self, pk, katalog, nomor, title, released) -> None:
        if katalog and nomor:
            self.by_katalog[("katalog", katalog, nomor)] = pk
        self.by_title.setdefault(("title", title_key(title), released), []).append(pk)
        self.by_title.setdefault(("title", title_key(title), None), []).append(pk)

    # -- the run --

    def run(
        self, rows: Iterable[SourceRow], *, progress: Callable[[Iterable], Iterable] | None = None
    ) -> ImportReport:
        report = ImportReport(dry_run=self.dry_run)
        unknown: dict[str, None] = {}
        rows = list(rows)
        # Each page is saved three times on its way to published (add_child, revision,
        # publish); the reference index is brought up to date once per page instead
        # (Wagtail's own switch for bulk changes).
        with disable_reference_index_auto_update():
            for row in progress(rows) if progress else rows:
                if row.error is None:
                    for column in map_columns(row.data)[1]:
                        unknown.setdefault(column)
                outcome = self.import_row(row)
                report.outcomes.append(outcome)
                if not self.dry_run and outcome.status in (CREATED, UPDATED):
                    self._update_reference_index(outcome.page_id)
        report.unknown_columns = list(unknown)
        return report

    @staticmethod
    def _update_reference_index(page_id: int) -> None:
        from wagtail.models import ReferenceIndex

        from .models import PublicationPage

        ReferenceIndex.create_or_update_for_object(PublicationPage.objects.get(pk=page_id))

    def import_row(self, row: SourceRow) -> RowOutcome:
        """One row in its own transaction; a refusal of any kind becomes a reported reason."""
        from django.core.exceptions import ValidationError

        title = str(map_columns(row.data)[0].get("title") or "")[:120]
        outcome = RowOutcome(line=row.line, status=REJECTED, title=title)
        try:
            if row.error:
                raise RowRejected(row.error)
            record = normalise_row(row.data)
            outcome.title = record.title
            self._write(record, outcome, row.line)
        except RowRejected as refusal:
            outcome.status, outcome.reason = REJECTED, refusal.reason
        except ValidationError as error:
            outcome.status, outcome.reason = REJECTED, "; ".join(error.messages)
        return outcome

    # -- one record --

    def _existing_page_id(self, record: PublicationRecord) -> int | None:
        key = record.key
        if key[0] == "katalog":
            found = self.by_katalog.get(key)
            if found is not None:
                return found
            # A page created from an earlier export without the numbers is found by its title.
            key = ("title", title_key(record.title), record.effective_release_date)
        candidates = self.by_title.get(key, [])
        if len(set(candidates)) > 1:
            raise RowRejected(
                _("%(count)s publications already have this title%(date)s; add Katalog and "
                  "Nomor Publikasi to say which one.")
                % {"count": len(set(candidates)),
                   "date": "" if key[2] is None else f" ({key[2]:%d-%m-%Y})"}
            )  # fmt: skip
        return candidates[0] if candidates else None

    def _resolve_region(self, record: PublicationRecord):
        from .models import Region, RegionLevel

        if record.region_name:
            region = self.regions_by_name.get(record.region_name.casefold())
            if region is None:
                raise RowRejected(
                    _("Unknown region %(name)s; use its BPS domain code or add the region "
                      "first.") % {"name": record.region_name}
                )  # fmt: skip
            return region
        code = record.region_code or self.default_region
        region = self.regions_by_code.get(code)
        if region is None and code == "0000" and not self.dry_run:
            region, _created = Region.objects.get_or_create(
                code="0000", defaults={"name": "Indonesia", "level": RegionLevel.NATIONAL}
            )
            self.regions_by_code[code] = region
        if region is None and code != "0000":
            raise RowRejected(
                _("Unknown region code %(code)s; add the region (Snippets › Regions) first.")
                % {"code": code}
            )
        return region

    def _pdf_path(self, record: PublicationRecord, notes: list[str]) -> Path | None:
        if not record.pdf:
            return None
        base = self.pdf_dir
        path = (base / record.pdf) if base else Path(record.pdf)
        if base and not path.resolve().is_relative_to(base.resolve()):
            # A catalogue cell never reaches outside the folder the librarian named.
            raise RowRejected(_("PDF file not found: %(path)s") % {"path": record.pdf})
        if path.is_file():
            return path
        if record.pdf_is_url:
            notes.append(
                _("PDF %(name)s is not in the PDF folder: listed without softcopy")
                % {"name": record.pdf}
            )
            return None
        raise RowRejected(_("PDF file not found: %(path)s") % {"path": path})

    def _write(self, record: PublicationRecord, outcome: RowOutcome, line: int) -> None:
        from django.db import transaction

        from .models import PublicationPage

        key = record.key
        if key in self.seen:
            raise RowRejected(
                _("Same publication as line %(line)s (same Katalog and Nomor Publikasi, or "
                  "same title and release date).") % {"line": self.seen[key]}
            )  # fmt: skip
        page_id = self._existing_page_id(record)
        region = self._resolve_region(record)
        pdf_path = self._pdf_path(record, outcome.notes)
        values = record.page_values()
        if page_id is None:
            base = None
            values["region"] = region
            if record.effective_release_date is None:
                values["release_date"], note = inferred_release_date(record, today=self.today)
                outcome.notes.append(note)
        else:
            # Edits build on the latest revision, as in the admin, so a draft is compared too.
            base = PublicationPage.objects.get(pk=page_id)
            if base.has_unpublished_changes:
                base = base.get_latest_revision_as_object()
            if record.region_code or record.region_name:
                values["region"] = region
        pdf_changed = pdf_path is not None and (
            base is None or not base.pdf or not self._same_file(base, pdf_path)
        )
        self.seen[key] = line
        outcome.page_id = page_id
        if base is not None and not pdf_changed and not self._changed_fields(base, values, record):
            outcome.status, outcome.has_softcopy = UNCHANGED, bool(base.pdf)
            return
        outcome.status = UPDATED if base else CREATED
        if self.dry_run:
            if pdf_changed:
                self._check_pdf(pdf_path)
            outcome.has_softcopy = pdf_path is not None or bool(base and base.pdf)
            return
        with transaction.atomic():
            page = self._save(base, values, record, pdf_path if pdf_changed else None, outcome)
        outcome.page_id, outcome.has_softcopy = page.pk, bool(page.pdf)
        if base is None:
            self._remember(
                page.pk, page.katalog, page.nomor_publikasi, page.title, page.release_date
            )

    @staticmethod
    def _same_file(page, pdf_path: Path) -> bool:
        try:
            stored = Path(page.pdf.path)
            return stored.stat().st_size == pdf_path.stat().st_size and _sha256(stored) == _sha256(
                pdf_path
            )
        except (OSError, ValueError, NotImplementedError):
            return False

    def _changed_fields(self, page, values: dict, record: PublicationRecord) -> list[str]:
        if page is None:
            return list(values)
        changed = [name for name, value in values.items() if getattr(page, name) != value]
        if record.subjects is not None:
            have = {s.name.casefold() for s in page.subjects.all()}
            if have != {name.casefold() for name in record.subjects}:
                changed.append("subjects")
        return changed

    @staticmethod
    def _check_pdf(pdf_path: Path) -> None:
        """Dry run: prepare the upload in a scratch folder exactly as the import would (size
        limit, password, damage), so a PDF that would be refused is reported now; then throw
        it away: nothing reaches the private store."""
        import watermark
        from library import services

        try:
            prepared = services.publication_pdf_prepare(pdf_path=pdf_path, filename=pdf_path.name)
        except watermark.WatermarkError as error:
            raise RowRejected(
                _("PDF %(name)s refused: %(reason)s")
                % {"name": pdf_path.name, "reason": error.message}
            ) from error
        services.publication_pdf_discard(prepared=prepared)

    def _slug_for(self, record: PublicationRecord, release: date) -> str:
        from django.utils.text import slugify

        base = slugify(record.title)[:180].strip("-") or "publikasi"
        slug = base
        if slug in self.slugs:
            slug = f"{base}-{release.year}"
        number = 2
        while slug in self.slugs:
            slug = f"{base}-{release.year}-{number}"
            number += 1
        self.slugs.add(slug)
        return slug

    def _save(
        self,
        page,
        values: dict,
        record: PublicationRecord,
        pdf_path: Path | None,
        outcome: RowOutcome,
    ):
        """Create or revise the page and publish it like a librarian would: a new record is
        published (scheduled when its release date is still ahead, the Advance Release
        Calendar); a live page without pending edits gets its revision published; a draft or a
        page with unpublished edits gets a draft revision, for a librarian to review."""
        from django.utils import timezone

        import watermark
        from library import services
        from pst.storage import private_storage

        from .models import PublicationPage

        is_new = page is None
        if is_new:
            page = PublicationPage(live=False, **values)
            page.slug = self._slug_for(record, page.release_date)
        else:
            for name, value in values.items():
                setattr(page, name, value)
        if pdf_path is not None:
            try:
                services.publication_attach_pdf(
                    page=page, pdf_path=pdf_path, filename=f"{record.katalog or page.slug}.pdf"
                )
            except watermark.WatermarkError as error:
                raise RowRejected(
                    _("PDF %(name)s refused: %(reason)s")
                    % {"name": pdf_path.name, "reason": error.message}
                ) from error
        try:
            publish = is_new or (page.live and not page.has_unpublished_changes)
            if is_new and page.release_date > self.today:
                page.go_live_at = timezone.make_aware(
                    datetime.combine(page.release_date, RELEASE_TIME)
                )
            if is_new:
                self.library.add_child(instance=page)
            if record.subjects is not None:
                page.subjects.set([self._subject(name) for name in record.subjects])
            # A new page was validated by add_child's save a moment ago.
            revision = page.save_revision(
                user=self.user,
                log_action="wagtail.create" if is_new else "wagtail.edit",
                clean=not is_new,
            )
            if publish:
                revision.publish(user=self.user)
            else:
                outcome.notes.append(_("saved as a draft revision: the page is not published"))
            page.refresh_from_db()
        except BaseException:
            if pdf_path is not None and page.master_dir:
                shutil.rmtree(private_storage().path(page.master_dir), ignore_errors=True)
                page.pdf.delete(save=False)
            raise
        return page

    def _subject(self, name: str):
        from django.utils.text import slugify

        from .models import Subject

        subject = self.subjects.get(name.casefold())
        if subject is None:
            subject, _created = Subject.objects.get_or_create(
                slug=slugify(name)[:100], defaults={"name": name}
            )
            self.subjects[name.casefold()] = subject
        return subject
