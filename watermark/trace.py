"""Read the download id back out of a leaked copy.

Cheap places first: the Info dictionary and the trailer /ID, which survive a re-save by qpdf,
pikepdf or pypdf. Then the page text: the footer line "… · ID unduhan: <id>" survives tools that
rebuild the file from its pages (print to PDF, metadata strippers). PNG and JPEG files are read
from the text chunk or comment `stamp_image` writes.
"""

from __future__ import annotations

import io
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader

from .identity import DOWNLOAD_ID_PATTERN
from .image import read_image_mark
from .marks import FOOTER_ID_LABEL
from .master import INFO_DATE, INFO_DOWNLOAD_ID, INFO_EMAIL, INFO_NAME, TRAILER_ID_PREFIX

_DOWNLOAD_ID = re.compile(rf"\A{DOWNLOAD_ID_PATTERN}\Z")
# Text extraction may put any white space (or none) between the label and the id.
_FOOTER_ID = re.compile(rf"{re.escape(FOOTER_ID_LABEL)}\s*({DOWNLOAD_ID_PATTERN})(?![\w-])")

# Where the id was found, in the order `download_id` prefers them when they disagree: the text
# on the pages is what the leaker saw and cannot be changed without visibly editing the page.
SOURCES = ("text", "info", "trailer_id", "image_metadata")


@dataclass(frozen=True)
class TraceResult:
    """The download id found in a file, and where.

    ``evidence`` maps each place the mark was found (see `SOURCES`) to the id found there; they
    disagree only if someone edited the file (``consistent`` is then False). ``name``, ``email``
    and ``date`` come from the invisible metadata when it survived.
    """

    download_id: str
    evidence: dict[str, str] = field(default_factory=dict)
    name: str | None = None
    email: str | None = None
    date: str | None = None
    page: int | None = None

    @property
    def consistent(self) -> bool:
        return len(set(self.evidence.values())) <= 1


def trace(
    source: str | os.PathLike | bytes, *, max_text_pages: int | None = None
) -> TraceResult | None:
    """Find the mark in a stamped PDF (or PNG/JPEG), or return None if there is none.

    ``max_text_pages`` bounds how many pages are searched for the footer text when the cheap
    places hold nothing (None: all pages).
    """
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    if data[:8] == b"\x89PNG\r\n\x1a\n" or data[:3] == b"\xff\xd8\xff":
        return _trace_image(data)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            reader.decrypt("")
    except Exception:
        return None
    evidence: dict[str, str] = {}
    details = _from_info(reader, evidence)
    _from_trailer_id(reader, evidence)
    page = _from_text(reader, evidence, max_pages=max_text_pages, first_only=bool(evidence))
    if not evidence:
        return None
    return TraceResult(
        download_id=_choose(evidence),
        evidence=evidence,
        page=page,
        **details,
    )


def _choose(evidence: dict[str, str]) -> str:
    counts = Counter(evidence.values())
    return max(
        evidence.values(),
        key=lambda value: (
            counts[value],
            -min(SOURCES.index(s) for s in evidence if evidence[s] == value),
        ),
    )


def _text(value) -> str | None:
    try:
        value = value.get_object() if hasattr(value, "get_object") else value
    except Exception:
        return None
    return str(value) if isinstance(value, str) else None


def _from_info(reader: PdfReader, evidence: dict[str, str]) -> dict[str, str | None]:
    try:
        info = reader.metadata or {}
    except Exception:
        info = {}
    download_id = _text(info.get(INFO_DOWNLOAD_ID))
    if download_id and _DOWNLOAD_ID.match(download_id.strip()):
        evidence["info"] = download_id.strip()
    return {
        "name": _text(info.get(INFO_NAME)),
        "email": _text(info.get(INFO_EMAIL)),
        "date": _text(info.get(INFO_DATE)),
    }


def _from_trailer_id(reader: PdfReader, evidence: dict[str, str]) -> None:
    try:
        entries = reader.trailer.get("/ID")
        entries = entries.get_object() if entries is not None else []
    except Exception:
        return
    for entry in entries or []:
        try:
            raw = entry.get_object()
            raw = raw.original_bytes if hasattr(raw, "original_bytes") else bytes(raw)
        except Exception:
            continue
        if raw.startswith(TRAILER_ID_PREFIX):
            candidate = raw[len(TRAILER_ID_PREFIX) :].decode("ascii", "replace")
            if _DOWNLOAD_ID.match(candidate):
                evidence["trailer_id"] = candidate
                return


def _from_text(
    reader: PdfReader, evidence: dict[str, str], *, max_pages: int | None, first_only: bool
) -> int | None:
    """Search the page text for the footer; only the first page when the id is known already."""
    try:
        count = len(reader.pages)
    except Exception:
        return None
    limit = 1 if first_only else count if max_pages is None else min(count, max_pages)
    for index in range(limit):
        try:
            text = reader.pages[index].extract_text()
        except Exception:  # a leaked copy may be damaged anywhere; search on
            continue
        match = _FOOTER_ID.search(text)
        if match:
            evidence["text"] = match.group(1)
            return index + 1
    return None


def _trace_image(data: bytes) -> TraceResult | None:
    mark = read_image_mark(data)
    if mark is None or not _DOWNLOAD_ID.match(mark.get("download_id", "")):
        return None
    return TraceResult(
        download_id=mark["download_id"],
        evidence={"image_metadata": mark["download_id"]},
        name=mark.get("name"),
        email=mark.get("email"),
        date=mark.get("date"),
    )
