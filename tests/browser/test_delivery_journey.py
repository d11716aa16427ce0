"""The buyer's delivery journey in chromium (issue #20, "Done when": the buyer downloads the
sample before paying and the microdata after paying): a microdata order the officer invoiced;
the buyer downloads the sample ZIP from the order page, gets a kode billing and pays at the demo
bank; the bendahara issues the kuitansi from her desk; the microdata line shows it is held for
the signed SPPD; the buyer uploads it, the line shows ready, the buyer downloads the ZIP (and
is e-mailed once that it is ready). Each state photographed at 1280 and 390 px."""

from __future__ import annotations

import io
import zipfile
from urllib.parse import urlsplit

import pytest
from django.core import mail

from pst import roles
from shop.delivery.models import DeliveryItem
from shop.treasury.models import Payment, Receipt
from tests.browser.a11y import axe_findings, horizontal_overflow
from tests.browser.steps import JOURNEY_LANGUAGES, click, tr
from tests.factories import UserFactory, user_with_role
from tests.factories.billing import invoiced_order, microdata_with_master
from tests.factories.orders import pdf_bytes

SELECTION = {"variables": "region_code,B4K5,B7R12", "regions": "7371"}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 720}


def _both_widths(page, shots, step: str) -> None:
    """The step at desktop width, then on a phone (the table stacks its rows); no serious axe
    finding at either, nothing scrolling sideways on the phone."""
    shots(page, step)
    assert axe_findings(page, door=step, view="1280") == []
    page.set_viewport_size(PHONE)
    try:
        assert horizontal_overflow(page) == 0, f"{step}: the page scrolls sideways on a phone"
        shots(page, f"{step}-390")
        assert axe_findings(page, door=step, view="390") == []
    finally:
        page.set_viewport_size(DESKTOP)


def _state(page, title: str) -> str:
    return page.locator(f"#deliveries tr.line-delivery:has-text('{title}')").get_attribute(
        "data-state"
    )


@pytest.mark.parametrize("language", JOURNEY_LANGUAGES)
def test_buyer_downloads_the_sample_before_paying_and_the_microdata_after(
    sign_in, shots, settings, tmp_path, language
):
    settings.PST_HOLD_MICRODATA_UNTIL_SPPD = True
    buyer = UserFactory(email="rina.hapsari@contoh.ac.id", full_name="Rina Hapsari")
    treasurer = user_with_role(roles.TREASURER)
    title = "Sakernas Uji 2025"
    order = invoiced_order(
        buyer=buyer, products=[microdata_with_master(title=title)], options=SELECTION
    )

    page = sign_in(buyer, shots=shots, language=language)
    click(page, f"a.nav-link:has-text('{tr(language, 'Payment')}')")
    click(page, f"#open-bills a[href$='/{order.number}/']")
    assert urlsplit(page.url).path.endswith(f"/{order.number}/")
    _both_widths(page, shots, "invoiced-with-sample")

    # the sample, before paying: packed as the delivery is, naming the buyer
    sample_link = page.locator("#order-documents .document-row[data-kind=sample_package] a")
    sample = page.request.get(sample_link.get_attribute("href"))
    assert sample.status == 200
    archive = zipfile.ZipFile(io.BytesIO(sample.body()))
    names = archive.namelist()
    assert any(n.endswith("/sampel.csv") for n in names), names
    assert any(n.endswith("/codebook.csv") for n in names), names
    assert "TANDA.txt" in names and "Rina Hapsari" in archive.read("TANDA.txt").decode()
    sampel = archive.read(next(n for n in names if n.endswith("/sampel.csv"))).splitlines()
    assert sampel[0] == b"region_code,B4K5,B7R12" and sampel[1] == b"7371,25,002500000"
    assert not page.locator("#deliveries").count()  # nothing to deliver before the payment

    # pay: a kode billing, then the demo bank
    click(page, "[name=create_billing]")
    code = page.locator("#billing-code").inner_text().strip()
    click(page, f"a.nav-link:has-text('{tr(language, 'Payment')}')")
    click(page, "#demo-bank a")
    page.fill("[name=code]", code)
    click(page, "[name=pay]")
    assert Payment.objects.get().ntpn == page.locator("#ntpn").inner_text().strip()

    # the bendahara issues the kuitansi from her desk (which offers the files)
    desk = sign_in(treasurer, language=language)
    click(desk, ".pst-treasury-nav a[href='/bendahara/pembayaran/']")
    click(desk, f"[name='issue-{order.current_invoice.number}']")
    assert Receipt.objects.filter(invoice__order=order).exists()
    shots(desk, "kuitansi-issued-microdata-held")

    # the microdata waits for the signed SPPD, and the page says so
    click(page, f"a:has-text('{tr(language, 'Back to my bills')}')")
    assert page.locator("#receipts tr.line-delivery[data-state=held_sppd]").count() == 1
    shots(page, "pay-page-held")
    click(page, f"#receipts a:has-text('{tr(language, 'Files of the order')}')")
    assert _state(page, title) == "held_sppd"
    assert "SPPD" in page.locator("#deliveries").inner_text()
    assert not page.locator("#deliveries [name=download]").count()
    _both_widths(page, shots, "held-for-sppd")

    sppd = tmp_path / "sppd-bertanda-tangan.pdf"
    sppd.write_bytes(pdf_bytes())
    page.set_input_files("#id_sppd", str(sppd))
    click(page, "form[action$='/sppd/'] button[type=submit]")
    assert _state(page, title) == "ready"
    left = page.locator("#deliveries .downloads-left").inner_text()
    assert "5" in left
    _both_widths(page, shots, "ready")
    ready_mails = [m for m in mail.outbox if order.number in m.subject and m.to == [buyer.email]]
    assert len([m for m in ready_mails if "siap diunduh" in m.subject]) == 1

    with page.expect_download() as download:
        page.click("#deliveries [name=download]")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    delivered = zipfile.ZipFile(saved)
    assert set(delivered.namelist()) == {"data.csv", "codebook.csv", "TANDA.txt"}
    assert delivered.read("data.csv").splitlines()[0] == b"7371,25,002500000"
    assert "Rina Hapsari" in delivered.read("TANDA.txt").decode()

    page.reload()
    assert _state(page, title) == "delivered"
    assert DeliveryItem.objects.get(order=order).downloads.count() == 1
    _both_widths(page, shots, "downloaded")
