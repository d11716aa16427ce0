"""Ingest once, at upload: repair, decrypt, check, and write a master that is cheap to stamp.

The master is one fully serialised revision (no incremental update) in which every page already
draws the mark: its /Contents becomes ``[q, original..., Q, page stamp]``, where the page stamp
places two shared Form XObjects (the diagonal line and the footer) upright inside the page's
visible box. Those two forms, four Info entries and the trailer /ID are uncompressed placeholders
of fixed length; stamping a copy overwrites just those bytes (see `stamp`).
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pypdf import PasswordType, PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    ContentStream,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    PdfObject,
    StreamObject,
)

from . import geometry, marks
from .errors import PasswordRequired, UnreadablePdf, WatermarkError
from .geometry import Box
from .master import (
    INFO_DATE,
    INFO_DOWNLOAD_ID,
    INFO_EMAIL,
    INFO_NAME,
    KINDS,
    MASTER_FILENAME,
    OutlineEntry,
    PageGeometry,
    Placeholder,
    PreparedMaster,
    sentinel,
    write_atomically,
)

# US Letter, what viewers assume for a page without a MediaBox.
DEFAULT_MEDIABOX = Box(0.0, 0.0, 612.0, 792.0)
# Form XObjects and the /ca transparency of the mark need PDF 1.4.
MINIMUM_PDF_VERSION = (1, 4)

Source = str | os.PathLike | bytes | BinaryIO


def prepare(src: Source, master_dir: str | os.PathLike, *, password: str = "") -> PreparedMaster:
    """Ingest ``src`` (a path, bytes or binary file) into ``master_dir`` and describe it.

    Repairs what pypdf can repair (wrong xref offsets, missing startxref), opens files protected
    only by an owner password, and refuses with `PasswordRequired` a file that needs a user
    password (unless ``password`` is given) and with `UnreadablePdf` one that has no readable
    page tree. Writes ``master.pdf`` and ``manifest.json`` atomically; the directory is created
    if needed.
    """
    data = _read_source(src)
    reader = _open(data, password)
    pages = _read_pages(reader)
    try:
        master_bytes, token, placeholders = _build_master(reader, pages)
    except WatermarkError:
        raise
    except Exception as exc:  # pypdf raises many types on broken structure
        raise UnreadablePdf(detail=f"cannot write the master: {exc!r}") from exc

    master_dir = Path(master_dir)
    master_dir.mkdir(parents=True, exist_ok=True)
    title, author = _title_and_author(reader)
    prepared = PreparedMaster(
        master_dir=master_dir,
        page_count=len(pages),
        pages=tuple(pages),
        title=title,
        author=author,
        outline=_outline(reader),
        file_size=len(master_bytes),
        source_size=len(data),
        source_sha256=hashlib.sha256(data).hexdigest(),
        token=token,
        placeholders=placeholders,
    )
    write_atomically(master_dir / MASTER_FILENAME, master_bytes)
    prepared.save()
    return prepared


def _build_master(
    reader: PdfReader, pages: list[PageGeometry]
) -> tuple[bytes, str, tuple[Placeholder, ...]]:
    writer = PdfWriter(clone_from=reader)
    if len(writer.pages) != len(pages):
        raise UnreadablePdf(detail=f"copy has {len(writer.pages)} pages, not {len(pages)}")
    token = secrets.token_hex(8)
    forms = _add_mark_forms(writer, token)
    names = _free_xobject_names(writer)
    _stamp_pages(writer, pages, forms, names)
    _set_invisible_placeholders(writer, token)
    _raise_header_version(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    master_bytes = buffer.getvalue()
    return master_bytes, token, _locate_placeholders(master_bytes, token)


def _read_source(src: Source) -> bytes:
    if isinstance(src, bytes):
        return src
    if hasattr(src, "read"):
        return src.read()
    return Path(src).read_bytes()


def _open(data: bytes, password: str) -> PdfReader:
    if b"%PDF-" not in data[:4096]:
        raise UnreadablePdf(detail="no %PDF- header")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
    except Exception as exc:
        raise UnreadablePdf(detail=f"cannot parse: {exc!r}") from exc
    if encrypted:
        try:
            result = reader.decrypt(password)
        except Exception as exc:  # unsupported handler, missing crypto provider
            raise UnreadablePdf(
                "Enkripsi berkas PDF ini tidak didukung; simpan ulang tanpa enkripsi lalu unggah.",
                detail=f"cannot decrypt: {exc!r}",
            ) from exc
        if result == PasswordType.NOT_DECRYPTED:
            if password:
                raise PasswordRequired(
                    "Kata sandi untuk berkas PDF ini salah.", detail="wrong password"
                )
            raise PasswordRequired(detail="user password required")
    return reader


def _read_pages(reader: PdfReader) -> list[PageGeometry]:
    try:
        count = len(reader.pages)
        if count == 0:
            raise UnreadablePdf(
                "Berkas PDF ini tidak memiliki halaman yang dapat dibaca.", detail="no pages"
            )
        return [_page_geometry(reader.pages[index]) for index in range(count)]
    except WatermarkError:
        raise
    except Exception as exc:
        raise UnreadablePdf(detail=f"page tree: {exc!r}") from exc


def _rectangle(page: DictionaryObject, key: str) -> Box | None:
    try:
        value = page.get(key)
        value = value.get_object() if value is not None else None
        if value is None:
            return None
        box = Box.from_sequence([float(v.get_object()) for v in value])
    except (TypeError, ValueError, AttributeError):
        return None
    return None if box.is_empty else box


def _page_geometry(page: DictionaryObject) -> PageGeometry:
    mediabox = _rectangle(page, "/MediaBox") or DEFAULT_MEDIABOX
    box = geometry.visible_box(mediabox, _rectangle(page, "/CropBox"))
    rotate = page.get("/Rotate", 0)
    rotate = rotate.get_object() if isinstance(rotate, PdfObject) else rotate
    return PageGeometry(box, geometry.normalize_rotation(rotate))


# -- building the master ----------------------------------------------------------------------
#
# pypdf has no public way to add a free-standing object, to set the trailer /ID, or to put a
# non-text value in the Info dictionary; `_add_object`, `_ID` and `_info` are used for that, and
# `_locate_placeholders` checks the written bytes, so a change in pypdf fails at ingest, loudly.


def _add_stream(writer: PdfWriter, data: bytes, **entries: PdfObject) -> IndirectObject:
    stream = DecodedStreamObject()
    for key, value in entries.items():
        stream[NameObject(f"/{key}")] = value
    stream.set_data(data)
    return writer._add_object(stream)


def _rect_array(bbox: tuple[float, ...]) -> ArrayObject:
    return ArrayObject(FloatObject(round(v, 4)) for v in bbox)


def _add_mark_forms(writer: PdfWriter, token: str) -> dict[str, IndirectObject]:
    """The two shared mark forms, whose content streams are placeholders."""
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
    )

    def resources(alpha: float) -> DictionaryObject:
        gstate = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/ExtGState"),
                NameObject("/ca"): FloatObject(alpha),
                NameObject("/CA"): FloatObject(alpha),
            }
        )
        return DictionaryObject(
            {
                NameObject("/Font"): DictionaryObject({NameObject(marks.FONT_NAME.decode()): font}),
                NameObject("/ExtGState"): DictionaryObject(
                    {NameObject(marks.GSTATE_NAME.decode()): writer._add_object(gstate)}
                ),
            }
        )

    def form(kind: str, bbox: tuple[float, ...], alpha: float) -> IndirectObject:
        return _add_stream(
            writer,
            sentinel(KINDS[kind], token),
            Type=NameObject("/XObject"),
            Subtype=NameObject("/Form"),
            FormType=NumberObject(1),
            BBox=_rect_array(bbox),
            Resources=resources(alpha),
        )

    return {
        "diagonal": form("diagonal_form", geometry.diagonal_bbox(), marks.DIAGONAL_ALPHA),
        "footer": form("footer_form", geometry.footer_bbox(), marks.FOOTER_ALPHA),
    }


def _free_xobject_names(writer: PdfWriter) -> dict[str, str]:
    """Resource names for the two forms that no page already uses."""
    taken: set[str] = set()
    for page in writer.pages:
        xobjects = _xobjects(page, create=False)
        if xobjects is not None:
            taken.update(str(name) for name in xobjects)
    names = {}
    for role, base in (("diagonal", "/PSTWmD"), ("footer", "/PSTWmF")):
        name, suffix = base, 0
        while name in taken:
            suffix += 1
            name = f"{base}{suffix}"
        names[role] = name
    return names


def _xobjects(page: DictionaryObject, *, create: bool) -> DictionaryObject | None:
    """The page's /Resources /XObject dictionary; created (if asked) where missing or broken."""
    resources = _subdictionary(page, "/Resources", create)
    return None if resources is None else _subdictionary(resources, "/XObject", create)


