"""The buyer's and the petugas's journeys in chromium (issue #16), each from the login page and
the role's own landing, by the links and buttons a person sees: the buyer orders a publication
and a microdata cut with a selection, uploads the documents (a wrong file first), gets the
invoice, the kode billing, pays at the demo bank, gets the kuitansi and downloads the files;
the petugas verifies the documents, issues the invoice and marks a paid order delivered."""

from __future__ import annotations

import zipfile
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from pst import roles
from shop.delivery import services as delivery_services
from shop.order import services as order_services
from shop.order.models import Order
from shop.order.workflow import OrderStatus
from shop.treasury import services as treasury_services
from shop.treasury.models import Payment
from tests.browser.steps import JOURNEY_LANGUAGES, click, tr
from tests.factories import UserFactory, user_with_role
from tests.factories.billing import bank_paid, billed_order, microdata_with_master
from tests.factories.catalogue import deliverable_wks_product, publication_product
from tests.factories.library import SHARED_PDFS, PublicationPageFactory
from tests.factories.orders import pdf_bytes, png_bytes, submitted_order


def _file(name: str, content: bytes, mime: str = "application/pdf") -> dict:
    return {"name": name, "mimeType": mime, "buffer": content}


@pytest.mark.parametrize("language", JOURNEY_LANGUAGES)
def test_buyer_journey(sign_in, shots, tmp_path, language):
    buyer = UserFactory(email="rina.hapsari@contoh.ac.id", full_name="Rina Hapsari")
    officer = user_with_role(roles.OFFICER)
    treasurer = user_with_role(roles.TREASURER)
    page_of_record = PublicationPageFactory(
        title="Statistik Daerah Uji 2026", pdf_path=SHARED_PDFS / "M1_pdkids.pdf", is_free=False
    )
    publication = publication_product(title="Statistik Daerah Uji 2026", page=page_of_record)
    microdata = microdata_with_master(title="Sakernas Uji 2025")

    page = sign_in(buyer, shots=shots, language=language)
    products = f"#pstNav a:has-text('{tr(language, 'Statistical products')}')"
    click(page, products)
    shots(page, "catalogue")
    click(page, f"a[href='{publication.get_absolute_url()}']")
    shots(page, "publication-product")
    click(page, "#add_to_basket_form button[type=submit]")
    shots(page, "basket-one")

    click(page, products)
    click(page, f"a[href='{microdata.get_absolute_url()}']")
    page.uncheck("#var-B4K4")
    page.uncheck("#var-WEIGHT")
    page.uncheck("#reg-7315")
    page.wait_for_selector("[data-estimate-total]:not(:empty)")
    shots(page, "microdata-selection")
    click(page, "#microdata-form button[type=submit]")
    assert urlsplit(page.url).path == "/toko/basket/"
    shots(page, "basket-two")

    click(page, "a[href$='/toko/checkout/']")
    assert urlsplit(page.url).path == "/toko/checkout/payment-details/"
    page.fill("[name=purpose]", "Bahan penelitian tesis tentang ketenagakerjaan daerah")
    assert not page.locator("[name=doc_identity]").count()  # no identity card online (#17)
    page.set_input_files("[name=doc_abstraksi]", _file("abstraksi.pdf", b"bukan pdf"))
    page.set_input_files("[name=doc_sppd]", _file("sppd.pdf", pdf_bytes()))
    page.check("[name=confirm_quote]")
    shots(page, "requirements")
    click(page, "#place-order")
    assert page.locator("#doc-abstraksi .invalid-feedback").is_visible()
    assert "sppd.pdf" in page.locator("#doc-sppd").inner_text()  # the rest is kept
    assert not Order.objects.exists()
    shots(page, "wrong-file-refused")
    page.set_input_files("[name=doc_abstraksi]", _file("abstraksi.png", png_bytes(), "image/png"))
    page.check("[name=confirm_quote]")
    click(page, "#place-order")
    assert page.locator("#order-submitted").is_visible()
    shots(page, "submitted")

    # the petugas's part (their own journey walks it in the browser)
    order = Order.objects.get()
    order = order_services.order_start_review(order=order, officer=officer)
    order = order_services.order_verify_documents(order=order, officer=officer)
    order = order_services.order_issue_invoice(order=order, officer=officer)

    click(page, "#order-page-link")
    assert order.current_invoice.number in page.locator("#order-invoices").inner_text()
    shots(page, "invoice")
    pdf = page.request.get(page.locator("#order-invoices a").first.get_attribute("href"))
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF-")
    click(page, "[name=create_billing]")
    code = page.locator("#billing-code").inner_text().strip()
    assert len(code) == 15 and code[0] in "789"
    shots(page, "kode-billing")

    click(page, f"a.nav-link:has-text('{tr(language, 'Payment')}')")
    assert code in page.locator("#open-bills").inner_text()
    shots(page, "pay-page")
    click(page, "#demo-bank a")
    page.fill("[name=code]", code)
    shots(page, "demo-bank")
    click(page, "[name=pay]")
    ntpn = page.locator("#ntpn").inner_text().strip()
    assert Payment.objects.get().ntpn == ntpn
    shots(page, "paid")

    # the bendahara issues the kuitansi, which offers the files (as their button does)
    treasury_services.receipt_issue(payment=Payment.objects.get(), by=treasurer)
    delivery_services.delivery_prepare(order=order, by=treasurer)

    click(page, f"a:has-text('{tr(language, 'Back to my bills')}')")
    shots(page, "pay-page-receipt")
    click(page, f"#receipts a:has-text('{tr(language, 'Files of the order')}')")
    assert ntpn in page.locator("#payment-status").inner_text()
    shots(page, "order-paid")
    with page.expect_download() as kuitansi:
        page.click("#receipt-download")
    assert kuitansi.value.path().read_bytes().startswith(b"%PDF")
    files = page.locator("#deliveries [name=download]")
    assert files.count() == 2
    saved = []
    for index in range(2):
        with page.expect_download() as download:
            files.nth(index).click()
        saved.append(tmp_path / download.value.suggested_filename)
        download.value.save_as(saved[-1])
    archive = zipfile.ZipFile(next(p for p in saved if p.suffix == ".zip"))
    assert set(archive.namelist()) == {"data.csv", "codebook.csv", "TANDA.txt"}
    assert archive.read("data.csv").splitlines()[0] == b"7371,25,002500000"  # the selection
    assert order.number in archive.read("TANDA.txt").decode()
    assert next(p for p in saved if p.suffix == ".pdf").read_bytes().startswith(b"%PDF")
    page.reload()
    shots(page, "downloaded")
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED


