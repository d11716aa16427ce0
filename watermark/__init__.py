"""Watermark publications for one downloader, and find the downloader in a leaked copy.

A plain library (no Django): pypdf for PDFs, Pillow for images.

At upload, once per publication::

    master = prepare(uploaded_pdf_path, master_dir)   # PasswordRequired / UnreadablePdf
    master.page_count, master.outline, master.title   # for the catalogue

At download, per reader (cost of a byte copy, whatever the page count)::

    identity = Identity(name, email, download_id, date)
    response = StreamingHttpResponse(iter_stamped(master_dir, identity))
    response["Content-Length"] = master.file_size     # every copy has the master's size

For a leaked file: ``trace(path_or_bytes)`` returns a `TraceResult` or None. For map previews and
covers: ``stamp_image(png_or_jpeg, identity)``. See docs/watermark.md for the design.
"""

from .errors import (
    InvalidIdentity,
    MasterCorrupt,
    PasswordRequired,
    UnreadableImage,
    UnreadablePdf,
    WatermarkError,
)
from .identity import DOWNLOAD_ID_PATTERN, Identity
from .image import stamp_image
from .master import OutlineEntry, PageGeometry, PreparedMaster
from .prepare import prepare
from .stamp import iter_stamped, stamp_bytes, stamp_to_file
from .trace import TraceResult, trace

__all__ = [
    "DOWNLOAD_ID_PATTERN",
    "Identity",
    "InvalidIdentity",
    "MasterCorrupt",
    "OutlineEntry",
    "PageGeometry",
    "PasswordRequired",
    "PreparedMaster",
    "TraceResult",
    "UnreadableImage",
    "UnreadablePdf",
    "WatermarkError",
    "iter_stamped",
    "prepare",
    "stamp_bytes",
    "stamp_image",
    "stamp_to_file",
    "trace",
]
