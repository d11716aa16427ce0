"""Checking an upload by what it contains, not by its name or the browser's word.

One set of content checks for every upload a user makes: order documents (issue #7: "a real PDF
or image, size limit, page limit, readable"), transfer proofs and map masters (#8, #6), and the
attachments of complaints, consultations and recommendations (#10, ``layanan.uploads``, which
adds Office files and metadata stripping on top of :func:`check_pdf` / :func:`check_image`).
A file named ``.pdf`` that pypdf cannot open, an encrypted PDF (the officer could not read
it), a PDF over the page limit, an image Pillow cannot decode, or anything else is refused
with a message the user can act on. Pure functions over bytes: no Django models, no storage.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

__all__ = ["UploadRejected", "ValidatedUpload", "check_image", "check_pdf", "validate_upload"]

#: Pillow formats accepted for scans and photos of documents (KTP, NPWP card).
IMAGE_FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png")}
#: Larger images are refused before decoding (decompression bombs).
MAX_IMAGE_PIXELS = 40_000_000


class UploadRejected(ValueError):
    """An upload that is not accepted; ``message`` is shown next to the field as it is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ValidatedUpload:
    content: bytes
    original_name: str
    content_type: str
    extension: str
    size: int
    pages: int | None
    sha256: str


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def check_pdf(content: bytes, max_pages: int) -> int:
    """The page count of a readable, unencrypted PDF of 1..``max_pages`` pages."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise UploadRejected(
                _("The PDF is password-protected. Upload a copy without a password.")
            )
        pages = len(reader.pages)
        if pages:
            reader.pages[0].extract_text()  # reads the first page's content stream
    except UploadRejected:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError):
        raise UploadRejected(
            _("The PDF cannot be read (damaged or incomplete). Save it again and re-upload.")
        ) from None
    if pages == 0:
        raise UploadRejected(_("The PDF has no pages."))
    if pages > max_pages:
        raise UploadRejected(
            ngettext(
                "The PDF has %(pages)d pages; at most %(max)d page is accepted.",
                "The PDF has %(pages)d pages; at most %(max)d pages are accepted.",
                max_pages,
            )
            % {"pages": pages, "max": max_pages}
        )
    return pages


def check_image(content: bytes) -> tuple[str, str]:
    """(content type, extension) of a fully decodable JPEG or PNG of sane pixel size."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(content)) as image:
            kind = image.format
            if kind not in IMAGE_FORMATS:
                raise UploadRejected(_("Upload a PDF, a JPEG or a PNG file."))
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise UploadRejected(_("The image is too large; scan it at a lower resolution."))
            image.verify()
        with Image.open(io.BytesIO(content)) as image:
            image.load()  # verify() does not decode the pixels; a truncated file fails here
    except UploadRejected:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise UploadRejected(
            _("The image cannot be read (damaged or incomplete). Upload it again.")
        ) from None
    return IMAGE_FORMATS[kind]


def validate_upload(
    *, content: bytes, original_name: str, max_bytes: int, max_pages: int
) -> ValidatedUpload:
    """Accept ``content`` as a PDF or a JPEG/PNG image, or raise :class:`UploadRejected`."""
    size = len(content)
    if size == 0:
        raise UploadRejected(_("The file is empty."))
    if size > max_bytes:
        raise UploadRejected(
            _("The file is %(size)s; at most %(max)s is accepted.")
            % {"size": _mb(size), "max": _mb(max_bytes)}
        )
    pages: int | None = None
    if content[:1024].lstrip().startswith(b"%PDF-") or b"%PDF-" in content[:1024]:
        pages = check_pdf(content, max_pages)
        content_type, extension = "application/pdf", "pdf"
    elif content[:3] == b"\xff\xd8\xff" or content[:8] == b"\x89PNG\r\n\x1a\n":
        content_type, extension = check_image(content)
    else:
        raise UploadRejected(_("Upload a PDF, a JPEG or a PNG file."))
    return ValidatedUpload(
        content=content,
        original_name=(original_name or f"dokumen.{extension}")[-200:],
        content_type=content_type,
        extension=extension,
        size=size,
        pages=pages,
        sha256=hashlib.sha256(content).hexdigest(),
    )