@pytest.mark.parametrize("language", JOURNEY_LANGUAGES)
def test_petugas_journey(sign_in, shots, language, settings):
    officer = user_with_role(roles.OFFICER)
    treasurer = user_with_role(roles.TREASURER)
    # microdata: its abstraksi and SPPD are the two documents to verify
    waiting = submitted_order(
        products=[microdata_with_master(title="Susenas Uji 2025")],
        purpose="Bahan penelitian skripsi tentang inflasi daerah",
    )
    # paid, kuitansi issued: a map the officer hands over, and microdata held until the
    # buyer's signed SPPD (issue #20: "mark delivered" is refused while a line is held)
    settings.PST_HOLD_MICRODATA_UNTIL_SPPD = True
    paid, billing = billed_order(products=[deliverable_wks_product(title="Peta WKS Uji")])
    payment = bank_paid(billing, ntpn="0A1B2C3D4E5F6G7H")
    treasury_services.receipt_issue(payment=payment, by=treasurer)
    held, billing = billed_order(products=[microdata_with_master(title="Sakernas Uji 2025")])
    payment = bank_paid(billing, ntpn="1A1B2C3D4E5F6G7H")
    treasury_services.receipt_issue(payment=payment, by=treasurer)

    page = sign_in(officer, shots=shots, language=language)
    assert urlsplit(page.url).path == reverse("dashboard:order-list")
    click(page, f"#order-queue a:has-text('{waiting.number}')")
    documents = page.locator("#order-documents .document-row")
    assert documents.count() == 2
    shots(page, "order")
    response = page.request.get(documents.first.locator("a").get_attribute("href"))
    assert response.status == 200
    click(page, "#start-review")
    shots(page, "reviewing")
    click(page, "#verify")
    shots(page, "verified")
    click(page, "#issue-invoice")
    shots(page, "invoiced")
    waiting.refresh_from_db()
    assert waiting.status == OrderStatus.INVOICED

    click(page, f".breadcrumb a:has-text('{tr(language, 'Order queue')}')")
    shots(page, "queue")
    click(page, f"#order-queue a:has-text('{held.number}')")
    assert "Sakernas Uji 2025" in page.locator("#delivery-blockers").inner_text()
    mark = f"#officer-actions button:has-text('{tr(language, 'Mark as delivered')}')"
    assert page.locator(mark).count() == 0
    shots(page, "held-order")

    click(page, f".breadcrumb a:has-text('{tr(language, 'Order queue')}')")
    click(page, f"#order-queue a:has-text('{paid.number}')")
    shots(page, "paid-order")
    click(page, mark)
    shots(page, "delivered")
    paid.refresh_from_db()
    assert paid.status == OrderStatus.DELIVERED
    assert paid.deliveries.count() == 1  # the hand-over offered the map to the buyer
    held.refresh_from_db()
    assert held.status == OrderStatus.RECEIPT_ISSUED
