"""State changes of the e-library (STYLE.md habit 2)."""

from __future__ import annotations

import itertools
import secrets
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page, Site

import watermark
from pst import roles
from pst.storage import private_storage

from .models import Download, HomePage, LibraryIndexPage, PublicationPage


@dataclass(frozen=True)
class SiteStructure:
    home: HomePage
    library: LibraryIndexPage


LIBRARIAN_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page")


@transaction.atomic
def site_ensure_structure(
    *, home_title: str, home_intro: str, library_title: str, library_intro: str
) -> SiteStructure:
    """Create the portal's home and library pages once, make the home the default site's root,
    and give the Pustakawan role its page permissions on the library (issue #2, roles)."""
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(title=home_title, slug="beranda", intro=home_intro)
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True, site_name="PST Online"
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "PST Online"
        site.save()
        # Wagtail's placeholder "Welcome" page is useless once the portal's home exists.
        if old_root.specific_class is Page and old_root.pk != root.pk:
            old_root.delete()
    library = LibraryIndexPage.objects.first()
    if library is None:
        library = LibraryIndexPage(title=library_title, slug="pustaka", intro=library_intro)
        home.add_child(instance=library)
        library.save_revision().publish()
    librarians = Group.objects.get(name=roles.LIBRARIAN)
    for codename in LIBRARIAN_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=librarians,
            page=library,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    return SiteStructure(home=home, library=library)


def _master_outline(entries) -> list[dict]:
    """The page's table of contents: the outline's top level, as ``{title, page}``."""
    return [{"title": entry.title, "page": entry.page} for entry in entries]


def publication_attach_pdf(*, page: PublicationPage, pdf_path: Path, filename: str) -> None:
    """Prepare the watermark master, store the original PDF privately, and fill page count,
    size and outline from the master (docs/watermark.md: ``prepare`` is the single reader of
    uploaded PDFs; the library upload form and ``seed_demo`` both come here).

    Raises ``watermark.PasswordRequired`` or ``watermark.UnreadablePdf`` (each with an
    Indonesian ``.message`` for the upload form) and then leaves nothing behind: neither the
    master folder nor the stored file. A new upload gets a new master folder, so downloads
    running from the previous master finish undisturbed (docs/watermark.md, re-ingest).
    The caller saves the page.
    """
    storage = private_storage()
    master_dir = f"masters/{uuid.uuid4().hex}"
    master_path = Path(storage.path(master_dir))
    try:
        master = watermark.prepare(pdf_path, master_path)
        with pdf_path.open("rb") as fh:
            page.pdf.save(filename, File(fh), save=False)
    except BaseException:
        shutil.rmtree(master_path, ignore_errors=True)
        raise
    page.master_dir = master_dir
    page.page_count = master.page_count
    page.file_size = master.file_size
    page.outline = _master_outline(master.outline)


# --- Downloads ------------------------------------------------------------------------------

USER_AGENT_MAX = Download._meta.get_field("user_agent").max_length


class DownloadRefused(Exception):
    """A reader may not have this copy now; the view turns each subclass into a message."""


class EmailNotVerified(DownloadRefused):
    """Downloads wait for the activation link (issue #2)."""


class NotFreeToDownload(DownloadRefused):
    """The publication is sold in the shop, or has no prepared master yet."""


class DownloadRateLimited(DownloadRefused):
    """The account reached ``PST_DOWNLOAD_RATE_LIMIT``; ``retry_at`` is when a slot frees up."""

    def __init__(self, *, limit: int, window: timedelta, retry_at: datetime) -> None:
        self.limit = limit
        self.window = window
        self.retry_at = retry_at
        super().__init__(f"{limit} downloads per {window}; retry at {retry_at:%Y-%m-%d %H:%M}")


@dataclass(frozen=True)
class DownloadStream:
    """A recorded download and its watermarked bytes, ready for a streaming response."""

    download: Download
    chunks: Iterator[bytes]
    size: int
    filename: str


def new_download_id(on: date) -> str:
    """``DL`` + date + random part, e.g. ``DL20260115-3F9A0C21D7`` (``DOWNLOAD_ID_PATTERN``)."""
    return f"DL{on:%Y%m%d}-{secrets.token_hex(5).upper()}"


def download_record(
    *, reader, publication: PublicationPage, ip: str | None, user_agent: str
) -> DownloadStream:
    """Record one free download and start its watermarked copy (issue #4).

    Guards: verified e-mail, a free publication with a prepared master, and the per-account
    rate limit counted from the log. The reader's row is locked so two simultaneous requests
    cannot both take the last slot. The copy's first chunk is produced inside the transaction:
    ``iter_stamped`` checks the master before any byte, so a broken master
    (``watermark.MasterCorrupt``) rolls the log row back instead of recording a copy that was
    never sent.
    """
    if not reader.email_verified:
        raise EmailNotVerified()
    if not publication.downloadable:
        raise NotFreeToDownload()
    limit, seconds = settings.PST_DOWNLOAD_RATE_LIMIT
    window = timedelta(seconds=seconds)
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=reader.pk).first()
        now = timezone.now()
        recent = list(
            Download.objects.filter(reader=reader, created_at__gt=now - window)
            .order_by("-created_at")
            .values_list("created_at", flat=True)[:limit]
        )
        if len(recent) >= limit:
            raise DownloadRateLimited(limit=limit, window=window, retry_at=recent[-1] + window)
        master_path = private_storage().path(publication.master_dir)
        master = watermark.PreparedMaster.load(master_path)
        download = Download.objects.create(
            reader=reader,
            publication=publication,
            download_id=new_download_id(timezone.localdate(now)),
            reader_name=reader.get_full_name(),
            reader_email=reader.email,
            publication_title=publication.title,
            created_at=now,
            ip=ip or None,
            user_agent=(user_agent or "")[:USER_AGENT_MAX],
            bytes=master.file_size,
        )
        identity = watermark.Identity(
            name=download.reader_name,
            email=download.reader_email,
            download_id=download.download_id,
            date=timezone.localdate(now),
            site_name=settings.PST_SITE_NAME,
        )
        chunks = watermark.iter_stamped(master, identity)
        first = next(chunks, b"")
    return DownloadStream(
        download=download,
        chunks=itertools.chain((first,), chunks),
        size=master.file_size,
        filename=publication.download_filename,
    )
