"""Issue #20, "Done when": every product class walked from the basket to the downloaded file
through the pages each person uses: the buyer's basket and checkout, the officer's dashboard,
the buyer's kode billing and bank, the bendahara's kuitansi, and the buyer's download. With
the rule on, only a product that can be delivered is sold, and what is sold arrives."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

import watermark
from pst import roles
from shop.billing.models import Billing
from shop.delivery.models import DeliveryDownload
from shop.order.models import Order
from shop.order.workflow import OrderStatus
from shop.treasury.models import Payment
from tests.factories import UserFactory, user_with_role
from tests.factories.catalogue import (
    deliverable_microdata_product,
    deliverable_wks_product,
    publication_product,
)
from tests.factories.library import SHARED_PDFS, PublicationPageFactory
from tests.factories.orders import pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db

DETAILS = "/toko/checkout/payment-details/"
DOCUMENTS = {
    "abstraksi": lambda: SimpleUploadedFile("abstraksi.png", png_bytes(), "image/png"),
    "sppd": lambda: SimpleUploadedFile("sppd.pdf", pdf_bytes(), "application/pdf"),
}


def _publication():
    page = PublicationPageFactory(
        title="Statistik Daerah Uji", pdf_path=SHARED_PDFS / "M1_pdkids.pdf", is_free=False
    )
    return publication_product(title="Statistik Daerah Uji", page=page)


def _add_to_basket(client, product, kind):
    if kind == "microdata":
        url = reverse("catalogue:select", kwargs={"product_slug": product.slug, "pk": product.pk})
        data = {"scope": "pilihan", "variables": ["region_code", "B4K5"], "regions": ["7371"]}
        client.post(url, data)
    else:
        client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})


def _check_file(kind, content: bytes, download: DeliveryDownload):
    if kind == "publication":
        assert content.startswith(b"%PDF-")
        assert watermark.trace(content).download_id == download.download_id
    elif kind == "microdata":
        archive = zipfile.ZipFile(io.BytesIO(content))
        assert sorted(archive.namelist()) == ["TANDA.txt", "codebook.csv", "data.csv"]
        rows = archive.read("data.csv").splitlines()
        assert rows and all(row.startswith(b"7371,") for row in rows)  # the buyer's selection
    else:
        assert Image.open(io.BytesIO(content)).size == (60, 40)  # the map master, stamped


@pytest.mark.parametrize(
    ("kind", "make"),
    [
        ("publication", _publication),
        ("microdata", lambda: deliverable_microdata_product(title="Sakernas Jalan")),
        ("map", lambda: deliverable_wks_product(title="Peta WKS Jalan")),
    ],
)
def test_every_product_class_from_the_basket_to_the_downloaded_file(
    client, settings, django_capture_on_commit_callbacks, kind, make
):
    settings.PST_SELL_ONLY_DELIVERABLE = True
    product = make()
    buyer, officer = UserFactory(), user_with_role(roles.OFFICER)
    treasurer = user_with_role(roles.TREASURER)

    client.force_login(buyer)
    _add_to_basket(client, product, kind)
    required = client.get(DETAILS).context["required_kinds"]
    data = {"purpose": "Bahan penelitian ekonomi daerah", "confirm_quote": "on"}
    data.update({f"doc_{k}": DOCUMENTS[k]() for k in required})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(DETAILS, data)
    assert response.status_code == 302, response.content.decode()[:1500]
    order = Order.objects.get(user=buyer)
    assert order.lines.get().product == product

    client.force_login(officer)
    for action in ("start-review", "verify", "issue-invoice"):
        url = reverse("dashboard:order-action", kwargs={"number": order.number, "action": action})
        client.post(url)
    order.refresh_from_db()
    assert order.status == OrderStatus.INVOICED

    client.force_login(buyer)
    client.post(reverse("billing:billing-create", args=[order.number]))
    billing = Billing.objects.get(invoice=order.current_invoice)
    client.post(reverse("billing:teller"), {"code": billing.code})

    client.force_login(treasurer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("treasury:receipt-issue", args=[Payment.objects.get().pk]))

    client.force_login(buyer)
    page = client.get(reverse("customer:order", kwargs={"order_number": order.number}))
    [token] = set(re.findall(r"/bayar/unduh/([\w-]+)/", page.content.decode()))
    response = client.post(reverse("billing:delivery-download", args=[token]))
    assert response.status_code == 200
    _check_file(kind, b"".join(response.streaming_content), DeliveryDownload.objects.get())
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED
