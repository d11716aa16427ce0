"""The prepared master: ``master.pdf`` with fixed-size placeholders, and ``manifest.json``.

The manifest is the contract between `prepare` (which writes the placeholders) and `stamp` (which
overwrites them per download). A placeholder is a byte range of the master; its *kind* says what
is written there for a given `Identity`. Every kind renders to exactly the range's length, so no
byte outside a placeholder ever moves and the cross-reference table stays valid.
"""

from __future__ import annotations

import binascii
import functools
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import marks
from .errors import MasterCorrupt
from .geometry import Box
from .identity import Identity

MANIFEST_VERSION = 1
MASTER_FILENAME = "master.pdf"
MANIFEST_FILENAME = "manifest.json"

# The invisible metadata keeps the identity in full up to these lengths (characters).
NAME_METADATA_MAX = 200
EMAIL_METADATA_MAX = 254

# Prefix of the trailer /ID entries of a stamped copy; trace reads the download id after it.
TRAILER_ID_PREFIX = b"PST-DL:"

# Info dictionary keys of the invisible mark.
INFO_DOWNLOAD_ID = "/PSTDownloadId"
INFO_NAME = "/PSTDownloadName"
INFO_EMAIL = "/PSTDownloadEmail"
INFO_DATE = "/PSTDownloadDate"


@dataclass(frozen=True)
class PlaceholderKind:
    """What one placeholder holds.

    ``style`` is ``"stream"`` (an uncompressed content stream: padded with trailing spaces) or
    ``"string"`` (a hex string ``<...>``: padded with spaces inside the brackets, which PDF
    ignores in hex strings).
    """

    name: str
    style: str
    capacity: int
    render: Callable[[Identity], bytes]


def _trailer_id(identity: Identity) -> bytes:
    return marks.hex_string(TRAILER_ID_PREFIX + identity.download_id.encode("ascii"))


def _info(limit: int | None, value: Callable[[Identity], str]) -> Callable[[Identity], bytes]:
    def render(identity: Identity) -> bytes:
        text = value(identity)
        return marks.text_string(text if limit is None else text[:limit])

    return render


# Capacities: the largest rendering of each kind fits (the tests check it for extreme identities).
KINDS: dict[str, PlaceholderKind] = {
    kind.name: kind
    for kind in (
        PlaceholderKind("diagonal_form", "stream", 1024, marks.diagonal_content),
        PlaceholderKind("footer_form", "stream", 512, marks.footer_content),
        PlaceholderKind("info_download_id", "string", 272, _info(None, lambda i: i.download_id)),
        PlaceholderKind("info_name", "string", 1640, _info(NAME_METADATA_MAX, lambda i: i.name)),
        PlaceholderKind("info_email", "string", 2060, _info(EMAIL_METADATA_MAX, lambda i: i.email)),
        PlaceholderKind("info_date", "string", 80, _info(None, lambda i: i.date.isoformat())),
        PlaceholderKind("trailer_id_0", "string", 160, _trailer_id),
        PlaceholderKind("trailer_id_1", "string", 160, _trailer_id),
    )
}


def sentinel(kind: PlaceholderKind, token: str) -> bytes:
    """What the master holds in a placeholder's range, as written by the PDF writer.

    Streams hold a comment, strings a hex string of an ASCII marker; both are valid PDF, so the
    master itself opens in any viewer (showing no mark).
    """
    marker = f"PSTWM-{kind.name}-{token}".encode("ascii")
    if kind.style == "stream":
        return (b"%" + marker + b"\n").ljust(kind.capacity, b" ")
    room = (kind.capacity - 2) // 2
    if len(marker) > room:
        raise ValueError(f"placeholder {kind.name} is too small for its marker")
    raw = marker.ljust(room, b".")
    return b"<" + binascii.hexlify(raw) + b">"


def render(kind: PlaceholderKind, identity: Identity) -> bytes:
    """The bytes for one placeholder and one identity, exactly ``kind.capacity`` long."""
    content = kind.render(identity)
    padding = kind.capacity - len(content)
    if padding < 0:  # the capacities are sized so this cannot happen; never write past a range
        raise AssertionError(f"{kind.name}: {len(content)} bytes exceed {kind.capacity}")
    if kind.style == "stream":
        return content + b" " * padding
    return content[:-1] + b" " * padding + b">"


@dataclass(frozen=True)
class Placeholder:
    kind: str
    offset: int
    length: int


@dataclass(frozen=True)
class PageGeometry:
    """A page's visible box (user space) and its /Rotate (0, 90, 180 or 270)."""

    box: Box
    rotation: int