def _subdictionary(parent: DictionaryObject, key: str, create: bool) -> DictionaryObject | None:
    value = parent.get(key)
    value = value.get_object() if value is not None else None
    if isinstance(value, DictionaryObject):
        return value
    if not create:
        return None
    value = DictionaryObject()
    parent[NameObject(key)] = value
    return value


def _content_streams(page: DictionaryObject) -> list[IndirectObject]:
    """The page's content streams as references, whether /Contents is one stream or an array;
    entries that are not streams (broken references) are left out, as viewers skip them."""
    raw = page.raw_get("/Contents") if "/Contents" in page else None
    if raw is None:
        return []
    if isinstance(raw, IndirectObject):
        target = raw.get_object()
        if isinstance(target, StreamObject):
            return [raw]
        items = target if isinstance(target, ArrayObject) else []
    else:
        items = raw if isinstance(raw, ArrayObject) else []
    return [
        item
        for item in items
        if isinstance(item, IndirectObject) and isinstance(item.get_object(), StreamObject)
    ]


# A quick tokenizer for the state operators: literal strings (nested up to three levels), hex
# strings, comments and inline image data are blanked out first, so text such as "(q)" is not
# mistaken for an operator.
_NOT_OPERATORS = re.compile(
    rb"\((?:[^()\\]|\\.|\((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\))*\)"
    rb"|<[0-9A-Fa-f\s]*>"
    rb"|%[^\r\n]*"
    rb"|(?<![^\s\[\]()<>{}/%])ID\s.*?\sEI(?![^\s\[\]()<>{}/%])",
    re.DOTALL,
)
_STATE_OPERATORS = re.compile(
    rb"(?<![^\s\[\]()<>{}/%])(q|Q|BT|ET|BMC|BDC|EMC)(?![^\s\[\]()<>{}/%])"
)


@dataclass(frozen=True)
class Nesting:
    """What content leaves open, counted from where it starts: the lowest graphics-state depth
    it reaches (negative: it restores states it never saved), its depth at the end, and the
    text objects and marked-content sequences it leaves open."""

    lowest: int = 0
    depth: int = 0
    text: int = 0
    marked: int = 0

    @classmethod
    def count(cls, operators) -> Nesting:
        depth = lowest = text = marked = 0
        for operator in operators:
            if operator == b"q":
                depth += 1
            elif operator == b"Q":
                depth -= 1
                lowest = min(lowest, depth)
            elif operator == b"BT":
                text += 1
            elif operator == b"ET":
                text -= 1
            elif operator in (b"BMC", b"BDC"):
                marked += 1
            elif operator == b"EMC":
                marked -= 1
        return cls(lowest, depth, text, marked)

    def then(self, other: Nesting) -> Nesting:
        """This content followed by ``other`` (the streams of a page are one sequence)."""
        return Nesting(
            min(self.lowest, self.depth + other.lowest),
            self.depth + other.depth,
            self.text + other.text,
            self.marked + other.marked,
        )


def quick_nesting(data: bytes) -> Nesting:
    """`Nesting` from a regular-expression scan of decoded content (no parsing)."""
    return Nesting.count(_STATE_OPERATORS.findall(_NOT_OPERATORS.sub(b" ", data)))


def _nesting(stream: IndirectObject, pdf: PdfWriter) -> Nesting:
    """How one content stream nests states. The quick scan settles the usual balanced case;
    anything else is confirmed by pypdf's full parser. An unreadable stream counts as balanced
    (viewers skip it too)."""
    try:
        data = stream.get_object().get_data()
    except Exception:
        return Nesting()
    quick = quick_nesting(data)
    if quick == Nesting():
        return quick
    try:
        operations = ContentStream(stream.get_object(), pdf).operations
    except Exception:
        return Nesting()
    return Nesting.count(operator for _, operator in operations)


def _wrapper(
    streams: list[IndirectObject], pdf: PdfWriter, cache: dict[int, Nesting]
) -> tuple[bytes, bytes]:
    """The streams to put before and after a page's own content so that the mark is drawn from
    the page's initial graphics state, whatever the content leaves open.

    Some producers write more Q than q, or leave a BT or a marked-content sequence open. A
    viewer meeting a Q with nothing to restore may stop drawing the page (poppler does), which
    would drop a mark drawn after it; an open optional-content sequence could hide the mark.
    """
    page = Nesting()
    for stream in streams:
        if stream.idnum not in cache:
            cache[stream.idnum] = _nesting(stream, pdf)
        page = page.then(cache[stream.idnum])
    saves = 1 - page.lowest
    closing = b"ET\n" * (page.text > 0) + b"EMC\n" * max(0, page.marked)
    return b"q\n" * saves, b"\n" + closing + b"Q\n" * (saves + page.depth)


