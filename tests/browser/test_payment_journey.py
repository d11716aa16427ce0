"""One microdata order from invoice to downloaded file in chromium, with the bank (the SIMPONI
simulator's teller) and the bendahara as the other actors (issue #8, "Done when")."""

from __future__ import annotations

import zipfile

from django.urls import reverse

from pst import roles
from shop.billing.models import Payment, Receipt
from tests.factories import user_with_role
from tests.factories.accounts import DEFAULT_PASSWORD
from tests.factories.billing import invoiced_order, microdata_with_master

SELECTION = {"variables": "region_code,B4K4,B7R12", "regions": "7371"}


def _actor(browser, live_server, user):
    context = browser.new_context(base_url=live_server.url, locale="id-ID")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/toko/accounts/login/")
    page.fill("[name=login-username]", user.email)
    page.fill("[name=login-password]", DEFAULT_PASSWORD)
    with page.expect_navigation():
        page.click("[name=login_submit]")
    return page


def test_microdata_order_from_invoice_to_downloaded_file(browser, live_server, tmp_path):
    order = invoiced_order(products=[microdata_with_master()], options=SELECTION)
    order_url = reverse("customer:order", kwargs={"order_number": order.number})

    buyer = _actor(browser, live_server, order.user)
    buyer.goto(order_url)
    with buyer.expect_navigation():
        buyer.click("[name=create_billing]")
    code = buyer.locator("#billing-code").inner_text().strip()
    assert len(code) == 15 and code[0] in "789"

    bank = buyer  # the demo bank stands for the buyer's own bank (issue #15, finding 1)
    bank.goto("/bayar/simulator/teller/")
    bank.fill("[name=code]", code)
    with bank.expect_navigation():
        bank.click("[name=pay]")
    ntpn = bank.locator("#ntpn").inner_text().strip()
    assert Payment.objects.get().ntpn == ntpn

    treasurer = _actor(browser, live_server, user_with_role(roles.TREASURER))
    treasurer.goto("/bayar/bendahara/")
    with treasurer.expect_navigation():
        treasurer.click(f"[name='issue-{order.current_invoice.number}']")
    receipt = Receipt.objects.get()
    assert receipt.number in treasurer.content()

    buyer.goto(order_url)
    assert ntpn in buyer.locator("#payment-status").inner_text()
    assert receipt.number in buyer.locator("#receipt").inner_text()
    with buyer.expect_download() as kuitansi:
        buyer.click("#receipt-download")
    assert kuitansi.value.path().read_bytes().startswith(b"%PDF")
    with buyer.expect_download() as download:
        buyer.click("#deliveries [name=download]")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    archive = zipfile.ZipFile(saved)
    assert set(archive.namelist()) == {"data.csv", "codebook.csv", "TANDA.txt"}
    assert archive.read("data.csv").splitlines()[0] == b"7371,1,002500000"
    assert order.number in archive.read("TANDA.txt").decode()
    order.refresh_from_db()
    assert order.status == "delivered"
