"""Trace a leaked copy to the download it came from (issue #4, "Trace a leaked copy").

``watermark.trace`` reads the download id out of the file (document info, trailer /ID, the
footer text on the pages, or an image's metadata); the append-only ``library.Download`` log says
who downloaded that copy, when, from which IP address, and of which publication. A read only:
nothing is stored, the uploaded file is discarded after the request.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

import watermark

from .models import Download

logger = logging.getLogger(__name__)

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"

#: Pages whose text is searched for the footer when the invisible marks were stripped. The footer
#: is on every page, so a few pages suffice; the bound keeps a large unmarked PDF from tying up a
#: worker for minutes.
MAX_TEXT_PAGES = 30

#: Where ``watermark.trace`` found the id (its ``SOURCES``), in words for the librarian.
EVIDENCE_LABELS = {
    "text": _("footer text on page"),
    "info": _("document properties"),
    "trailer_id": _("file identifier"),
    "image_metadata": _("image metadata"),
}

FOUND, UNKNOWN_ID, NO_MARK, UNREADABLE = "found", "unknown_id", "no_mark", "unreadable"


def looks_traceable(head: bytes) -> bool:
    """A PDF (its header may follow up to 1024 bytes of junk, PDF 32000-1 §7.5.2), or a PNG or
    JPEG (map previews and covers are stamped too)."""
    return b"%PDF-" in head[:1024] or head.startswith(PNG_MAGIC) or head.startswith(JPEG_MAGIC)


@dataclass(frozen=True)
class TraceOutcome:
    status: str
    download: Download | None = None
    mark: watermark.TraceResult | None = None

    @property
    def download_id(self) -> str | None:
        return self.mark.download_id if self.mark else None

    @property
    def evidence(self) -> list[tuple[str, str]]:
        """(where, id found there), in words; the ids differ only if the file was edited."""
        if not self.mark:
            return []
        return [
            (str(EVIDENCE_LABELS.get(source, source)), found)
            for source, found in sorted(self.mark.evidence.items())
        ]


def trace_bytes(data: bytes) -> TraceOutcome:
    """Never raises on a damaged or hostile file: whatever the reader cannot parse is
    ``UNREADABLE`` (the page then says so instead of answering 500)."""
    try:
        mark = watermark.trace(data, max_text_pages=MAX_TEXT_PAGES)
    except Exception:
        logger.warning("leak trace: unreadable upload", exc_info=True)
        return TraceOutcome(status=UNREADABLE)
    if mark is None:
        return TraceOutcome(status=NO_MARK)
    download = (
        Download.objects.select_related("reader", "publication")
        .filter(download_id=mark.download_id)
        .first()
    )
    return TraceOutcome(status=FOUND if download else UNKNOWN_ID, download=download, mark=mark)


def trace_upload(upload) -> TraceOutcome:
    upload.seek(0)
    return trace_bytes(upload.read())
