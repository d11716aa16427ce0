"""One order from the basket to the invoice in chromium (issue #7 "Done when"): the buyer
confirms the quote, states the purpose, uploads the documents (a wrong file first), the officer
checks them and issues the invoice, and the buyer finds the invoice on the order page."""

from __future__ import annotations

from pst import roles
from shop.order.models import Order
from shop.order.workflow import OrderStatus
from tests.factories import UserFactory, user_with_role
from tests.factories.accounts import DEFAULT_PASSWORD
from tests.factories.catalogue import microdata_product
from tests.factories.orders import basket_with, pdf_bytes, png_bytes


def _login(page, email: str) -> None:
    page.goto("/toko/accounts/login/")
    page.fill("[name=login-username]", email)
    page.fill("[name=login-password]", DEFAULT_PASSWORD)
    with page.expect_navigation():
        page.click("[name=login_submit]")


def _click(page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


def _file(name: str, content: bytes, mime: str = "application/pdf") -> dict:
    return {"name": name, "mimeType": mime, "buffer": content}


def test_order_from_basket_to_invoice(page, browser, live_server):
    buyer = UserFactory(email="rina.hapsari@contoh.ac.id")
    officer = user_with_role(roles.OFFICER, email="petugas@bps.example.go.id")
    # microdata: the abstraksi and SPPD to upload (a publication alone needs none, issue #17)
    basket_with(buyer, [microdata_product(title="Sakernas Uji 2025")])

    # the buyer: basket -> requirements page
    _login(page, buyer.email)
    page.goto("/toko/basket/")
    _click(page, "a[href$='/toko/checkout/']")
    assert page.url.endswith("/toko/checkout/payment-details/")
    assert "24.800" in page.locator("#checkout-quote").inner_text()  # the full set
    assert not page.locator("[name=doc_identity]").count()  # no identity card online

    # a wrong abstraksi file: refused with a message, the rest kept
    page.fill("[name=purpose]", "Bahan penelitian tesis tentang ekonomi daerah")
    page.set_input_files("[name=doc_abstraksi]", _file("abstraksi.pdf", b"bukan pdf"))
    page.set_input_files("[name=doc_sppd]", _file("sppd.pdf", pdf_bytes()))
    page.check("[name=confirm_quote]")
    _click(page, "#place-order")
    assert page.locator("#doc-abstraksi .invalid-feedback").is_visible()
    assert page.input_value("[name=purpose]") == "Bahan penelitian tesis tentang ekonomi daerah"
    assert "sppd.pdf" in page.locator("#doc-sppd").inner_text()
    assert not Order.objects.exists()

    page.set_input_files("[name=doc_abstraksi]", _file("abstraksi.png", png_bytes(), "image/png"))
    page.check("[name=confirm_quote]")
    _click(page, "#place-order")
    assert page.locator("#order-submitted").is_visible()
    order = Order.objects.get()
    assert order.status == OrderStatus.SUBMITTED

    # the officer, in another browser context: queue -> desk -> verify -> invoice
    context = browser.new_context(base_url=live_server.url, locale="id-ID")
    officer_page = context.new_page()
    _login(officer_page, officer.email)
    officer_page.goto("/toko/dashboard/orders/")
    _click(officer_page, f"#order-queue a:has-text('{order.number}')")
    documents = officer_page.locator("#order-documents .document-row")
    assert documents.count() == 2
    response = officer_page.request.get(documents.first.locator("a").get_attribute("href"))
    assert response.status == 200
    _click(officer_page, "#start-review")
    _click(officer_page, "#verify")
    _click(officer_page, "#issue-invoice")
    assert officer_page.locator("#order-status").inner_text().strip()
    context.close()
    order.refresh_from_db()
    assert order.status == OrderStatus.INVOICED
    invoice = order.current_invoice

    # the buyer sees the invoice and opens the PDF
    page.goto(f"/toko/accounts/orders/{order.number}/")
    assert invoice.number in page.locator("#order-invoices").inner_text()
    pdf = page.request.get(page.locator("#order-invoices a").first.get_attribute("href"))
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF-")
    assert page.locator("#correction-form").is_visible()
