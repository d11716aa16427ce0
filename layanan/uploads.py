"""Checking users' uploads by their content, not their name or the browser's claim.

Complaint evidence, consultation attachments and recommendation documents are read by staff on
office computers, so only a few plain formats are accepted and each file must really be what it
says: a PDF that pypdf can open, an image Pillow can decode, an Office file whose zip holds the
part that kind of document needs. Anything else is refused with a message, never a 500.

Anonymous complaints must keep no personal data (issue #10), and files carry some: EXIF (camera,
GPS position, owner) in photos, Author/Creator in PDFs, the author in Office files. For those,
only PDFs and images are accepted and both are rewritten without their metadata
(``strip_metadata``).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from pst.uploads import UploadRejected, check_image, check_pdf

__all__ = ["UploadRejected", "check_upload", "check_uploads"]

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_FILES = 5
#: Reading bound for an attached PDF (a survey plan with its questionnaires is long, but a
#: thousand-page file is not an attachment staff can read).
MAX_PDF_PAGES = 500

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

EXTENSIONS = {PDF: "pdf", PNG: "png", JPEG: "jpg", DOCX: "docx", XLSX: "xlsx"}
DOCUMENT_TYPES = frozenset(EXTENSIONS)
ANONYMOUS_TYPES = frozenset({PDF, PNG, JPEG})


@dataclass(frozen=True)
class CheckedUpload:
    content: ContentFile
    content_type: str
    original_name: str
    size: int


def _sniff(data: bytes) -> str | None:
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, ValueError):
            return None
        if "word/document.xml" in names:
            return DOCX
        if "xl/workbook.xml" in names:
            return XLSX
    return None


def _check_pdf(data: bytes, strip: bool) -> bytes:
    """Readable by the shared check (:func:`pst.uploads.check_pdf`); rewritten without its
    document information when ``strip``."""
    from pypdf import PdfReader, PdfWriter

    check_pdf(data, MAX_PDF_PAGES)
    if not strip:
        return data
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(data)).pages:
        writer.add_page(page)
    writer.add_metadata({"/Producer": ""})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _check_image(data: bytes, content_type: str, strip: bool) -> bytes:
    """Decodable by the shared check (:func:`pst.uploads.check_image`, which also bounds the
    pixel count); rebuilt from the pixels alone when ``strip``, so no EXIF, XMP, ICC or text
    chunk survives."""
    from PIL import Image

    check_image(data)
    if not strip:
        return data
    with Image.open(io.BytesIO(data)) as image:
        mode = "RGB" if content_type == JPEG else "RGBA"
        pixels = image.convert(mode)
        clean = Image.frombytes(mode, pixels.size, pixels.tobytes())
    out = io.BytesIO()
    clean.save(out, format="PNG" if content_type == PNG else "JPEG", quality=90)
    return out.getvalue()


def check_upload(
    upload: UploadedFile,
    *,
    allowed: frozenset[str] = DOCUMENT_TYPES,
    strip_metadata: bool = False,
    anonymous_name: str = "",
) -> CheckedUpload:
    """Read ``upload``, check its type by content and its size, and return it ready to store.

    ``anonymous_name`` replaces the user's file name (which may carry a name) by a neutral one.
    """
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise UploadRejected(
            _("%(name)s is larger than 5 MB.") % {"name": upload.name or _("The file")}
        )
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadRejected(
            _("%(name)s is larger than 5 MB.") % {"name": upload.name or _("The file")}
        )
    if not data:
        raise UploadRejected(_("%(name)s is empty.") % {"name": upload.name or _("The file")})
    content_type = _sniff(data)
    if content_type not in allowed:
        kinds = ", ".join(sorted(EXTENSIONS[t].upper() for t in allowed))
        raise UploadRejected(
            _("%(name)s is not an accepted file. Accepted: %(kinds)s.")
            % {"name": upload.name or _("The file"), "kinds": kinds}
        )
    if content_type == PDF:
        data = _check_pdf(data, strip_metadata)
    elif content_type in (PNG, JPEG):
        data = _check_image(data, content_type, strip_metadata)
    extension = EXTENSIONS[content_type]
    name = anonymous_name or (upload.name or "berkas").rsplit("/", 1)[-1][:150]
    if not name.lower().endswith("." + extension):
        name = f"{name.rsplit('.', 1)[0] if '.' in name else name}.{extension}"
    return CheckedUpload(ContentFile(data), content_type, name, len(data))


def check_uploads(uploads, **kwargs) -> list[CheckedUpload]:
    """All of ``uploads`` checked (at most :data:`MAX_FILES`), or the first refusal."""
    uploads = [u for u in uploads or () if u]
    if len(uploads) > MAX_FILES:
        raise UploadRejected(_("Attach at most %(n)s files.") % {"n": MAX_FILES})
    return [check_upload(upload, **kwargs) for upload in uploads]
