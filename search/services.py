"""Writes of the search app (STYLE.md habit 2): extracting a publication's PDF text once and
keeping the index in step with what is published. Signal handlers, ``search_reindex`` and
``seed_demo`` all come through here.

Indexing is a side reaction (STYLE.md habit 8): a failing search backend is logged and never
stops a librarian from publishing or a product from being saved; ``search_reindex`` repairs it.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from wagtail.models import Page

from library.models import PublicationPage
from pst.storage import private_storage

from . import documents
from .backends import get_backend
from .backends.base import Progress
from .models import PublicationText

logger = logging.getLogger(__name__)


def publication_text_extract(
    *, page: PublicationPage, force: bool = False
) -> PublicationText | None:
    """The text of the page's PDF master, read with pypdf once per uploaded file.

    Skipped when the stored text came from the same file (``source_name``): publishing a new
    revision, re-indexing or reseeding never reads the PDF again. An unreadable PDF stores an
    empty text with the error, so it is not retried at every publish either.
    """
    if not page.pdf:
        PublicationText.objects.filter(page=page).delete()
        return None
    existing = PublicationText.objects.filter(page=page).first()
    if existing and existing.source_name == page.pdf.name and not force:
        return existing
    text, pages, error = "", 0, ""
    limit = settings.SEARCH_FULLTEXT_MAX_CHARS
    try:
        with private_storage().open(page.pdf.name, "rb") as fh:
            reader = PdfReader(fh)
            parts: list[str] = []
            size = 0
            for pdf_page in reader.pages:
                chunk = pdf_page.extract_text() or ""
                parts.append(chunk)
                pages += 1
                size += len(chunk)
                if size >= limit:
                    break
            text = "\n".join(parts)[:limit]
    except (OSError, PdfReadError, ValueError, KeyError) as exc:
        error = f"{type(exc).__name__}: {exc}"[:255]
        logger.warning("PDF text extraction failed for page %s: %s", page.pk, error)
    record, _ = PublicationText.objects.update_or_create(
        page=page,
        defaults={
            "source_name": page.pdf.name,
            "text": text.replace("\x00", ""),
            "pages": pages,
            "error": error,
            "extracted_at": timezone.now(),
        },
    )
    return record


def search_index_publication(*, page_id: int) -> bool:
    """Index the page if a reader may see it (live, public, not expired), else remove it.

    Decided from the page's state, not from which signal fired: Wagtail sends
    ``page_published`` for a release scheduled in the future too, and that page must stay out
    of the index until it goes live (issue #5). Returns whether the page is now indexed.
    """
    page = documents.indexable_publications().filter(pk=page_id).first()
    key = documents.publication_key(page_id)
    try:
        if page is None:
            get_backend().remove([key])
            return False
        publication_text_extract(page=page)
        page = documents.indexable_publications().get(pk=page_id)  # with the fresh text
        get_backend().index([documents.publication_document(page)])
        return True
    except Exception:  # a side reaction must not break publishing; search_reindex repairs
        logger.exception("search: indexing %s failed", key)
        return False


def search_index_subtree(*, page_id: int) -> int:
    """Re-decide every publication at or below ``page_id``: moving a page changes their URLs,
    and a view restriction (login, password, groups) hides them all from ``public()``. Returns
    how many were looked at."""
    root = Page.objects.filter(pk=page_id).first()
    if root is None:
        return 0
    ids = list(
        PublicationPage.objects.descendant_of(root, inclusive=True).values_list("pk", flat=True)
    )
    for publication_id in ids:
        search_index_publication(page_id=publication_id)
    return len(ids)


def search_index_product(*, product_id: int) -> bool:
    """Index a public Data Mikro / Peta WKS product, remove anything else (issue #5)."""
    product = documents.indexable_products().filter(pk=product_id).first()
    key = documents.product_key(product_id)
    try:
        if product is None:
            get_backend().remove([key])
            return False
        get_backend().index([documents.product_document(product)])
        return True
    except Exception:
        logger.exception("search: indexing %s failed", key)
        return False


def search_remove(*, keys: list[str]) -> None:
    try:
        get_backend().remove(keys)
    except Exception:
        logger.exception("search: removing %s failed", keys)


def search_reindex(*, progress: Progress = lambda _n: None, extract: bool = True) -> int:
    """Rebuild the whole index from the database (``manage.py search_reindex``); PDF text is
    extracted only for publications that have none for their current file."""
    if extract:
        for page in documents.indexable_publications().iterator(chunk_size=100):
            publication_text_extract(page=page)
    return get_backend().rebuild(documents.all_documents(), progress=progress)


def on_commit_index_publication(page_id: int) -> None:
    """Index after the surrounding transaction commits: the page's subjects and revision are
    saved after the signal fires, and a rolled-back publish must not be indexed."""
    transaction.on_commit(lambda: search_index_publication(page_id=page_id))


def on_commit_index_subtree(page_id: int) -> None:
    transaction.on_commit(lambda: search_index_subtree(page_id=page_id))


def on_commit_index_product(product_id: int) -> None:
    transaction.on_commit(lambda: search_index_product(product_id=product_id))


def on_commit_remove(key: str) -> None:
    """A deletion that is rolled back must leave the document in the index."""
    transaction.on_commit(lambda: search_remove(keys=[key]))
