"""Issue #4 in a real browser: a reader reads online and downloads a stamped copy (logged), is
refused before verification and after the rate limit; a scheduled publication stays hidden
until release; a librarian uploads a PDF from ../shared/pdfs in the Wagtail admin and publishes
it, and the file that needs a user password is refused with a message."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify

import watermark
from library.models import Download, PublicationPage
from pst import roles
from pst.watermark_messages import refusal_text
from search import services as search_services
from tests.browser.steps import JOURNEY_LANGUAGES, click, tr
from tests.factories import UserFactory, user_with_role
from tests.factories.accounts import DEFAULT_PASSWORD
from tests.factories.library import (
    SHARED_PDFS,
    PublicationPageFactory,
    RegionFactory,
    SubjectFactory,
    library_structure,
)


def login(page, user) -> None:
    page.goto("/toko/accounts/login/")
    page.fill("[name=login-username]", user.email)
    page.fill("[name=login-password]", DEFAULT_PASSWORD)
    with page.expect_navigation():
        page.click("[name=login_submit]")


@pytest.mark.parametrize("language", JOURNEY_LANGUAGES)
def test_reader_journey(sign_in, shots, tmp_path, language):
    """The reader: login, the e-pustaka they land on, search, the publication, reading online,
    the stamped copy, and the download history from the account menu."""
    reader = UserFactory(full_name="Rina Marlina")
    publication = PublicationPageFactory(
        title="Statistik Kesejahteraan 2025", pdf_path=SHARED_PDFS / "M1_pdkids.pdf"
    )
    search_services.search_reindex()
    page = sign_in(reader, shots=shots, language=language)
    assert urlsplit(page.url).path == "/pustaka/"

    page.fill("#pst-search-q", "kesejahteraan")
    with page.expect_navigation():
        page.press("#pst-search-q", "Enter")
    shots(page, "search-results")
    click(page, ".pst-search-hit h2 a")
    assert urlsplit(page.url).path == publication.url
    shots(page, "publication")

    click(page, "#read-online")
    first = page.locator("#hal-1 img")
    assert first.get_attribute("loading") == "lazy"
    page.wait_for_function(
        "document.querySelector('#hal-1 img').complete"
        " && document.querySelector('#hal-1 img').naturalWidth > 0"
    )
    assert page.locator(".pst-reader-page").count() == 10
    # Lazy: the space of every page is reserved, so pages far below are not fetched yet.
    assert page.evaluate("document.querySelector('#hal-10 img').naturalWidth") == 0
    shots(page, "read-online")
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.locator("a[rel=next]").first.click()
    assert page.locator("#hal-11").is_visible()
    assert page.locator("#hal-1").count() == 0

    page.go_back(wait_until="domcontentloaded")
    page.go_back(wait_until="domcontentloaded")
    assert urlsplit(page.url).path == publication.url
    with page.expect_download() as info:
        page.click("#download-form button[type=submit]")
    download = info.value
    assert download.suggested_filename == f"1102001.7300-{publication.slug}.pdf"
    path = tmp_path / "salinan.pdf"
    download.save_as(path)
    record = Download.objects.get(reader=reader)
    assert watermark.trace(path.read_bytes()).download_id == record.download_id

    click(page, f"a:has-text('{tr(language, 'Account')}')")
    shots(page, "account")
    click(page, "#download-history-link")
    row = page.locator(f"#unduhan-{record.download_id}")
    assert "Statistik Kesejahteraan 2025" in row.inner_text()
    shots(page, "download-history")
    row.locator("input[name=score][value='5']").check()
    with page.expect_navigation():
        row.locator("button[type=submit]").click()
    assert (
        tr(language, "%(score)s of 5") % {"score": 5}
        in page.locator(f"#unduhan-{record.download_id}").inner_text()
    )
    shots(page, "rated")


def test_unverified_reader_cannot_download_or_read(page):
    publication = PublicationPageFactory()
    login(page, UserFactory(unverified=True))
    page.goto(publication.url)
    assert page.locator("#download-unverified").is_visible()
    assert page.locator("#download-form").count() == 0
    assert page.locator("#read-online").count() == 0
    page.goto(reverse("library:read", args=[publication.pk]))
    assert urlsplit(page.url).path == publication.url
    assert not Download.objects.exists()


def test_reader_over_the_rate_limit_gets_a_clear_message(page, settings):
    settings.PST_DOWNLOAD_RATE_LIMIT = (1, 3600)
    publication = PublicationPageFactory()
    login(page, UserFactory())
    page.goto(publication.url)
    with page.expect_download():
        page.click("#download-form button[type=submit]")
    page.goto(publication.url)
    with page.expect_navigation():
        page.click("#download-form button[type=submit]")
    message = page.locator("#rate-limited").inner_text()
    assert "batas" in message.lower()
    assert Download.objects.count() == 1


def test_scheduled_publication_stays_hidden_until_release(page):
    scheduled = PublicationPageFactory(
        title="Inflasi Desember 2026", scheduled=True, subjects=[SubjectFactory(name="Harga")]
    )
    login(page, UserFactory())
    response = page.goto(scheduled.url)
    assert response.status == 404
    page.goto(library_structure().library.url)
    assert "Inflasi Desember 2026" not in page.content()
    page.click("#release-calendar-link")
    calendar = page.locator("#release-calendar").inner_text()
    assert "Inflasi Desember 2026" in calendar and "Harga" in calendar


def _fill_publication_form(page, *, title: str, pdf) -> None:
    region = RegionFactory()
    page.fill("[name=title]", title)
    # Wagtail's script fills the slug from the title only once it has loaded; a fast test can
    # publish before that and get "this field is required". Set it as the script would.
    page.locator("[name=slug]").evaluate("(input, slug) => { input.value = slug; }", slugify(title))
    page.fill("[name=release_date]", "2026-02-27")
    page.keyboard.press("Escape")
    # The region is a snippet chooser (a modal); set its hidden input as choosing would.
    page.locator("[name=region]").evaluate("(input, pk) => { input.value = pk; }", str(region.pk))
    page.set_input_files("[name=pdf]", str(pdf))


def _publish(page) -> None:
    with page.expect_navigation():
        page.locator("[name=action-publish]").evaluate("button => button.click()")


@pytest.fixture
def librarian_in_admin(page):
    library = library_structure().library
    librarian = user_with_role(roles.LIBRARIAN)
    page.goto("/cms/login/")
    page.fill("[name=username]", librarian.email)
    page.fill("[name=password]", DEFAULT_PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")
    page.goto(reverse("wagtailadmin_pages:add", args=("library", "publicationpage", library.pk)))
    return page


@pytest.mark.parametrize("language", JOURNEY_LANGUAGES)
def test_pustakawan_journey(sign_in, shots, tmp_path, language):
    """The librarian: from the login page to the Wagtail admin they land on, through the page
    explorer to a new publication under the e-pustaka; a file that is not a PDF is refused with
    the reason, the real PDF is published and the public page shows what was read from it."""
    library = library_structure().library
    librarian = user_with_role(roles.LIBRARIAN)
    not_a_pdf = tmp_path / "laporan.pdf"
    not_a_pdf.write_bytes(b"%PDF-1.4\nrusak sama sekali")

    page = sign_in(librarian, shots=shots, language=language)
    assert urlsplit(page.url).path == reverse("wagtailadmin_home")
    click(page, "main a[href^='/cms/pages/']")  # the summary's count of the pages they keep
    assert urlsplit(page.url).path == reverse("wagtailadmin_explore", args=[library.pk])
    shots(page, "e-pustaka")
    click(page, f"a[href='{reverse('wagtailadmin_pages:add_subpage', args=[library.pk])}']")
    shots(page, "new-page")

    _fill_publication_form(page, title="Statistik Uji Browser", pdf=not_a_pdf)
    shots(page, "form-bad-file")
    _publish(page)
    with translation.override(language):  # the refusal in the page's language
        assert refusal_text(watermark.UnreadablePdf()) in page.content()
    assert not PublicationPage.objects.live().filter(slug="statistik-uji-browser").exists()
    shots(page, "bad-file-refused")
    # Nothing was kept of the refused form: no draft without its file (autosave is off).
    assert not PublicationPage.objects.filter(slug="statistik-uji-browser").exists()

    page.set_input_files("[name=pdf]", str(SHARED_PDFS / "M1_pdkids.pdf"))
    _publish(page)
    page.wait_for_selector(".messages .success")  # published, not sent back with errors
    shots(page, "published")
    publication = PublicationPage.objects.get(slug="statistik-uji-browser")
    assert publication.live and publication.page_count == 55 and publication.cover_id
    click(page, f".messages a[href='{publication.url}']")  # "view live"
    assert "55" in page.locator("#record").inner_text()
    assert page.locator("#cover").is_visible()
    shots(page, "public-page")


def test_encrypted_file_is_refused_with_a_message(librarian_in_admin):
    page = librarian_in_admin
    _fill_publication_form(
        page, title="Statistik Uji Browser", pdf=SHARED_PDFS / "enc_userpassword.pdf"
    )
    _publish(page)
    assert "kata sandi" in page.content()
    assert not PublicationPage.objects.filter(slug="statistik-uji-browser").exists()
