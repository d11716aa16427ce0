"""Ingest of a publication's PDF: prepare, commit, discard, detach, and the cover from page 1
(issue #4, "Librarians"; apart from the models since issue #19).

``watermark.prepare`` is the single reader of uploaded PDFs (docs/watermark.md). An upload is
first *prepared* in a temporary folder (the Wagtail page form does it in ``clean()``, so a
refusal is a form error before anything is saved), then *committed* into the private store when
the page is saved, or *discarded*. The importer and ``seed_demo`` take both steps at once with
``publication_attach_pdf``.

This module knows the publication page only by the fields it fills (``pdf``, ``master_dir``,
``page_count``, ``file_size``, ``outline``, ``cover``) and does not import the models: the page
model names the page form as its ``base_form_class`` and the form calls this module, so an
import of the models here would close the circle models → forms → ingest → models.
"""

from __future__ import annotations

import io
import logging
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.images import ImageFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

import watermark
from pst.storage import private_storage

from .reader import COVER_WIDTH, PageRenderError, render_pdf_page

logger = logging.getLogger(__name__)


def _master_outline(entries) -> list[dict]:
    """The page's table of contents: the outline's top level, as ``{title, page}``."""
    return [{"title": entry.title, "page": entry.page} for entry in entries]


class PdfTooLarge(watermark.WatermarkError):
    """The upload is bigger than ``PST_LIBRARY_PDF_MAX_BYTES`` (ingest parses the whole file in
    memory, docs/watermark.md "Limits"); refused before any work is done."""

    default_message = "Berkas PDF terlalu besar."


@dataclass
class PreparedPdf:
    """An upload that passed ``watermark.prepare`` but is not attached to any page yet.

    Everything lives in one temporary folder (``workdir``): the copy of the upload, the master
    and the cover rendered from its first page. ``publication_pdf_commit`` moves it into the
    private store; ``publication_pdf_discard`` removes it. Until then nothing of it is stored,
    so a refused or abandoned upload leaves nothing behind (issue #4, "nothing is half-saved").
    """

    workdir: Path
    source: Path
    filename: str
    master: watermark.PreparedMaster
    cover_png: bytes | None


#: Largest PDF a librarian may upload (ingest parses the whole file, docs/watermark.md
#: "Limits"); a deployment may set ``PST_LIBRARY_PDF_MAX_BYTES``.
DEFAULT_MAX_PDF_BYTES = 200 * 1024 * 1024


def max_pdf_bytes() -> int:
    return getattr(settings, "PST_LIBRARY_PDF_MAX_BYTES", DEFAULT_MAX_PDF_BYTES)


def publication_pdf_prepare(*, pdf_path: Path, filename: str) -> PreparedPdf:
    """Check and prepare an uploaded PDF in a temporary folder (the Wagtail upload form calls
    this from ``clean()``, so a refusal becomes a form error before anything is saved).

    Raises ``PdfTooLarge``, ``watermark.PasswordRequired`` or ``watermark.UnreadablePdf``, each
    with an Indonesian ``.message``. The cover is a convenience: if poppler cannot render page 1
    the upload is still accepted, without a cover.
    """
    size = pdf_path.stat().st_size
    limit = max_pdf_bytes()
    if size > limit:
        raise PdfTooLarge(
            _("The PDF is %(size)s; the largest accepted file is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            detail=f"{size} bytes > {limit}",
        )
    workdir = Path(tempfile.mkdtemp(prefix="pst-ingest-"))
    try:
        source = workdir / "upload.pdf"
        shutil.copyfile(pdf_path, source)
        master = watermark.prepare(source, workdir / "master")
        try:
            cover_png = render_pdf_page(master.master_path, 1, COVER_WIDTH)
        except PageRenderError:
            logger.warning("no cover rendered for %s", filename, exc_info=True)
            cover_png = None
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    return PreparedPdf(
        workdir=workdir, source=source, filename=filename, master=master, cover_png=cover_png
    )


def publication_pdf_discard(*, prepared: PreparedPdf) -> None:
    shutil.rmtree(prepared.workdir, ignore_errors=True)


def publication_pdf_commit(*, page, prepared: PreparedPdf) -> None:
    """Move a prepared upload into the private store and fill the page's softcopy fields.

    A new upload gets a new master folder, so downloads running from the previous master finish
    undisturbed (docs/watermark.md, re-ingest). The cover rendered from page 1 is set only when
    the page has none: a cover the librarian chose is never replaced (issue #4, "editable").
    The caller saves the page (or its revision).
    """
    storage = private_storage()
    master_dir = f"masters/{uuid.uuid4().hex}"
    master_path = Path(storage.path(master_dir))
    master_path.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(prepared.master.master_dir), master_path)
    try:
        with prepared.source.open("rb") as fh:
            page.pdf.save(prepared.filename, File(fh), save=False)
    except BaseException:
        shutil.rmtree(master_path, ignore_errors=True)
        raise
    finally:
        publication_pdf_discard(prepared=prepared)
    master = prepared.master
    page.master_dir = master_dir
    page.page_count = master.page_count
    page.file_size = master.file_size
    page.outline = _master_outline(master.outline)
    if page.cover_id is None and prepared.cover_png:
        page.cover = _cover_image(title=page.title, png=prepared.cover_png)


def publication_pdf_detach(*, page) -> None:
    """The librarian cleared the PDF: the page is listed as not yet available as softcopy.

    The old master stays on disk for downloads already streaming; the stored original is kept
    too, because earlier revisions still name it.
    """
    page.pdf = ""
    page.master_dir = ""
    page.page_count = None
    page.file_size = None
    page.outline = []


def _cover_image(*, title: str, png: bytes):
    """A Wagtail image (public media: covers are public) from the rendered first page."""
    image = get_image_model()(
        title=(_("Cover: %(title)s") % {"title": title})[:255],
        file=ImageFile(io.BytesIO(png), name=f"sampul-{uuid.uuid4().hex[:12]}.png"),
    )
    image.save()
    return image


def publication_attach_pdf(*, page, pdf_path: Path, filename: str) -> None:
    """Prepare the watermark master, store the original PDF privately, and fill page count,
    size, outline and (if the page has none) the cover from the master (docs/watermark.md:
    ``prepare`` is the single reader of uploaded PDFs; the Wagtail upload form, the importer and
    ``seed_demo`` all come here or to its two halves).

    Raises ``PdfTooLarge``, ``watermark.PasswordRequired`` or ``watermark.UnreadablePdf`` (each
    with an Indonesian ``.message`` for the upload form) and then leaves nothing behind: neither
    the master folder nor the stored file. The caller saves the page.
    """
    prepared = publication_pdf_prepare(pdf_path=pdf_path, filename=filename)
    publication_pdf_commit(page=page, prepared=prepared)
