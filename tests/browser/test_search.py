"""The header search box in chromium: titles suggested as you type, results with highlights,
a facet click narrows (issue #5)."""

from __future__ import annotations

from search import services
from tests.factories.search import build_catalogue


def test_header_box_autocomplete_results_and_facet(page):
    build_catalogue()
    services.search_reindex()
    page.goto("/pustaka/")
    box = page.locator("#pst-search-q")
    box.press_sequentially("indeks pemb", delay=30)
    option = page.locator("#pst-search-suggestions option")
    option.first.wait_for(state="attached")
    assert option.first.get_attribute("value") == (
        "Indeks Pembangunan Manusia Kabupaten Pinrang 2023"
    )
    box.fill("pinrang")
    with page.expect_navigation():
        box.press("Enter")
    assert page.url.endswith("/cari/?q=pinrang")
    assert page.locator(".pst-search-hit").count() == 2
    assert page.locator(".pst-search-hit mark").first.inner_text() == "Pinrang"
    with page.expect_navigation():
        page.click("a[data-facet=type][data-value=peta-wks]")
    assert page.locator(".pst-search-hit").count() == 1
    assert "Peta WKS Kabupaten Pinrang" in page.locator(".pst-search-hit h2").inner_text()


def test_a_misspelt_query_shows_corrected_results_and_a_way_back(page, shots):
    """Issue #21: "indeks pembangnan manusia" finds nothing as typed; the page shows the
    corrected results, says so, and links to the words exactly as typed."""
    build_catalogue()
    services.search_reindex()
    page.goto("/cari/?q=indeks+pembangnan+manusia")
    notice = page.locator(".pst-corrected")
    assert notice.inner_text() == (
        "Menampilkan hasil untuk indeks pembangunan manusia · cari tetap indeks pembangnan manusia"
    )
    assert page.locator(".pst-search-hit").count() >= 1
    shots(page, "corrected")
    with page.expect_navigation():
        notice.locator("a").click()
    assert "persis=1" in page.url
    assert page.locator(".pst-search-hit").count() == 0
    assert page.locator(".pst-did-you-mean a").inner_text() == "indeks pembangunan manusia"
    shots(page, "exact")