def _stamp_pages(
    writer: PdfWriter,
    pages: list[PageGeometry],
    forms: dict[str, IndirectObject],
    names: dict[str, str],
) -> None:
    """Make every page draw the mark after its own content, from the initial graphics state.

    The original streams stay as they are (they may be shared between pages); each page gets its
    own /Contents array. Identical wrapper and stamp streams are shared between pages.
    """
    streams: dict[bytes, IndirectObject] = {}
    nestings: dict[int, Nesting] = {}

    def shared_stream(data: bytes) -> IndirectObject:
        if data not in streams:
            streams[data] = _add_stream(writer, data)
        return streams[data]

    for page, page_geometry in zip(writer.pages, pages, strict=True):
        width, height = geometry.display_size(page_geometry.box, page_geometry.rotation)
        stamp = marks.page_stamp_content(
            geometry.display_to_user(page_geometry.box, page_geometry.rotation),
            width,
            height,
            names["diagonal"].encode(),
            names["footer"].encode(),
        )
        originals = _content_streams(page)
        before, after = _wrapper(originals, writer, nestings)
        xobjects = _xobjects(page, create=True)
        xobjects[NameObject(names["diagonal"])] = forms["diagonal"]
        xobjects[NameObject(names["footer"])] = forms["footer"]
        page[NameObject("/Contents")] = ArrayObject(
            [shared_stream(before), *originals, shared_stream(after), shared_stream(stamp)]
        )


def _set_invisible_placeholders(writer: PdfWriter, token: str) -> None:
    """Info entries and the trailer /ID that name the download, as fixed-size hex strings."""
    info = DictionaryObject()
    if writer._info is not None:
        info.update(writer._info)
    for key, kind in (
        (INFO_DOWNLOAD_ID, "info_download_id"),
        (INFO_NAME, "info_name"),
        (INFO_EMAIL, "info_email"),
        (INFO_DATE, "info_date"),
    ):
        info[NameObject(key)] = _hex_placeholder(KINDS[kind], token)
    writer._info = info
    writer._ID = ArrayObject(
        [
            _hex_placeholder(KINDS["trailer_id_0"], token),
            _hex_placeholder(KINDS["trailer_id_1"], token),
        ]
    )


def _hex_placeholder(kind, token: str) -> ByteStringObject:
    # pypdf writes a ByteStringObject as <hex>, which is exactly `sentinel()`.
    return ByteStringObject(bytes.fromhex(sentinel(kind, token)[1:-1].decode("ascii")))


def _raise_header_version(writer: PdfWriter) -> None:
    header = writer.pdf_header
    try:
        major, minor = (int(part) for part in header.removeprefix("%PDF-").split("."))
    except ValueError:
        major, minor = 0, 0
    if (major, minor) < MINIMUM_PDF_VERSION:
        writer.pdf_header = "%PDF-{}.{}".format(*MINIMUM_PDF_VERSION)


def _locate_placeholders(master: bytes, token: str) -> tuple[Placeholder, ...]:
    """Find each placeholder's range in the written master; each must occur exactly once."""
    found = []
    for kind in KINDS.values():
        expected = sentinel(kind, token)
        offset = master.find(expected)
        if offset < 0 or master.find(expected, offset + 1) >= 0:
            raise UnreadablePdf(
                "Master untuk tanda air tidak dapat dibuat dari berkas ini.",
                detail=f"placeholder {kind.name} found {master.count(expected)} times",
            )
        found.append(Placeholder(kind.name, offset, len(expected)))
    return tuple(sorted(found, key=lambda p: p.offset))


def _title_and_author(reader: PdfReader) -> tuple[str | None, str | None]:
    try:
        metadata = reader.metadata
    except Exception:
        return None, None
    if metadata is None:
        return None, None

    def text(key: str) -> str | None:
        try:
            value = metadata.get(key)
            value = value.get_object() if isinstance(value, PdfObject) else value
        except Exception:
            return None
        return str(value).strip() or None if isinstance(value, str) else None

    return text("/Title"), text("/Author")


def _outline(reader: PdfReader) -> tuple[OutlineEntry, ...]:
    """The bookmarks as a tree of titles and 1-based pages; an unreadable outline is empty."""
    try:
        return _outline_level(reader, reader.outline)
    except Exception:
        return ()


def _outline_level(reader: PdfReader, items: list) -> tuple[OutlineEntry, ...]:
    entries: list[OutlineEntry] = []
    for item in items:
        if isinstance(item, list):
            if entries:
                last = entries[-1]
                entries[-1] = OutlineEntry(
                    last.title, last.page, last.children + _outline_level(reader, item)
                )
            continue
        try:
            number = reader.get_destination_page_number(item)
        except (PyPdfError, KeyError, ValueError, AttributeError):
            number = None
        page = number + 1 if isinstance(number, int) and number >= 0 else None
        entries.append(OutlineEntry(str(item.title or ""), page))
    return tuple(entries)