@dataclass(frozen=True)
class OutlineEntry:
    """One bookmark: its title, 1-based page number (None if it points nowhere), children."""

    title: str
    page: int | None
    children: tuple[OutlineEntry, ...] = ()

    def as_dict(self) -> dict:
        return {
            "title": self.title,
            "page": self.page,
            "children": [child.as_dict() for child in self.children],
        }

    @classmethod
    def from_dict(cls, data: dict) -> OutlineEntry:
        return cls(
            title=data["title"],
            page=data["page"],
            children=tuple(cls.from_dict(child) for child in data.get("children", ())),
        )


@dataclass(frozen=True)
class PreparedMaster:
    """What `prepare` made of one uploaded PDF, as recorded in ``manifest.json``.

    ``file_size`` is the size of the master and therefore of every stamped copy (usable as the
    HTTP Content-Length before stamping). ``source_size`` and ``source_sha256`` describe the
    uploaded file.
    """

    master_dir: Path
    page_count: int
    pages: tuple[PageGeometry, ...]
    title: str | None
    author: str | None
    outline: tuple[OutlineEntry, ...]
    file_size: int
    source_size: int
    source_sha256: str
    token: str
    placeholders: tuple[Placeholder, ...]

    @property
    def master_path(self) -> Path:
        return self.master_dir / MASTER_FILENAME

    @property
    def boxes(self) -> tuple[Box, ...]:
        """Each page's visible box, in page order."""
        return tuple(page.box for page in self.pages)

    def to_json(self) -> dict:
        return {
            "version": MANIFEST_VERSION,
            "master": MASTER_FILENAME,
            "page_count": self.page_count,
            "title": self.title,
            "author": self.author,
            "file_size": self.file_size,
            "source_size": self.source_size,
            "source_sha256": self.source_sha256,
            "token": self.token,
            "placeholders": [
                {"kind": p.kind, "offset": p.offset, "length": p.length} for p in self.placeholders
            ],
            "pages": [{"box": p.box.as_list(), "rotation": p.rotation} for p in self.pages],
            "outline": [entry.as_dict() for entry in self.outline],
        }

    def save(self) -> None:
        write_atomically(
            self.master_dir / MANIFEST_FILENAME,
            json.dumps(self.to_json(), ensure_ascii=False, indent=1).encode("utf-8"),
        )

    @classmethod
    def load(cls, master_dir: str | os.PathLike) -> PreparedMaster:
        """Read a master's manifest; `MasterCorrupt` if it is missing or from another version.

        Every download of a publication loads its manifest; parsing the geometry of a 500-page
        master was about 40% of the extra time to first byte (benchmarks/download.py). The
        manifest is written once, atomically (a new file, hence a new inode and mtime), so the
        parsed master is cached by the manifest's identity and a rewrite is never served stale.
        """
        manifest = Path(master_dir) / MANIFEST_FILENAME
        try:
            stat = manifest.stat()
        except OSError as exc:
            raise MasterCorrupt(detail=f"{master_dir}: {exc!r}") from exc
        return cls._load_cached(str(master_dir), stat.st_ino, stat.st_mtime_ns, stat.st_size)

    @classmethod
    @functools.lru_cache(maxsize=256)
    def _load_cached(cls, master_dir: str, _ino: int, _mtime_ns: int, _size: int) -> PreparedMaster:
        return cls._parse(Path(master_dir))

    @classmethod
    def _parse(cls, master_dir: Path) -> PreparedMaster:
        try:
            data = json.loads((master_dir / MANIFEST_FILENAME).read_text("utf-8"))
            if data.get("version") != MANIFEST_VERSION:
                raise MasterCorrupt(detail=f"manifest version {data.get('version')!r}")
            placeholders = tuple(
                Placeholder(p["kind"], int(p["offset"]), int(p["length"]))
                for p in data["placeholders"]
            )
            for placeholder in placeholders:
                kind = KINDS[placeholder.kind]
                if kind.capacity != placeholder.length:
                    raise MasterCorrupt(detail=f"{kind.name} length {placeholder.length}")
            return cls(
                master_dir=master_dir,
                page_count=int(data["page_count"]),
                pages=tuple(
                    PageGeometry(Box.from_sequence(p["box"]), int(p["rotation"]))
                    for p in data["pages"]
                ),
                title=data["title"],
                author=data["author"],
                outline=tuple(OutlineEntry.from_dict(e) for e in data["outline"]),
                file_size=int(data["file_size"]),
                source_size=int(data["source_size"]),
                source_sha256=data["source_sha256"],
                token=data["token"],
                placeholders=placeholders,
            )
        except MasterCorrupt:
            raise
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise MasterCorrupt(detail=f"{master_dir}: {exc!r}") from exc


def coerce_master(master: PreparedMaster | str | os.PathLike) -> PreparedMaster:
    return master if isinstance(master, PreparedMaster) else PreparedMaster.load(master)


def write_atomically(path: Path, data: bytes) -> None:
    """Write beside the target and rename, so a reader never sees half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
