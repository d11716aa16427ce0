"""State changes of the e-library (STYLE.md habit 2)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import GroupPagePermission, Page, Site

from pst import roles
from pst.clock import local_date
from pst.errors import Refused
from pst.links import absolute_url
from pst.notify import mail_after_commit
from pst.stamping import new_download_id, stamped_copy

from .models import (
    SOFTCOPY_OPEN_STATUSES,
    Download,
    HomePage,
    LibraryIndexPage,
    PublicationPage,
    SoftcopyRequest,
    SoftcopyRequestStatus,
)


@dataclass(frozen=True)
class SiteStructure:
    home: HomePage
    library: LibraryIndexPage


LIBRARIAN_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page")


def _ensure_page(model, parent, slug: str, texts: tuple[str, str, str, str]):
    """The one page of ``model``, created under ``parent`` if there is none, with ``texts``
    (title, intro, English title, English intro). An existing page
    gets the English text of its seed while it still has the seed's own title, no English and
    no draft (a database seeded before the English fields existed); a page the librarian has
    retitled or translated is left alone. Either change is published as a revision."""
    title, intro, title_en, intro_en = texts
    page = model.objects.first()
    if page is None:
        page = model(title=title, slug=slug, intro=intro, title_en=title_en, intro_en=intro_en)
        parent.add_child(instance=page)
    elif (
        title_en and not page.title_en and page.title == title and not page.has_unpublished_changes
    ):
        page.title_en, page.intro_en = title_en, intro_en
    else:
        return page
    page.save_revision().publish()
    return page


@transaction.atomic
def site_ensure_structure(
    *,
    home_title: str,
    home_intro: str,
    library_title: str,
    library_intro: str,
    home_title_en: str = "",
    home_intro_en: str = "",
    library_title_en: str = "",
    library_intro_en: str = "",
) -> SiteStructure:
    """Create the portal's home and library pages once, make the home the default site's root,
    and give the Pustakawan role its page permissions on the library (issue #2, roles). The
    ``*_en`` texts are what English mode shows (``library.models.EnglishRendering``)."""
    root = Page.get_first_root_node()
    home = _ensure_page(
        HomePage, root, "beranda", (home_title, home_intro, home_title_en, home_intro_en)
    )
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
    library_texts = (library_title, library_intro, library_title_en, library_intro_en)
    library = _ensure_page(LibraryIndexPage, home, "pustaka", library_texts)
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


# --- Downloads ------------------------------------------------------------------------------

USER_AGENT_MAX = Download._meta.get_field("user_agent").max_length


class DownloadRefused(Refused):
    """A reader may not have this copy now (``pst.errors.Refused``: ``message`` is shown as it
    is); the view tells the subclasses apart to answer each the right way."""


class EmailNotVerified(DownloadRefused):
    """Downloads wait for the activation link (issue #2)."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Please verify your e-mail address before downloading: open the activation "
                "link we sent you, or ask for a new one on your profile page."
            ),
            code="email_not_verified",
        )


class NotFreeToDownload(DownloadRefused):
    """The publication is sold in the shop, or has no prepared master yet."""

    def __init__(self) -> None:
        super().__init__(
            _("This publication is not a free download; you can buy it in the shop."),
            code="not_free",
        )


class DownloadRateLimited(DownloadRefused):
    """The account reached ``PST_DOWNLOAD_RATE_LIMIT``; ``retry_at`` is when a slot frees up."""

    def __init__(self, *, limit: int, window: timedelta, retry_at: datetime) -> None:
        self.limit = limit
        self.window = window
        self.retry_at = retry_at
        self.hours = max(1, round(window.total_seconds() / 3600))
        super().__init__(
            ngettext(
                "You have reached the limit of %(limit)s downloads in %(hours)s hour.",
                "You have reached the limit of %(limit)s downloads in %(hours)s hours.",
                self.hours,
            )
            % {"limit": limit, "hours": self.hours},
            code="rate_limited",
        )


#: The first key of the PostgreSQL advisory lock that serialises one reader's downloads (the
#: second is the reader's id): "DL" in ASCII, a constant no other lock of the site uses.
DOWNLOAD_LIMIT_LOCK = 0x444C


def _serialise_downloads_of(reader) -> None:
    """Hold, until the transaction ends, the one lock per reader under which the recent
    downloads are counted and the new one is logged, so that two simultaneous requests cannot
    both take the last slot of ``PST_DOWNLOAD_RATE_LIMIT``.

    PostgreSQL: a transaction-level advisory lock on (``DOWNLOAD_LIMIT_LOCK``, reader): the same
    mutual exclusion as ``SELECT … FOR UPDATE`` of the reader's row, which it replaces (issue
    #23), without marking the row locked in the table (a write of the user's page and of the
    WAL on every download, and a wait for anything else writing the account, such as a login's
    ``last_login``). SQLite: the transaction already began with ``BEGIN IMMEDIATE``
    (config/settings/base.py), which admits one writer of the database at a time, so nothing
    more is needed. Any other database: the reader's row, locked.
    """
    connection = transaction.get_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s::int4, %s::int4)",
                [DOWNLOAD_LIMIT_LOCK, reader.pk % 2**31],
            )
    elif connection.vendor != "sqlite":
        get_user_model().objects.select_for_update().filter(pk=reader.pk).first()


@dataclass(frozen=True)
class DownloadStream:
    """A recorded download and its watermarked bytes, ready for a streaming response."""

    download: Download
    chunks: Iterator[bytes]
    size: int
    filename: str


