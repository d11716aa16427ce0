"""Checking an upload by what it contains, not by its name or the browser's word.

The one upload module of the site (issue #15, finding 9: two modules with two sets of rules let
a PDF with a JavaScript ``/OpenAction`` through on every path but one). Every file a user sends
is checked here: order documents (issue #7), transfer proofs and SPPDs (#8), map masters (#6),
and the attachments of complaints, consultations and recommendations (#10).

The rules, the same on every path:

* **Magic bytes at offset 0.** A file is what its first bytes say (``%PDF-``, PNG, JPEG, an
  Office zip), nothing else. A PDF reader tolerates ``%PDF-`` anywhere in the first kilobyte,
  so "HTML with ``%PDF-`` inside" would pass a lenient check and then open as a web page in the
  browser; we do not tolerate leading bytes. Every real-world sample in ``../shared/pdfs``
  (LaTeX, office reports, encrypted, broken xref) starts with ``%PDF-`` at offset 0, as do the
  PDFs that scanners, phones and office suites write; a file with junk before the header is a
  damaged file and the user is asked to save it again.
* **No active content in a PDF.** JavaScript, ``/OpenAction``, additional actions (``/AA``),
  ``/Launch``, embedded files, the ``/JavaScript`` name tree and annotations' script actions
  run on the officer's computer; a PDF that has any is rewritten with pypdf from its pages
  alone, without them (:func:`sanitise_pdf`). A PDF without active content is stored unchanged.
* **No macros in an Office file.** A DOCX or XLSX holding a VBA project or ActiveX controls (a
  ``.docm``/``.xlsm`` renamed) is not a document we accept.
* **Bounded memory per image.** The pixel size is read from the header (``Image.open`` does
  not decode) and checked before any pixel is decoded (:data:`MAX_IMAGE_PIXELS`,
  :data:`MAX_IMAGE_SAMPLES`; finding 7: a 154 KB PNG of 6300×6300 RGBA took 606 MB).
* Readable, unencrypted, within the size and page limits, or refused with a message the user
  can act on, never a 500.

Pure functions over bytes (and Django's ``UploadedFile`` for the multi-file services): no
models, no storage.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, NameObject

from .errors import Refused

__all__ = [
    "ANONYMOUS_TYPES",
    "DOCUMENT_TYPES",
    "MAX_FILES",
    "MAX_IMAGE_PIXELS",
    "MAX_IMAGE_SAMPLES",
    "CheckedUpload",
    "UploadRejected",
    "ValidatedUpload",
    "check_image",
    "check_pdf",
    "check_upload",
    "check_uploads",
    "sanitise_pdf",
    "sniff",
    "validate_upload",
]

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

EXTENSIONS = {PDF: "pdf", PNG: "png", JPEG: "jpg", DOCX: "docx", XLSX: "xlsx"}
#: What a named complaint, a consultation or a recommendation may attach.
DOCUMENT_TYPES = frozenset(EXTENSIONS)
#: What an anonymous complaint may attach: only types whose metadata we can strip.
ANONYMOUS_TYPES = frozenset({PDF, PNG, JPEG})
#: What an order document, a transfer proof or an SPPD may be.
SCAN_TYPES = ANONYMOUS_TYPES

#: Pillow formats accepted for scans and photos of documents (KTP, NPWP card).
IMAGE_FORMATS = {"JPEG": (JPEG, "jpg"), "PNG": (PNG, "png")}
#: Largest image accepted, in pixels. A phone photo is 12 MP (4032×3024; 48/50 MP sensors
#: save 12 MP by default), a full-resolution 24 MP photo is 6000×4000, an A4 page scanned at
#: 300 dpi is 8.7 MP (2480×3508) and A3 at 300 dpi 17.4 MP: 25 MP takes all of them. An A4 scan
#: at 600 dpi (35 MP) is refused with "scan at a lower resolution", more than an officer needs
#: to read a KTP or a letter. The one bound of every image path: ``PstConfig.ready`` sets Pillow's
#: own bomb guard to it (every ``Image.open`` on the site, e.g. the watermark and Wagtail's
#: renditions) and ``WAGTAILIMAGES_MAX_IMAGE_PIXELS`` in the settings names the same number.
MAX_IMAGE_PIXELS = 25_000_000
#: Largest decoded image in samples (width × height × bands, one byte each): 25 MP of RGB is
#: 75 MB decoded. RGBA and CMYK images are thus bounded at 18.75 MP. With the metadata strip
#: (one decode, one save) an image costs at most about twice this while it is checked.
MAX_IMAGE_SAMPLES = 75_000_000

#: Attachments of the PST services (complaint evidence, consultation/recommendation files).
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_FILES = 5
#: Reading bound for an attached PDF (a survey plan with its questionnaires is long, but a
#: thousand-page file is not an attachment staff can read).
MAX_PDF_PAGES = 500


class UploadRejected(Refused, ValueError):
    """An upload that is not accepted; ``message`` is shown next to the field as it is."""


@dataclass(frozen=True)
class ValidatedUpload:
    content: bytes
    original_name: str
    content_type: str
    extension: str
    size: int
    pages: int | None
    sha256: str


@dataclass(frozen=True)
class CheckedUpload:
    content: ContentFile
    content_type: str
    original_name: str
    size: int


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def sniff(data: bytes) -> str | None:
    """The content type ``data`` starts with (offset 0, no leading bytes tolerated), or None."""
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
        if any(_is_active_part(name) for name in names):
            return None  # macros or ActiveX: a .docm/.xlsm (or a renamed one), not a document
        if "word/document.xml" in names:
            return DOCX
        if "xl/workbook.xml" in names:
            return XLSX
    return None


def _is_active_part(name: str) -> bool:
    """An Office part that runs code: a VBA project (macros) or an ActiveX control."""
    name = name.lower()
    return name.endswith("vbaproject.bin") or "/activex/" in name


# --- PDF ---------------------------------------------------------------------------------------

#: Actions that run something when the reader opens, clicks or tabs (PDF 32000-1, 12.6.4).
ACTIVE_ACTIONS = frozenset(
    {
        "/JavaScript",
        "/Launch",
        "/SubmitForm",
        "/ImportData",
        "/ResetForm",
        "/Rendition",
        "/GoToE",
        "/GoToR",  # opens another file, e.g. on a remote share (leaks the officer's login hash)
        "/RichMediaExecute",
        "/SetOCGState",
    }
)
#: Bound on the actions followed in one chain (``/Next``); a real link has one or two.
MAX_PDF_ACTIONS = 100


def _resolve(obj):
    return obj.get_object() if hasattr(obj, "get_object") else obj


def _is_active_action(action) -> bool:
    """Whether ``action`` or any action chained after it (``/Next``, a dictionary or an array)
    runs something. Each action is visited once, so a ``/Next`` cycle cannot loop for ever."""
    pending, seen = [action], set()
    while pending:
        current = _resolve(pending.pop())
        if not hasattr(current, "get") or id(current) in seen:
            continue
        seen.add(id(current))
        if len(seen) > MAX_PDF_ACTIONS:
            return True  # a chain this long is no document's link; treat it as hostile
        if current.get("/S") in ACTIVE_ACTIONS or "/JS" in current:
            return True
        following = _resolve(current.get("/Next"))
        if isinstance(following, list):
            pending.extend(following)
        elif following is not None:
            pending.append(following)
    return False


def _active_in_page(page) -> bool:
    if "/AA" in page:
        return True
    for annot in _resolve(page.get("/Annots")) or []:
        annot = _resolve(annot)
        if annot.get("/Subtype") in ("/FileAttachment", "/RichMedia", "/Movie", "/Screen"):
            return True
        if "/AA" in annot or _is_active_action(annot.get("/A")):
            return True
    return False


def _active_in_catalog(root) -> bool:
    if "/AA" in root or _is_active_action(root.get("/OpenAction")):
        return True  # an /OpenAction that is a destination (open at page 1) is harmless
    names = _resolve(root.get("/Names"))
    if names is not None and ("/JavaScript" in names or "/EmbeddedFiles" in names):
        return True
    acroform = _resolve(root.get("/AcroForm"))
    return acroform is not None and "/XFA" in acroform


def has_active_content(reader) -> bool:
    """Whether the PDF in ``reader`` carries anything that runs in the reader (module doc)."""
    return _active_in_catalog(reader.trailer["/Root"]) or any(
        _active_in_page(page) for page in reader.pages
    )


def _strip_page(page) -> None:
    if "/AA" in page:
        del page[NameObject("/AA")]
    annots = _resolve(page.get("/Annots"))
    if not annots:
        return
    kept = ArrayObject()
    for ref in annots:
        annot = _resolve(ref)
        if annot.get("/Subtype") in ("/FileAttachment", "/RichMedia", "/Movie", "/Screen"):
            continue
        if "/AA" in annot:
            del annot[NameObject("/AA")]
        if _is_active_action(annot.get("/A")):
            del annot[NameObject("/A")]
        kept.append(ref)
    page[NameObject("/Annots")] = kept


def sanitise_pdf(content: bytes, *, strip_metadata: bool = False) -> bytes:
    """``content`` rewritten from its pages alone: no catalog actions, name trees, embedded
    files or forms, no page or annotation scripts; without document information when
    ``strip_metadata``. Refused if anything active survives the rewrite."""
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(content), strict=False).pages:
        _strip_page(page)  # before copying, so the scripts are not copied as orphans
        writer.add_page(page)
    writer.add_metadata({"/Producer": ""})
    out = io.BytesIO()
    writer.write(out)
    cleaned = out.getvalue()
    if has_active_content(PdfReader(io.BytesIO(cleaned), strict=False)):
        raise UploadRejected(
            _(
                "The PDF contains scripts or embedded files that cannot be removed. "
                "Print it to a new PDF and upload that."
            )
        )
    return cleaned


def check_pdf(content: bytes, max_pages: int) -> int:
    """The page count of a readable, unencrypted PDF of 1..``max_pages`` pages."""
    return _read_pdf(content, max_pages)[0]


def _read_pdf(content: bytes, max_pages: int) -> tuple[int, bool]:
    """(pages, has active content) of a readable, unencrypted PDF of 1..``max_pages`` pages."""
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise UploadRejected(
                _("The PDF is password-protected. Upload a copy without a password.")
            )
        pages = len(reader.pages)
        if pages:
            reader.pages[0].extract_text()  # reads the first page's content stream
        active = has_active_content(reader)
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
    return pages, active


def _clean_pdf(content: bytes, max_pages: int, *, strip_metadata: bool) -> tuple[bytes, int]:
    pages, active = _read_pdf(content, max_pages)
    if active or strip_metadata:
        try:
            content = sanitise_pdf(content, strip_metadata=strip_metadata)
        except UploadRejected:
            raise
        except Exception:  # pypdf raises many kinds on odd files; the user gets a message
            raise UploadRejected(
                _("The PDF cannot be read (damaged or incomplete). Save it again and re-upload.")
            ) from None
    return content, pages


# --- Images ------------------------------------------------------------------------------------


def _too_large() -> UploadRejected:
    return UploadRejected(_("The image is too large; scan it at a lower resolution."))


def _open_bounded(content: bytes):
    """The image opened from its header only, refused before decoding when over the bounds."""
    image = Image.open(io.BytesIO(content))
    if image.format not in IMAGE_FORMATS:
        image.close()
        raise UploadRejected(_("Upload a PDF, a JPEG or a PNG file."))
    bands = len(image.getbands())
    pixels = image.width * image.height
    if pixels > MAX_IMAGE_PIXELS or pixels * bands > MAX_IMAGE_SAMPLES:
        image.close()
        raise _too_large()
    return image


def _decode_image(content: bytes, *, strip_metadata: bool) -> tuple[str, str, bytes]:
    try:
        with _open_bounded(content) as image:
            image.verify()
        with _open_bounded(content) as image:
            kind = image.format
            image.load()  # verify() does not decode the pixels; a truncated file fails here
            if strip_metadata:
                content = _without_metadata(image, kind)
    except UploadRejected:
        raise
    except Image.DecompressionBombError:
        raise _too_large() from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise UploadRejected(
            _("The image cannot be read (damaged or incomplete). Upload it again.")
        ) from None
    content_type, extension = IMAGE_FORMATS[kind]
    return content_type, extension, content


def _without_metadata(image, kind: str) -> bytes:
    """The decoded pixels saved again with no EXIF, XMP, ICC or text chunk (anonymous
    complaints keep no personal data, issue #10). One copy at most: a mode conversion only
    when the mode cannot be saved in ``kind``."""
    if kind == "JPEG":
        mode = "RGB" if image.mode not in ("L", "RGB") else image.mode
    else:
        mode = image.mode if image.mode in ("1", "L", "LA", "RGB", "RGBA", "P") else "RGBA"
    clean = image if image.mode == mode else image.convert(mode)
    clean.info = {}
    out = io.BytesIO()
    if kind == "JPEG":
        clean.save(out, format="JPEG", quality=90, exif=b"")
    else:
        clean.save(out, format="PNG")
    return out.getvalue()


def check_image(content: bytes) -> tuple[str, str]:
    """(content type, extension) of a fully decodable JPEG or PNG within the pixel bounds."""
    content_type, extension, _unused = _decode_image(content, strip_metadata=False)
    return content_type, extension


# --- The two entry points ----------------------------------------------------------------------


def validate_upload(
    *, content: bytes, original_name: str, max_bytes: int, max_pages: int
) -> ValidatedUpload:
    """Accept ``content`` as a PDF or a JPEG/PNG image, or raise :class:`UploadRejected`.

    Used for order documents, transfer proofs, SPPDs and map masters; ``content`` of the result
    is what is stored (a PDF with active content comes back rewritten without it)."""
    size = len(content)
    if size == 0:
        raise UploadRejected(_("The file is empty."))
    if size > max_bytes:
        raise UploadRejected(
            _("The file is %(size)s; at most %(max)s is accepted.")
            % {"size": _mb(size), "max": _mb(max_bytes)}
        )
    pages: int | None = None
    kind = sniff(content)
    if kind == PDF:
        content, pages = _clean_pdf(content, max_pages, strip_metadata=False)
        content_type, extension = PDF, "pdf"
    elif kind in (PNG, JPEG):
        content_type, extension, content = _decode_image(content, strip_metadata=False)
    else:
        raise UploadRejected(_("Upload a PDF, a JPEG or a PNG file."))
    return ValidatedUpload(
        content=content,
        original_name=(original_name or f"dokumen.{extension}")[-200:],
        content_type=content_type,
        extension=extension,
        size=len(content),
        pages=pages,
        sha256=hashlib.sha256(content).hexdigest(),
    )


def check_upload(
    upload: UploadedFile,
    *,
    allowed: frozenset[str] = DOCUMENT_TYPES,
    strip_metadata: bool = False,
    anonymous_name: str = "",
) -> CheckedUpload:
    """Read ``upload``, check its type by content and its size, and return it ready to store.

    Complaint evidence, consultation attachments and recommendation documents. Anonymous
    complaints pass ``strip_metadata`` (PDFs and images rewritten without their metadata) and
    ``anonymous_name``, which replaces the user's file name (which may carry a name).
    """
    label = upload.name or _("The file")
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise UploadRejected(_("%(name)s is larger than 5 MB.") % {"name": label})
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadRejected(_("%(name)s is larger than 5 MB.") % {"name": label})
    if not data:
        raise UploadRejected(_("%(name)s is empty.") % {"name": label})
    content_type = sniff(data)
    if content_type not in allowed:
        kinds = ", ".join(sorted(EXTENSIONS[t].upper() for t in allowed))
        raise UploadRejected(
            _("%(name)s is not an accepted file. Accepted: %(kinds)s.")
            % {"name": label, "kinds": kinds}
        )
    if content_type == PDF:
        data, _pages = _clean_pdf(data, MAX_PDF_PAGES, strip_metadata=strip_metadata)
    elif content_type in (PNG, JPEG):
        _type, _ext, data = _decode_image(data, strip_metadata=strip_metadata)
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
