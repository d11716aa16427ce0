"""The reader's and the buyer's journeys with the keyboard alone (issue #18): Tab, Enter and
Space move and act, the focus shows at every stop, and the first stop is the skip link."""

from __future__ import annotations

from shop.order.models import Order
from tests.browser.a11y import focused_matches, tab_to
from tests.factories import UserFactory
from tests.factories.accounts import DEFAULT_PASSWORD
from tests.factories.billing import microdata_with_master
from tests.factories.library import SHARED_PDFS, PublicationPageFactory
from tests.factories.orders import pdf_bytes, png_bytes


def _press(page, key: str) -> None:
    with page.expect_navigation():
        page.keyboard.press(key)


def _sign_in_by_keyboard(page, email: str) -> None:
    page.goto("/toko/accounts/login/")
    tab_to(page, "[name=login-username]")
    page.keyboard.type(email)
    tab_to(page, "[name=login-password]")
    page.keyboard.type(DEFAULT_PASSWORD)
    _press(page, "Enter")
    assert "/accounts/login/" not in page.url


def _skip_link_first(page) -> None:
    page.keyboard.press("Tab")
    assert focused_matches(page, "a.pst-skip-link"), "the first Tab stop is not the skip link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_reader_searches_opens_reads_and_downloads_by_keyboard(page):
    from search import services

    publication = PublicationPageFactory(
        title="Statistik Kesejahteraan Rakyat 2025", pdf_path=SHARED_PDFS / "M1_pdkids.pdf"
    )
    services.search_reindex()
    _sign_in_by_keyboard(page, UserFactory().email)

    page.goto("/")
    _skip_link_first(page)
    page.goto("/")
    tab_to(page, "#pst-search-q")
    page.keyboard.type("kesejahteraan")
    _press(page, "Enter")
    assert "/cari/" in page.url

    tab_to(page, f"a[href='{publication.url}']")
    _press(page, "Enter")
    assert page.url.endswith(publication.url)

    tab_to(page, "#read-online")
    _press(page, "Enter")
    assert page.locator(".pst-reader-page").count() > 0

    tab_to(page, f".breadcrumb a[href='{publication.url}']")
    _press(page, "Enter")
    tab_to(page, "#download-form button[type=submit]")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".pdf")


def test_buyer_adds_to_basket_and_checks_out_by_keyboard(page):
    # microdata: the checkout asks for the abstraksi and the SPPD (a publication needs no file)
    product = microdata_with_master(title="Sakernas Uji 2025")
    buyer = UserFactory(email="rina.hapsari@contoh.ac.id")
    _sign_in_by_keyboard(page, buyer.email)

    page.goto(product.get_absolute_url())
    # the whole dataset, as the form offers it; adding the selection opens the basket
    tab_to(page, "#microdata-form button[type=submit]")
    _press(page, "Enter")
    assert page.url.endswith("/toko/basket/")
    assert "Sakernas Uji 2025" in page.locator("#basket_formset").inner_text()

    tab_to(page, "a[href$='/toko/checkout/']")
    _press(page, "Enter")
    assert page.url.endswith("/toko/checkout/payment-details/")

    tab_to(page, "[name=purpose]")
    page.keyboard.type("Bahan penelitian tesis tentang ekonomi daerah")
    uploads = {
        "doc_abstraksi": {"name": "abstraksi.png", "mimeType": "image/png", "buffer": png_bytes()},
        "doc_sppd": {"name": "sppd.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()},
    }
    # in the order the Tab key meets them (the SPPD comes first), never round the page again
    in_page_order = page.eval_on_selector_all(
        "input[type=file]:not([hidden] *)", "inputs => inputs.map(input => input.name)"
    )
    assert set(in_page_order) == set(uploads), in_page_order
    # One handler for the whole form keeps Playwright's file-chooser interception on from the
    # first key press to the last; ``expect_file_chooser`` per field switched it off and on
    # between the fields, and once in CI the second Space opened no chooser it could see.
    chosen = []

    def choose(chooser):
        name = chooser.element.get_attribute("name")
        chosen.append(name)
        chooser.set_files(uploads[name])

    page.on("filechooser", choose)
    for name in in_page_order:
        tab_to(page, f"[name={name}]")
        page.keyboard.press("Space")
        # the chooser the key opened has closed and the field holds the file before the next key
        page.wait_for_function(f"document.querySelector('[name={name}]').files.length === 1")
    page.remove_listener("filechooser", choose)
    assert chosen == in_page_order  # each file came through the chooser its own key opened
    tab_to(page, "[name=confirm_quote]")
    page.keyboard.press("Space")
    assert page.is_checked("[name=confirm_quote]")
    tab_to(page, "#place-order")
    _press(page, "Enter")
    assert page.locator("#order-submitted").is_visible()
    assert Order.objects.filter(user=buyer).count() == 1
