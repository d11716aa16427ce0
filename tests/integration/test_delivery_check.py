"""Issue #20: the officer cannot mark an order delivered while a line is held (microdata
waiting for the signed SPPD, a file that cannot be prepared); the order asks the delivery
(``shop.order.signals.delivery_check``) and names the lines it refuses for. A Rp0 order has no
kuitansi to start its delivery: the officer's hand-over prepares its files first."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pst import roles
from pst.models import UserSegment
from shop.billing.simponi.simulator import teller_pay
from shop.delivery.models import DeliveryItem
from shop.order import services as order_services
from shop.order.workflow import OrderStatus
from shop.treasury import services as treasury_services
from tests.factories import UserFactory, user_with_role
from tests.factories.billing import billed_order, microdata_with_master
from tests.factories.catalogue import deliverable_wks_product
from tests.factories.orders import pdf_bytes, submitted_order

pytestmark = pytest.mark.django_db


def _receipted(products, options=None):
    order, billing = billed_order(products=products, options=options)
    _paid, result = teller_pay(code=billing.code)
    treasury_services.receipt_issue(payment=result.payment, by=user_with_role(roles.TREASURER))
    order.refresh_from_db()
    return order


def _mark_delivered(client, officer, order):
    client.force_login(officer)
    url = reverse(
        "dashboard:order-action", kwargs={"number": order.number, "action": "mark-delivered"}
    )
    return client.post(url, {"note": ""}, follow=True)


def test_a_line_held_for_the_sppd_refuses_mark_delivered_and_says_why(client, settings):
    settings.PST_HOLD_MICRODATA_UNTIL_SPPD = True
    officer = user_with_role(roles.OFFICER)
    order = _receipted([microdata_with_master(title="Susenas Uji"), deliverable_wks_product()])
    assert order.status == OrderStatus.RECEIPT_ISSUED  # the map is offered, the data held

    client.force_login(officer)
    page = client.get(reverse("dashboard:order-detail", kwargs={"number": order.number}))
    html = page.content.decode()
    assert 'id="delivery-blockers"' in html and "Susenas Uji" in html
    assert "action='mark-delivered'" not in html and "/mark-delivered/" not in html

    response = _mark_delivered(client, officer, order)
    order.refresh_from_db()
    assert order.status == OrderStatus.RECEIPT_ISSUED
    [error] = [str(m) for m in response.context["messages"] if m.level_tag == "error"]
    assert "Susenas Uji" in error and "SPPD" in error
    with pytest.raises(order_services.OrderActionError):
        order_services.order_mark_delivered(order=order, actor=officer)

    # the buyer's signed SPPD releases the data, and the order moves by itself
    client.force_login(order.user)
    client.post(
        reverse("billing:sppd-upload", kwargs={"number": order.number}),
        {"sppd": SimpleUploadedFile("sppd.pdf", pdf_bytes(), "application/pdf")},
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED
    assert DeliveryItem.objects.filter(order=order).count() == 2


def test_a_line_whose_file_is_missing_refuses_the_move(client):
    """A paid line whose master was withdrawn after the kuitansi: no button, the reason on the
    page, and the service refuses, naming it, whoever calls it."""
    from catalogue.masters import master_withdraw

    officer = user_with_role(roles.OFFICER)
    product = microdata_with_master(title="Data Hilang")
    order = _receipted([product])
    master_withdraw(product=product, reason="berkas rusak")
    client.force_login(officer)
    html = client.get(
        reverse("dashboard:order-detail", kwargs={"number": order.number})
    ).content.decode()
    assert 'id="delivery-blockers"' in html and "Data Hilang" in html
    with pytest.raises(order_services.OrderActionError) as refused:
        order_services.order_mark_delivered(order=order, actor=officer)
    assert "Data Hilang" in refused.value.message
    _mark_delivered(client, officer, order)
    order.refresh_from_db()
    assert order.status == OrderStatus.RECEIPT_ISSUED
    assert not DeliveryItem.objects.filter(order=order).exists()


def test_the_officers_hand_over_of_a_rp0_order_prepares_its_files(client):
    officer = user_with_role(roles.OFFICER)
    buyer = UserFactory(segment=UserSegment.INSTANSI_PEMERINTAH)
    order = submitted_order(
        buyer=buyer,
        products=[deliverable_wks_product(title="Peta Gratis")],
        nol_rupiah=True,
        options={"purpose": "nonkomersial"},
    )
    order = order_services.order_start_review(order=order, officer=officer)
    order = order_services.order_verify_documents(
        order=order, officer=officer, approve_nol_rupiah=True
    )
    order = order_services.order_issue_invoice(order=order, officer=officer)
    assert order.current_invoice.total == 0
    _mark_delivered(client, officer, order)
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED
    [item] = DeliveryItem.objects.filter(order=order)
    assert item.title == "Peta Gratis" and item.buyer == buyer


def test_a_refund_case_stands_for_the_file_and_lets_the_order_be_delivered(client):
    """A paid line whose master was withdrawn becomes a refund case; the other line is
    offered and the officer's hand-over completes the order, preparing nothing for the
    refunded line (issue #20: a refund case, not a silent gap)."""
    from catalogue.masters import master_withdraw
    from shop.treasury.services import refund_case_open

    officer = user_with_role(roles.OFFICER)
    lost = deliverable_wks_product(title="Peta Rusak")
    order, billing = billed_order(products=[lost, deliverable_wks_product(title="Peta Baik")])
    _paid, result = teller_pay(code=billing.code)
    master_withdraw(product=lost, reason="batas wilayah salah")
    treasury_services.receipt_issue(payment=result.payment, by=user_with_role(roles.TREASURER))
    line = order.lines.get(title="Peta Rusak")
    with pytest.raises(order_services.OrderActionError):
        order_services.order_mark_delivered(order=order, actor=officer)

    case = refund_case_open(line=line, by=officer, reason="Berkas induk peta rusak")
    assert case.amount > 0
    _mark_delivered(client, officer, order)
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED
    assert [item.title for item in DeliveryItem.objects.filter(order=order)] == ["Peta Baik"]
