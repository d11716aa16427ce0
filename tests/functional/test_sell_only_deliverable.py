"""Nothing is sold that cannot be delivered (issue #20, stage 1).

A product without what delivery needs (a publication's prepared PDF, a microdata master and
codebook, a map master) says "belum tersedia" on its page, cannot enter the basket by either
door (Oscar's add view, the microdata selection), is listed "tidak dapat dijual" for the
officer, and an order that already holds one is stopped before its invoice.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.core.management.base import CommandError
from django.urls import reverse
from oscar.core.loading import get_model

from catalogue.masters import master_withdraw
from catalogue.product_classes import DATA_MIKRO, PETA_WKS
from catalogue.selectors import deliverability, sale_blocker, undeliverable_lines
from demo.seed import check_demo_products_deliverable, seed_products
from pst import roles
from shop.order import services
from shop.order.models import Invoice
from shop.order.services import OrderActionError
from shop.order.workflow import OrderStatus
from tests.factories import UserFactory
from tests.factories.catalogue import (
    deliverable_microdata_product,
    deliverable_wks_product,
    microdata_product,
    publication_product,
    wks_product,
)
from tests.factories.library import PublicationPageFactory
from tests.factories.orders import submitted_order

pytestmark = pytest.mark.django_db

PRODUCT_LIST = "/toko/dashboard/catalogue/"
Product = get_model("catalogue", "Product")


def _basket_lines(client):
    return list(client.get(reverse("basket:summary")).context["basket"].all_lines())


@pytest.mark.parametrize(
    "make, reason",
    [
        pytest.param(
            lambda: publication_product(deliverable=False), "halaman e-pustaka", id="pub-no-page"
        ),
        pytest.param(
            lambda: publication_product(page=PublicationPageFactory(with_pdf=False)),
            "PDF publikasi belum disiapkan",
            id="pub-no-pdf",
        ),
        pytest.param(
            lambda: microdata_product(deliverable=False), "berkas induk", id="microdata-no-master"
        ),
        pytest.param(
            lambda: wks_product(deliverable=False), "berkas induk peta", id="map-no-master"
        ),
    ],
)
def test_a_product_without_what_delivery_needs_is_not_deliverable(make, reason):
    product = make()
    state = deliverability(product)
    assert not state.deliverable and reason in state.reason
    assert state.since == product.date_created
    assert sale_blocker(product) == state


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: publication_product(page=PublicationPageFactory()), id="pub"),
        pytest.param(deliverable_microdata_product, id="microdata"),
        pytest.param(deliverable_wks_product, id="map"),
    ],
)
def test_a_product_with_its_master_is_deliverable(make):
    product = make()
    assert deliverability(product).deliverable and sale_blocker(product) is None


def test_without_the_rule_the_product_stays_sellable(settings):
    settings.PST_SELL_ONLY_DELIVERABLE = False
    product = wks_product(deliverable=False)
    assert not deliverability(product).deliverable  # the truth is still told
    assert sale_blocker(product) is None


def test_oscar_basket_add_refuses_an_undeliverable_product_in_indonesian(client):
    product = wks_product(title="Peta WKS Tanpa Induk", deliverable=False)
    client.force_login(UserFactory())
    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    assert response.status_code == 302
    assert _basket_lines(client) == []
    said = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "Belum tersedia: berkas induk peta belum diunggah." in said


def test_oscar_basket_add_accepts_a_deliverable_product(client):
    product = deliverable_wks_product()
    client.force_login(UserFactory())
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    (line,) = _basket_lines(client)
    assert line.product == product and line.purchase_info.availability.is_available_to_buy


def test_the_microdata_selection_refuses_a_product_without_master(client):
    product = microdata_product(deliverable=False)
    client.force_login(UserFactory())
    url = reverse("catalogue:select", kwargs={"product_slug": product.slug, "pk": product.pk})
    response = client.post(url, {"scope": "pilihan", "variables": ["B4K4"], "regions": ["7371"]})
    assert response.status_code == 302 and response["Location"] == product.get_absolute_url()
    assert _basket_lines(client) == []
    said = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "Produk ini belum tersedia: berkas induk data mikro belum diunggah." in said


def test_the_microdata_selection_accepts_a_product_with_master(client):
    product = deliverable_microdata_product()
    client.force_login(UserFactory())
    url = reverse("catalogue:select", kwargs={"product_slug": product.slug, "pk": product.pk})
    client.post(url, {"scope": "pilihan", "variables": ["B4K4"], "regions": ["7371"]})
    assert len(_basket_lines(client)) == 1


def test_the_product_page_says_not_available_and_since_when(client):
    product = microdata_product(deliverable=False)
    body = client.get(product.get_absolute_url()).content.decode()
    assert 'id="not-deliverable"' in body and "Belum tersedia" in body
    assert "sejak" in body and str(product.date_created.year) in body
    assert "Masukkan pilihan ke keranjang" not in body  # no add button

    sellable = deliverable_microdata_product()
    body = client.get(sellable.get_absolute_url()).content.decode()
    assert 'id="not-deliverable"' not in body


def _product_page(client, product) -> str:
    """The page's product article (the header's mini-basket says "Rp 0" on every page)."""
    body = client.get(product.get_absolute_url()).content.decode()
    return body[body.index('<article class="product_page">') : body.index("</article>")]


def test_an_unsellable_product_page_shows_no_selection_and_no_price(client):
    """Under "Belum tersedia" the buyer reads what the product is (description, the survey, its
    codebook and regions) but is offered nothing to choose and no price to pay."""
    product = microdata_product(deliverable=False)
    product.description = "<p>Data ketenagakerjaan Sulawesi Selatan.</p>"
    product.save()
    body = client.get(product.get_absolute_url()).content.decode()
    assert "microdata.js" not in body
    body = _product_page(client, product)
    assert 'id="not-deliverable"' in body and "sejak" in body
    offers = ('id="microdata-form"', "data-quote-total", "data-estimate-total", 'name="variables"')
    for offered in offers:
        assert offered not in body, offered
    assert "Data ketenagakerjaan Sulawesi Selatan." in body
    codebook = body[body.index('id="microdata-codebook"') :]
    assert 'id="microdata-facts"' in codebook and "Survei Angkatan Kerja Nasional" in codebook
    assert "<code>B7R12</code>" in codebook and "Upah sebulan" in codebook
    assert "Kota Makassar" in codebook and 'type="checkbox"' not in codebook

    body = _product_page(client, deliverable_microdata_product())
    assert all(offered in body for offered in offers)
    assert 'id="microdata-codebook"' not in body


@pytest.mark.parametrize("make", [wks_product, publication_product], ids=["wks", "publication"])
def test_an_unsellable_map_or_publication_shows_no_price_nor_add_button(client, make):
    body = _product_page(client, make(deliverable=False))
    assert 'id="not-deliverable"' in body
    assert "data-quote-total" not in body
    assert 'id="add_to_basket_form"' not in body


def test_the_officer_product_list_shows_what_cannot_be_sold(client, make_staff):
    wks_product(title="Peta Tanpa Induk", deliverable=False)
    deliverable_wks_product(title="Peta Lengkap")
    client.force_login(make_staff(roles.OFFICER))
    body = client.get(PRODUCT_LIST).content.decode()
    assert "Peta Tanpa Induk" in body and "Peta Lengkap" in body
    assert body.count("data-not-sellable") == 1
    assert "tidak dapat dijual" in body and "berkas induk peta belum diunggah" in body
    assert "dapat dijual" in body


def _withdraw_map_master(product):
    product.wks_master.delete(save=True)


def test_an_order_whose_master_was_withdrawn_is_stopped_before_the_invoice(client, officer):
    product = deliverable_wks_product(title="Peta WKS Ditarik")
    other = publication_product(page=PublicationPageFactory(is_free=False))
    order = submitted_order(products=[product, other])
    order = services.order_start_review(order=order, officer=officer)
    order = services.order_verify_documents(order=order, officer=officer)
    _withdraw_map_master(product)  # found faulty by the officer

    (blocked,) = undeliverable_lines(order)
    assert blocked.title == "Peta WKS Ditarik"
    with pytest.raises(OrderActionError, match="Peta WKS Ditarik"):
        services.order_issue_invoice(order=order, officer=officer)
    order.refresh_from_db()
    assert order.status == OrderStatus.VERIFIED and not Invoice.objects.filter(order=order)

    # the officer's page names the line; the button answers with the reason, not a 500
    client.force_login(officer)
    desk = reverse("dashboard:order-detail", kwargs={"number": order.number})
    body = client.get(desk).content.decode()
    assert 'id="undeliverable-lines"' in body and "Peta WKS Ditarik" in body
    assert "Invoice belum dapat diterbitkan" in body
    assert 'id="issue-invoice"' not in body  # not offered while the line is there
    action = reverse(
        "dashboard:order-action", kwargs={"number": order.number, "action": "issue-invoice"}
    )
    response = client.post(action, follow=True)
    assert response.status_code == 200
    assert "Invoice tidak dapat diterbitkan" in response.content.decode()
    assert not Invoice.objects.filter(order=order).exists()

    # the buyer is told
    client.force_login(order.user)
    mine = client.get(reverse("customer:order", kwargs={"order_number": order.number}))
    body = mine.content.decode()
    assert 'id="undeliverable-lines"' in body and "Peta WKS Ditarik" in body
    assert "belum dapat dikirim" in body

    # once the master is back the invoice is issued
    deliverable_map = deliverable_wks_product()
    product.wks_master = deliverable_map.wks_master
    product.save(update_fields=["wks_master"])
    order = services.order_issue_invoice(order=order, officer=officer)
    assert order.status == OrderStatus.INVOICED


def test_the_demo_sells_only_products_it_can_deliver():
    """seed_demo gives a master to every microdata set and every map it sells (issue #20),
    and its closing check fails loudly, naming the product, once one of them loses it."""
    seed_products(publications=[], on=date(2026, 11, 20))
    products = list(Product.objects.filter(product_class__slug__in=[DATA_MIKRO, PETA_WKS]))
    assert {p.product_class.slug for p in products} == {DATA_MIKRO, PETA_WKS}
    assert all(deliverability(p).deliverable for p in products)
    check_demo_products_deliverable()  # nothing missing: no error

    microdata = next(p for p in products if p.product_class.slug == DATA_MIKRO)
    master_withdraw(product=microdata, reason="uji: berkas induk rusak")
    withdrawn_map = next(p for p in products if p.product_class.slug == PETA_WKS)
    withdrawn_map.wks_master.storage.delete(withdrawn_map.wks_master.name)
    with pytest.raises(CommandError) as failure:
        check_demo_products_deliverable()
    message = str(failure.value)
    assert microdata.title in message and withdrawn_map.title in message
    others = [p for p in products if p.pk not in (microdata.pk, withdrawn_map.pk)]
    assert not any(p.title in message for p in others)


def test_a_master_lost_from_the_private_store_is_not_deliverable():
    product = deliverable_wks_product()
    product.wks_master.storage.delete(product.wks_master.name)
    state = deliverability(product)
    assert not state.deliverable and "berkas induk peta" in state.reason
