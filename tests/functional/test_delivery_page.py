"""The buyer's delivery view on the pages (issue #20): the order page's "Files of the order"
table (every line, its state, why, the download with what is left), on ``/bayar/`` under the
kuitansi, in Indonesian and English, for the buyer only; the officer sees the rows without the
buttons."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse

from catalogue.masters import master_withdraw
from pst import roles
from pst.formats import format_date
from shop.delivery import receivers
from shop.delivery.models import DeliveryItem
from shop.treasury import services as treasury_services
from shop.treasury.selectors import current_payment
from tests.factories import UserFactory, user_with_role
from tests.factories.billing import microdata_with_master, receipted_order
from tests.factories.catalogue import publication_product, wks_product
from tests.factories.library import PublicationPageFactory
from tests.functional.test_one_voice import english_leaks, indonesian_leaks

pytestmark = pytest.mark.django_db

SELECTION = {"variables": "region_code,B4K5", "regions": "7371"}


@pytest.fixture
def order(settings):
    """Paid and receipted: a publication ready, microdata held for the SPPD, a map whose
    master was withdrawn after the payment."""
    settings.PST_HOLD_MICRODATA_UNTIL_SPPD = True
    products = [
        publication_product(
            title="Statistik Daerah Uji", page=PublicationPageFactory(is_free=False)
        ),
        microdata_with_master(title="Sakernas Uji"),
        wks_product(title="Peta WKS Uji"),
    ]
    order = receipted_order(products=products, options=SELECTION, kuitansi=False)
    # the map's master is found faulty after the payment, before the kuitansi
    master_withdraw(product=products[2], reason="batas wilayah salah")
    treasurer = user_with_role(roles.TREASURER)
    payment = current_payment(order.current_invoice)
    receipt = treasury_services.receipt_issue(payment=payment, by=treasurer)
    receivers.prepare_delivery(sender=None, receipt=receipt, by=treasurer)
    return order


def _page(client, url, language) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _rows(html: str) -> dict[str, str]:
    """``{product title: state}`` of the table's rows."""
    return {
        title: state
        for state, title in re.findall(
            r'<tr class="line-delivery" data-state="(\w+)"[^>]*>\s*<th scope="row"[^>]*>([^<]+)',
            html,
        )
    }


def _order_url(order) -> str:
    return reverse("customer:order", kwargs={"order_number": order.number})


@pytest.mark.parametrize(
    "language, ready, held, preparing, left",
    [
        ("id", "Siap diunduh", "Menunggu SPPD bertanda tangan", "Sedang disiapkan", "sisa 5"),
        ("en", "Ready to download", "Held for the signed SPPD", "Being prepared", "5 of 5"),
    ],
)
def test_the_buyer_sees_every_line_with_its_state_and_why(
    client, order, language, ready, held, preparing, left
):
    client.force_login(order.user)
    html = _page(client, _order_url(order), language)
    assert _rows(html) == {
        "Statistik Daerah Uji": "ready",
        "Sakernas Uji": "held_sppd",
        "Peta WKS Uji": "preparing",
    }
    start = html.index('id="deliveries"')
    table = html[start : html.index("</table>", start)]
    for text in (ready, held, preparing, left):
        assert text in table
    item = DeliveryItem.objects.get(order=order)
    assert format_date(item.expires_at, language=language) in table
    assert '<th scope="col">' in table and "<caption" in table
    assert table.count('name="download"') == 1  # only the ready file has a button
    assert reverse("billing:delivery-download", args=[item.token]) in table
    leaks = english_leaks(html) if language == "id" else indonesian_leaks(html)
    assert leaks == []


def test_the_pay_page_lists_the_files_under_the_kuitansi(client, order):
    client.force_login(order.user)
    html = _page(client, reverse("billing:pay"), "id")
    receipts = html[html.index('id="receipts"') :]
    assert _rows(receipts) == {
        "Statistik Daerah Uji": "ready",
        "Sakernas Uji": "held_sppd",
        "Peta WKS Uji": "preparing",
    }
    assert 'id="deliveries"' not in html  # ids stay unique on a page listing several orders
    assert english_leaks(html) == []


def test_another_buyer_sees_neither_the_order_nor_its_files(client, order):
    client.force_login(UserFactory())
    assert client.get(_order_url(order)).status_code == 404
    html = _page(client, reverse("billing:pay"), "id")
    assert "Statistik Daerah Uji" not in html and order.number not in html
    token = DeliveryItem.objects.get(order=order).token
    assert client.post(reverse("billing:delivery-download", args=[token])).status_code == 404


def test_the_officer_sees_the_states_without_the_buyers_buttons(client, order):
    client.force_login(user_with_role(roles.OFFICER))
    url = reverse("dashboard:order-detail", kwargs={"number": order.number})
    html = _page(client, url, "id")
    assert set(_rows(html).values()) == {"ready", "held_sppd", "preparing"}
    assert 'name="download"' not in html
    assert "Berkas pesanan" in html


def test_after_the_sppd_and_a_download_the_rows_move_on(client, order):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories.orders import pdf_bytes

    client.force_login(order.user)
    client.post(
        reverse("billing:sppd-upload", args=[order.number]),
        {"sppd": SimpleUploadedFile("sppd.pdf", pdf_bytes(), content_type="application/pdf")},
    )
    item = DeliveryItem.objects.get(order=order, title="Statistik Daerah Uji")
    download = client.post(reverse("billing:delivery-download", args=[item.token]))
    assert download.status_code == 200
    b"".join(download.streaming_content)
    html = _page(client, _order_url(order), "en")
    assert _rows(html) == {
        "Statistik Daerah Uji": "delivered",
        "Sakernas Uji": "ready",
        "Peta WKS Uji": "preparing",
    }
    assert "4 of 5 downloads left" in html and "Downloaded 1 time" in html
