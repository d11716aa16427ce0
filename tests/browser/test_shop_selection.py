"""A buyer narrows a microdata set on its product page: the estimate follows live (priced by the
server), the search filters the codebook, and the basket shows the quoted selection (issue #6)."""

from __future__ import annotations

from tests.factories.catalogue import microdata_product


def test_select_variables_and_regions_with_live_estimate(page):
    product = microdata_product()
    page.goto(product.get_absolute_url())
    estimate = page.locator("[data-estimate-total]")
    size = page.locator("[data-estimate-size]")
    # Full set: 40.000 records x 31 bytes = 1.240.000 bytes -> 20.000 + 240 x 20.
    page.wait_for_function(
        "document.querySelector('[data-estimate-total]').textContent.includes('24.800')"
    )
    assert "1.240.000" in size.text_content()

    page.fill("#variable-filter", "upah")
    assert page.locator("[data-variable*='b7r12']").is_visible()
    assert not page.locator("[data-variable*='b4k4']").is_visible()
    page.fill("#variable-filter", "")

    page.uncheck("#var-B7R12")
    page.uncheck("#var-WEIGHT")
    page.uncheck("#reg-7315")
    # 30.000 x (5 + 2 + 3) = 300.000 bytes: the first MB only.
    page.wait_for_function(
        "document.querySelector('[data-estimate-size]').textContent.includes('300.000')"
    )
    assert "20.000" in estimate.text_content()

    page.uncheck("#reg-7371")
    page.wait_for_selector("[data-estimate-error]:not([hidden])")
    page.check("#reg-7371")

    with page.expect_navigation():
        page.click("#microdata-form button[type=submit]")
    assert page.url.endswith("/toko/basket/")
    quotes = page.locator("#pnbp-basket-quotes").text_content()
    assert "300.000 byte" in quotes
    assert "PP 13/2024" in quotes
