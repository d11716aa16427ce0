"""What a buyer reads on the basket, the checkout and the tariff page, in chromium, in both
languages and at both widths (issue #17, part B): names not codes, one date and number format,
no quantity box for a digital item, a publication checkout without SPPD, the tariff's legal
source. Screenshots go to ``test-results/<test>/`` through the shared ``shots`` fixture, beside
the role journeys', to be looked at.
"""

from __future__ import annotations

import pytest

from tests.factories import UserFactory
from tests.factories.catalogue import microdata_product, publication_product
from tests.factories.orders import basket_with

WIDTHS = (1366, 390)
SELECTION = {"variables": "B4K4,B7R12", "regions": "7371"}


def _context(browser, live_server, language: str, width: int):
    context = browser.new_context(
        base_url=live_server.url, locale="id-ID", viewport={"width": width, "height": 900}
    )
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    context.set_default_timeout(15_000)
    return context


@pytest.mark.parametrize("language", ["id", "en"])
def test_basket_names_the_selection_and_asks_no_quantity(
    browser, live_server, sign_in, shots, language
):
    buyer = UserFactory()
    basket_with(buyer, [microdata_product()], options=SELECTION)
    for width in WIDTHS:
        context = _context(browser, live_server, language, width)
        page = context.new_page()
        sign_in(buyer, page=page)
        page.goto("/toko/basket/")
        line = page.locator("#basket_formset").inner_text()
        assert "Jenis kelamin, Upah sebulan" in line and "Kota Makassar" in line
        assert "B4K4" not in line and "7371" not in line
        assert page.locator("#basket_formset input[type=number]").count() == 0
        shots(page, f"basket-{width}")
        context.close()


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_publication_checkout_asks_for_no_sppd(browser, live_server, sign_in, shots, language):
    buyer = UserFactory()
    basket_with(buyer, [publication_product(title="Statistik Daerah Uji 2026")])
    for width in WIDTHS:
        context = _context(browser, live_server, language, width)
        page = context.new_page()
        sign_in(buyer, page=page)
        page.goto("/toko/checkout/payment-details/")
        assert page.locator("[name=doc_sppd]").count() == 0
        assert page.locator("[name=doc_identity]").count() == 0
        assert not page.locator("#doc-cover_letter").is_visible()  # until Rp0 is ticked
        shots(page, f"checkout-{width}")
        context.close()


@pytest.mark.parametrize(
    ("language", "in_force"),
    [("id", "berlaku sejak 1 Maret 2024"), ("en", "in force from 1 March 2024")],
)
def test_the_tariff_page_states_its_legal_source(browser, live_server, shots, language, in_force):
    for width in WIDTHS:
        context = _context(browser, live_server, language, width)
        page = context.new_page()
        page.goto("/tarif-pnbp/")
        text = page.inner_text("body")
        assert "Peraturan Pemerintah Nomor 13 Tahun 2024" in text and in_force in text
        assert "unofficial" not in text and "asumsi" not in text
        shots(page, f"tariff-{width}")
        context.close()
