"""Reading catalogue exports (issue #4, #19, #21): the pure half of ``import_publications``.

No database here (issue #19 asked for the split): `read_rows` (``library.import_files``) turns a
CSV, JSON or JSON Lines file into `SourceRow`\\ s that remember their line number;
`normalise_row` maps the office web API's field names (``title``, ``kat_no``, ``pub_no``,
``issn``, ``rl_date``, ``sch_date``, ``abstract``, ``subj``, ``domain``, ``pdf`` …, DOMAIN.md
"Library") and our own field names onto one `PublicationRecord`. The writing half is
``library.importer``.

A real record is never lost for a fixable flaw (issue #21, STYLE.md habit 15): a wrong check
digit, an ISBN in the ISSN column, a Katalog or date in an odd form, an unknown frequency or
column: the record is read with what is usable, the raw value is kept in ``record.raw`` (stored
on the page as ``import_raw``) and the reason is one of ``record.warnings``, which put the page on
the "Perlu diperiksa" list. Only a record that cannot be a publication (no title, not an object)
raises `RowRejected`. The accepted columns are documented in docs/library-import.md.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from urllib.parse import unquote, urlparse

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from .identifiers import (
    is_issn_shaped,
    is_valid_isbn13,
    is_valid_issn,
    is_valid_katalog,
    is_valid_nomor_publikasi,
    isbn13_digits,
)
from .import_files import (  # noqa: F401  (re-exported: one door for the importer)
    FORMATS,
    ImportFileError,
    SourceRow,
    file_format,
    read_rows,
)

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
    "language": ("language", "bahasa", "lang"),
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
_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y/%m/%d", "%d.%m.%Y")  # format-ok: read
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
    warnings: tuple[str, ...] = ()  # what needs a librarian's look ("perlu diperiksa")
    raw: dict = field(default_factory=dict, compare=False)  # the raw values behind them

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


class _Flaws:
    """What one record's reading found wrong: the reasons (shown in the report and on the
    "Perlu diperiksa" list) and the raw values they concern (kept on the page)."""

    def __init__(self) -> None:
        self.reasons: list[str] = []
        self.raw: dict = {}

    def note(self, field_name: str, value, reason: str) -> None:
        self.reasons.append(reason)
        if field_name:
            self.raw[field_name] = (
                value if isinstance(value, str | int | float | bool) else str(value)
            )


def _text(value, *, name: str, flaws: _Flaws | None = None) -> str | None:
    if _is_empty(value):
        return None
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False) if flaws is not None else value
        if flaws is None:
            raise RowRejected(_("%(field)s must be text.") % {"field": name})
    text = " ".join(html.unescape(str(value)).split())
    limit = _MAX_LENGTHS.get(name)
    if limit and len(text) > limit:
        if flaws is None:
            raise RowRejected(
                _("%(field)s is longer than %(limit)s characters.")
                % {"field": name, "limit": limit}
            )
        flaws.note(
            name,
            text,
            _("%(field)s was longer than %(limit)s characters and was shortened")
            % {"field": name, "limit": limit},
        )
        text = text[: limit - 1].rstrip() + "…"
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


def _date(value, *, name: str, flaws: _Flaws) -> date | None:
    try:
        return parse_date(value, name=name)
    except RowRejected as problem:
        flaws.note(name, value, problem.reason)
        return None


def _subjects(value, flaws: _Flaws) -> tuple[str, ...] | None:
    """A list (strings or the API's ``{"title": …}`` objects) or text split on ``;`` or ``|``."""
    if _is_empty(value):
        return None
    items = value if isinstance(value, list) else re.split(r"[;|]", str(value))
    names = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("title") or item.get("name") or item.get("subj") or ""
        name = " ".join(html.unescape(str(item)).split())
        if len(name) > 100:
            flaws.note(
                "subjects",
                name,
                _("Subject %(name)s… was longer than 100 characters and was shortened")
                % {"name": name[:40]},
            )
            name = name[:100].rstrip()
        if name and name not in names:
            names.append(name)
    return tuple(names) or None


def _region(value, flaws: _Flaws) -> tuple[str | None, str | None]:
    """A BPS domain code (``0000`` national, ``7315``, a kecamatan's ``7371030``; a number loses
    its leading zeros in spreadsheets, so ``0`` is ``0000``) or a region name."""
    if _is_empty(value):
        return None, None
    text = str(value).strip()
    if isinstance(value, int) or text.isdigit():
        if len(text) <= 4:
            return text.zfill(4), None
        if len(text) in (7, 10):
            return text, None
        flaws.note(
            "region",
            text,
            _("Region code %(code)s is not a BPS code (4, 7 or 10 digits)") % {"code": text},
        )
        return None, None
    return None, " ".join(text.split())


def _frequency(value, flaws: _Flaws) -> str | None:
    if _is_empty(value):
        return None
    word = " ".join(str(value).strip().lower().split())
    if word not in _FREQUENCY_BY_WORD:
        flaws.note(
            "frequency",
            value,
            _("Unknown frequency %(value)s (use tahunan, semesteran, triwulanan, bulanan or "
              "sekali)") % {"value": value},
        )  # fmt: skip
        return None
    return _FREQUENCY_BY_WORD[word]


def _boolean(value, *, name: str, flaws: _Flaws) -> bool | None:
    if _is_empty(value):
        return None
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    flaws.note(name, value, _("%(field)s must be ya or tidak") % {"field": name})
    return None


def _issn_isbn(issn_cell, isbn_cell, flaws: _Flaws) -> tuple[str | None, str | None]:
    """The ISSN and ISBN of a record, read forgivingly (issue #21).

    An ISSN with a wrong check digit is kept as printed (it is the one on the office's own
    imprint) and flagged; an ISBN-13 in the ISSN column moves to the ISBN when that is empty; a
    value of neither form is kept raw only."""
    issn = _text(issn_cell, name="issn", flaws=flaws)
    isbn = _text(isbn_cell, name="isbn", flaws=flaws)
    if isbn is not None:
        if isbn13_digits(isbn) is None:
            flaws.note("isbn", isbn, _("ISBN %(value)s is not an ISBN-13") % {"value": isbn})
            isbn = None
        elif not is_valid_isbn13(isbn):
            flaws.note(
                "isbn",
                isbn,
                _("ISBN %(value)s has a wrong check digit; kept as printed") % {"value": isbn},
            )
    if issn is None:
        return None, isbn
    issn = issn.upper().replace(" ", "")
    if isbn13_digits(issn) is not None:
        flaws.raw["issn"] = issn
        if isbn is None and is_valid_isbn13(issn):
            flaws.reasons.append(
                _("The ISSN column holds an ISBN (%(value)s): moved to ISBN") % {"value": issn}
            )
            return None, issn
        flaws.reasons.append(
            _("The ISSN column holds an ISBN (%(value)s): kept aside") % {"value": issn}
        )
        return None, isbn
    if not is_issn_shaped(issn):
        flaws.note("issn", issn, _("ISSN %(value)s is not an ISSN") % {"value": issn})
        return None, isbn
    digits = issn.replace("-", "")
    issn = f"{digits[:4]}-{digits[4:]}"
    if not is_valid_issn(issn):
        flaws.note(
            "issn",
            issn,
            _("ISSN %(value)s has a wrong check digit; kept as printed") % {"value": issn},
        )
    return issn, isbn


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


def _checked(value, *, name: str, is_valid, reason: str, flaws: _Flaws) -> str | None:
    text = _text(value, name=name, flaws=flaws)
    if text is None:
        return None
    text = text.replace(" ", "")
    if not is_valid(text):
        flaws.note(name, text, reason % {"value": text})
        return None
    return text


def normalise_row(data: dict) -> PublicationRecord:
    """One raw record → a `PublicationRecord` with its flaws as ``warnings`` and the raw values
    behind them in ``raw``; `RowRejected` only when it has no title."""
    cells, unknown = map_columns(data)
    flaws = _Flaws()
    title = _text(cells.get("title"), name="title", flaws=flaws)
    if not title:
        raise RowRejected(
            _("The title is missing: without it the row cannot be a publication (the only "
              "required column).")
        )  # fmt: skip
    katalog = _checked(
        cells.get("katalog"),
        name="katalog",
        is_valid=is_valid_katalog,
        reason=_("Katalog BPS %(value)s is not valid (7 digits, optionally a dot and a region "
                 "code)"),
        flaws=flaws,
    )  # fmt: skip
    nomor = _checked(
        cells.get("nomor_publikasi"),
        name="nomor_publikasi",
        is_valid=is_valid_nomor_publikasi,
        reason=_("Publication number %(value)s is not valid (e.g. 03220.1607)"),
        flaws=flaws,
    )
    issn, isbn = _issn_isbn(cells.get("issn"), cells.get("isbn"), flaws)
    release = _date(cells.get("release_date"), name="release_date", flaws=flaws)
    scheduled = _date(cells.get("scheduled_date"), name="scheduled_date", flaws=flaws)
    authors = "; ".join(
        part
        for part in (
            _text(cells.get("authors"), name="authors", flaws=flaws),
            _text(cells.get("editors"), name="editors", flaws=flaws),
        )
        if part
    )
    if len(authors) > _MAX_LENGTHS["authors"]:
        flaws.note(
            "authors", authors, _("authors was longer than 500 characters and was shortened")
        )
        authors = authors[:499].rstrip() + "…"
    abstract = cells.get("abstract")
    abstract = None if _is_empty(abstract) else strip_tags(html.unescape(str(abstract))).strip()
    language = _text(cells.get("language"), name="language", flaws=flaws)
    if language is not None:
        language = _LANGUAGE_CODES.get(language.lower(), language)
    region_code, region_name = _region(cells.get("region"), flaws)
    pdf, pdf_is_url = _pdf(cells.get("pdf"))
    subtitle = _text(cells.get("subtitle"), name="subtitle", flaws=flaws)
    title_en = _text(cells.get("title_en"), name="title_en", flaws=flaws)
    frequency = _frequency(cells.get("frequency"), flaws)
    subjects = _subjects(cells.get("subjects"), flaws)
    publisher = _text(cells.get("publisher"), name="publisher", flaws=flaws)
    is_free = _boolean(cells.get("is_free"), name="is_free", flaws=flaws)
    # Columns nobody reads are kept as they came (reported once per file, not as a flaw).
    extra = {column: data[column] for column in unknown if not _is_empty(data[column])}
    raw = dict(flaws.raw)
    if extra:
        raw["columns"] = extra
    return PublicationRecord(
        title=title,
        subtitle=subtitle,
        title_en=title_en,
        katalog=katalog,
        nomor_publikasi=nomor,
        issn=issn,
        isbn=isbn,
        release_date=release,
        scheduled_date=scheduled,
        frequency=frequency,
        region_code=region_code,
        region_name=region_name,
        subjects=subjects,
        authors=authors or None,
        publisher=publisher,
        language=language,
        abstract=abstract or None,
        pdf=pdf,
        pdf_is_url=pdf_is_url,
        is_free=is_free,
        warnings=tuple(flaws.reasons),
        raw=raw,
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
