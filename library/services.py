"""State changes of the e-library (STYLE.md habit 2)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.core.files import File
from django.db import transaction
from wagtail.models import GroupPagePermission, Page, Site

from pst import roles

from .models import HomePage, LibraryIndexPage, PublicationPage


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
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True,
                            site_name="PST Online")
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


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def publication_attach_pdf(*, page: PublicationPage, pdf_path: Path, filename: str) -> None:
    """Store the master PDF privately and fill page count, size and outline from the file.

    The watermark engine's ``prepare`` (issue #3) is the single reader of uploaded PDFs; the
    library upload form (issue #4) calls the same function.
    """
    from pypdf import PdfReader

    reader = PdfReader(str(pdf_path))
    outline = []
    for item in reader.outline:
        if isinstance(item, list):
            continue
        try:
            page_number = reader.get_destination_page_number(item) + 1
        except Exception:  # a broken destination must not stop the ingest
            page_number = None
        outline.append({"title": str(item.title), "page": page_number})
    with pdf_path.open("rb") as fh:
        page.pdf.save(filename, File(fh), save=False)
    page.page_count = len(reader.pages)
    page.file_size = pdf_path.stat().st_size
    page.outline = outline
