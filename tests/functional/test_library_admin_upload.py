"""Issue #4, librarians: uploading the PDF of a publication in the Wagtail admin runs the watermark
ingest, fills the record, and a file that cannot be prepared is refused with the reason, leaving
nothing behind (no page, no revision, no stored file, no cover image)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Revision

import watermark
from library.models import PublicationPage
from pst import roles
from pst.clock import office_today
from pst.storage import private_storage
from tests.factories import user_with_role
from tests.factories.library import (
    SHARED_PDFS,
    PublicationPageFactory,
    RegionFactory,
    SubjectFactory,
    library_structure,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def librarian():
    return user_with_role(roles.LIBRARIAN)


@pytest.fixture
def library():
    return library_structure().library


def stored_files() -> set[Path]:
    root = Path(private_storage().location)
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def upload(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    data = content if content is not None else (SHARED_PDFS / name).read_bytes()
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def form_data(**overrides) -> dict:
    region = RegionFactory()
    subject = SubjectFactory()
    data = {
        "title": "Kabupaten Maros Dalam Angka 2026",
        "slug": "kabupaten-maros-dalam-angka-2026",
        "subtitle": "",
        "title_en": "Maros Regency in Figures 2026",
        "katalog": "1102001.7309",
        "nomor_publikasi": "73090.2601",
        "issn": "",
        "isbn": "",
        "release_date": "2026-02-27",
        "frequency": "tahunan",
        "region": str(region.pk),
        "subjects": [str(subject.pk)],
        "authors": "BPS Kabupaten Maros",
        "publisher": "BPS Kabupaten Maros",
        "language": "Indonesia",
        "abstract": "Gambaran umum kabupaten dalam angka.",
        "is_free": "on",
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def create_url(library) -> str:
    return reverse("wagtailadmin_pages:add", args=("library", "publicationpage", library.pk))


def test_librarian_uploads_and_publishes_a_real_pdf(client, librarian, library):
    client.force_login(librarian)
    images_before = get_image_model().objects.count()
    response = client.post(
        create_url(library), form_data(pdf=upload("M1_pdkids.pdf"), **{"action-publish": "1"})
    )
    assert response.status_code == 302, response.context["form"].errors
    page = PublicationPage.objects.get(slug="kabupaten-maros-dalam-angka-2026")
    assert page.live
    assert page.page_count == 55
    master = watermark.PreparedMaster.load(private_storage().path(page.master_dir))
    assert page.file_size == master.file_size
    assert page.outline == [{"title": e.title, "page": e.page} for e in master.outline]
    assert page.pdf.name.startswith("publications/")
    assert (
        Path(private_storage().path(page.pdf.name)).read_bytes()
        == (SHARED_PDFS / "M1_pdkids.pdf").read_bytes()
    )
    # The cover is rendered from page 1 into the public image library (editable afterwards).
    assert page.cover is not None
    assert get_image_model().objects.count() == images_before + 1
    assert page.cover.width == 600 and page.cover.file.read(8) == b"\x89PNG\r\n\x1a\n"
    assert page.downloadable


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        pytest.param("enc_userpassword.pdf", None, "kata sandi", id="user-password"),
        pytest.param("laporan.pdf", b"%PDF-1.4\nrusak sama sekali", "bukan PDF", id="broken"),
        pytest.param("laporan.docx", b"PK\x03\x04 word document", "bukan PDF", id="not-a-pdf"),
    ],
)
def test_unpreparable_file_is_refused_and_nothing_is_saved(
    client, librarian, library, name, content, reason
):
    client.force_login(librarian)
    files_before = stored_files()
    images_before = get_image_model().objects.count()
    revisions_before = Revision.objects.count()
    response = client.post(
        create_url(library), form_data(pdf=upload(name, content), **{"action-publish": "1"})
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["pdf"]
    assert any(reason in error for error in errors), errors
    assert reason in response.content.decode()
    assert not PublicationPage.objects.filter(slug="kabupaten-maros-dalam-angka-2026").exists()
    assert Revision.objects.count() == revisions_before
    assert get_image_model().objects.count() == images_before
    assert stored_files() == files_before


def test_too_large_file_is_refused_with_the_limit(client, librarian, library, settings):
    settings.PST_LIBRARY_PDF_MAX_BYTES = 100_000
    client.force_login(librarian)
    files_before = stored_files()
    response = client.post(create_url(library), form_data(pdf=upload("I1_issue19971.pdf")))
    assert response.status_code == 200
    error = " ".join(response.context["form"].errors["pdf"])
    assert "terlalu besar" in error and "KB" in error
    assert not PublicationPage.objects.filter(slug="kabupaten-maros-dalam-angka-2026").exists()
    assert stored_files() == files_before


@pytest.mark.parametrize(
    "name", ["enc_aes128_owneronly.pdf", "xref_wrong_offsets.pdf", "rotated_0_90.pdf"]
)
def test_odd_but_readable_files_are_accepted(client, librarian, library, name):
    client.force_login(librarian)
    response = client.post(create_url(library), form_data(pdf=upload(name)))
    assert response.status_code == 302, response.context["form"].errors
    page = PublicationPage.objects.get(slug="kabupaten-maros-dalam-angka-2026")
    draft = page.get_latest_revision_as_object()
    assert not page.live  # saved as a draft: nothing is public yet
    assert draft.master_dir and draft.page_count >= 1


def edit_data(page: PublicationPage, **overrides) -> dict:
    return form_data(
        title=page.title,
        slug=page.slug,
        katalog=page.katalog,
        nomor_publikasi="",
        release_date=page.release_date.isoformat(),
        cover=str(page.cover_id) if page.cover_id else "",
        **overrides,
    )


def test_new_pdf_on_a_live_page_gets_a_new_master_and_keeps_the_chosen_cover(client, librarian):
    page = PublicationPageFactory()
    old_master, old_cover = page.master_dir, page.cover_id
    client.force_login(librarian)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        edit_data(page, pdf=upload("rotated_0_90.pdf"), **{"action-publish": "1"}),
    )
    assert response.status_code == 302, response.context["form"].errors
    page.refresh_from_db()
    assert page.master_dir != old_master
    assert page.page_count == 2
    assert page.cover_id == old_cover
    # The previous master stays for downloads that are still streaming from it.
    assert Path(private_storage().path(old_master)).is_dir()


def test_refused_pdf_on_edit_leaves_the_page_and_its_revisions_alone(client, librarian):
    page = PublicationPageFactory()
    before = (page.master_dir, page.page_count, page.pdf.name)
    revisions = page.revisions.count()
    files_before = stored_files()
    client.force_login(librarian)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        edit_data(page, pdf=upload("enc_userpassword.pdf"), **{"action-publish": "1"}),
    )
    assert response.status_code == 200
    assert "kata sandi" in " ".join(response.context["form"].errors["pdf"])
    page.refresh_from_db()
    assert (page.master_dir, page.page_count, page.pdf.name) == before
    assert page.revisions.count() == revisions
    assert stored_files() == files_before


def test_clearing_the_pdf_lists_the_page_without_softcopy(client, librarian):
    page = PublicationPageFactory()
    client.force_login(librarian)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        edit_data(page, **{"pdf-clear": "on", "action-publish": "1"}),
    )
    assert response.status_code == 302, response.context["form"].errors
    page.refresh_from_db()
    assert not page.has_softcopy and not page.master_dir and not page.downloadable
    assert page.page_count is None and page.outline == []


def test_page_count_and_size_are_not_editable_by_hand(client, librarian):
    page = PublicationPageFactory()
    count = page.page_count
    client.force_login(librarian)
    client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        edit_data(page, page_count="999", file_size="1", **{"action-publish": "1"}),
    )
    page.refresh_from_db()
    assert page.page_count == count


def test_future_release_date_alone_does_not_schedule(client, librarian, library):
    """Scheduling is explicit: a release date in the future alone does not hide a page that the
    librarian publishes (the go-live time does)."""
    client.force_login(librarian)
    future = (office_today() + datetime.timedelta(days=30)).isoformat()
    client.post(
        create_url(library),
        form_data(release_date=future, **{"action-publish": "1"}),
    )
    assert PublicationPage.objects.get(slug="kabupaten-maros-dalam-angka-2026").live


def test_new_form_shows_a_dash_for_what_the_pdf_will_fill(client, librarian, library):
    client.force_login(librarian)
    response = client.get(create_url(library))
    html = response.content.decode()
    softcopy = html[html.index('name="pdf"') :]
    assert "None" not in softcopy and "–" in softcopy


def test_edit_form_shows_the_stored_pdf_without_a_link(client, librarian):
    page = PublicationPageFactory()
    client.force_login(librarian)
    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert response.status_code == 200
    html = response.content.decode()
    assert page.pdf.name in html
    assert f'href="/{page.pdf.name}"' not in html and 'accept="application/pdf,.pdf"' in html


def test_librarian_schedules_a_release_that_stays_hidden_and_is_on_the_calendar(
    client, librarian, library
):
    client.force_login(librarian)
    go_live = timezone.localtime() + datetime.timedelta(days=3)
    response = client.post(
        create_url(library),
        form_data(
            pdf=upload("rotated_0_90.pdf"),
            go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
            **{"action-publish": "1"},
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    page = PublicationPage.objects.get(slug="kabupaten-maros-dalam-angka-2026")
    assert not page.live
    client.logout()
    assert client.get(page.url).status_code == 404
    calendar = client.get(reverse("library:release-calendar"))
    assert [r.title for r in calendar.context["releases"]] == ["Kabupaten Maros Dalam Angka 2026"]
    assert "Kependudukan" in calendar.content.decode()


def test_validation_errors_are_announced_in_indonesian(client, librarian, library):
    """Issue #15, finding 12: Wagtail's "The page could not be created due to validation errors."
    reached the librarian in English (Wagtail's id_ID catalogue is not loaded for "id")."""
    client.force_login(librarian)
    response = client.post(create_url(library), form_data(title="", **{"action-publish": "1"}))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Halaman belum dapat dibuat karena ada isian yang belum benar." in page
    assert "could not be created" not in page