def download_record(
    *, reader, publication: PublicationPage, ip: str | None, user_agent: str
) -> DownloadStream:
    """Record one free download and start its watermarked copy (issue #4).

    Guards: verified e-mail, a free publication with a prepared master, and the per-account
    rate limit counted from the log. One lock per reader (``_serialise_downloads_of``) is held
    from the count to the log row, so two simultaneous requests cannot both take the last slot.
    The copy (``pst.stamping.stamped_copy``, the same mark the
    shop's delivery stamps) starts inside the transaction and before the log row: its first chunk
    checks the master, so a broken master (``watermark.MasterCorrupt``) records no copy that was
    never sent. The log names the reader as the copy does.
    """
    if not reader.email_verified:
        raise EmailNotVerified()
    if not publication.downloadable:
        raise NotFreeToDownload()
    limit, seconds = settings.PST_DOWNLOAD_RATE_LIMIT
    window = timedelta(seconds=seconds)
    with transaction.atomic():
        _serialise_downloads_of(reader)
        now = timezone.now()
        recent = list(
            Download.objects.filter(reader=reader, created_at__gt=now - window)
            .order_by("-created_at")
            .values_list("created_at", flat=True)[:limit]
        )
        if len(recent) >= limit:
            raise DownloadRateLimited(limit=limit, window=window, retry_at=recent[-1] + window)
        today = local_date(now)
        download_id = new_download_id(today)
        copy = stamped_copy(
            user=reader, master_dir=publication.master_dir, download_id=download_id, on=today
        )
        download = Download.objects.create(
            reader=reader,
            publication=publication,
            download_id=download_id,
            reader_name=copy.identity.name,
            reader_email=copy.identity.email,
            publication_title=publication.title,
            created_at=now,
            ip=ip or None,
            user_agent=(user_agent or "")[:USER_AGENT_MAX],
            bytes=copy.size,
        )
    return DownloadStream(
        download=download,
        chunks=copy.chunks,
        size=copy.size,
        filename=publication.download_filename,
    )


# --- Softcopy requests ----------------------------------------------------------------------


class SoftcopyRequestRefused(Refused):
    """The request cannot be filed or answered; ``message`` is shown to the user as it is."""


def softcopy_request_create(
    *, reader, publication: PublicationPage, note: str = ""
) -> SoftcopyRequest:
    """File a reader's request for the softcopy of a publication listed without one (issue #4).

    Guards: a verified account (as for downloads), a live publication that has no softcopy yet,
    and one open request per reader and publication (``library_one_open_softcopy_request``
    decides under concurrency: a second click returns the open request).
    """
    if not reader.email_verified:
        raise SoftcopyRequestRefused(
            _("Please verify your e-mail address before requesting a softcopy.")
        )
    if publication.has_softcopy:
        raise SoftcopyRequestRefused(_("This publication already has a softcopy."))
    open_request = SoftcopyRequest.objects.filter(
        reader=reader, publication=publication, status__in=SOFTCOPY_OPEN_STATUSES
    ).first()
    if open_request is not None:
        return open_request
    try:
        with transaction.atomic():
            return SoftcopyRequest.objects.create(
                reader=reader,
                publication=publication,
                publication_title=publication.title,
                note=(note or "").strip()[:1000],
            )
    except IntegrityError:
        return SoftcopyRequest.objects.get(
            reader=reader, publication=publication, status__in=SOFTCOPY_OPEN_STATUSES
        )


def softcopy_request_answer(
    *, request_id: int, librarian, status: str, answer: str
) -> SoftcopyRequest:
    """A librarian answers a softcopy request: the status changes, the answer is kept, and the
    reader is told by e-mail (issue #4, "tracked and answered by a librarian").

    Guards: an answer text for a final status (the reader must learn why or where); a closed
    request is not reopened. The row is locked so two librarians cannot answer at once.
    """
    status = SoftcopyRequestStatus(status)
    answer = (answer or "").strip()
    with transaction.atomic():
        softcopy_request = SoftcopyRequest.objects.select_for_update().get(pk=request_id)
        if not softcopy_request.is_open:
            raise SoftcopyRequestRefused(_("This request has already been answered."))
        if status not in SOFTCOPY_OPEN_STATUSES and not answer:
            raise SoftcopyRequestRefused(_("Write an answer for the reader."))
        softcopy_request.status = status
        softcopy_request.answer = answer
        if status not in SOFTCOPY_OPEN_STATUSES or answer:
            softcopy_request.answered_by = librarian
            softcopy_request.answered_at = timezone.now()
        softcopy_request.save(update_fields=["status", "answer", "answered_by", "answered_at"])
        if softcopy_request.answered_at and answer:
            transaction.on_commit(lambda: _softcopy_answer_mail(softcopy_request))
    return softcopy_request


def _softcopy_answer_mail(softcopy_request: SoftcopyRequest) -> None:
    reader = softcopy_request.reader
    publication = softcopy_request.publication
    context = {
        "request": softcopy_request,
        "reader": reader,
        "publication_url": (
            absolute_url(publication.url) if publication is not None and publication.live else ""
        ),
        "site_name": settings.PST_SITE_NAME,
    }
    subject = _("Your softcopy request: %(title)s") % {"title": softcopy_request.publication_title}
    body = render_to_string("library/email/softcopy_answer.txt", context)
    mail_after_commit(subject=subject, message=body, recipients=[reader.email])
