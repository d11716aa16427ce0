"""Markup in people's text stays text in pages and generated PDFs (issue #15: the probe's
escaping class, kept in the suite). A buyer's name full of HTML, and of the tags
ReportLab's paragraphs interpret, reach the officer's order page, the buyer's page, the invoice
and the kuitansi as the characters typed."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from pst import roles
from shop.billing.simponi.simulator import teller_pay
from shop.treasury import services as billing_services
from tests.factories import UserFactory, user_with_role
from tests.factories.billing import billed_order

pytestmark = pytest.mark.django_db

NAME = '<script>alert("x")</script> <b>Budi</b> & <font size="60">Sari</font>'


def _pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def order():
    buyer = UserFactory(full_name=NAME)
    order, _billing = billed_order(buyer=buyer)
    return order


def test_pages_show_markup_as_text(client, order):
    officer = user_with_role(roles.OFFICER)
    client.force_login(officer)
    desk = client.get(reverse("dashboard:order-detail", kwargs={"number": order.number}))
    client.force_login(order.user)
    mine = client.get(reverse("customer:order", kwargs={"order_number": order.number}))
    for page in (desk, mine):
        assert page.status_code == 200
        html = page.content.decode()
        assert '<script>alert("x")' not in html and "<b>Budi</b>" not in html
    assert "&lt;script&gt;" in desk.content.decode()


def test_invoice_and_kuitansi_print_markup_as_typed(client, order):
    invoice = order.current_invoice
    client.force_login(order.user)
    response = client.get(reverse("orders:invoice", args=[order.number, invoice.pk]))
    assert response.status_code == 200
    invoice_text = _pdf_text(
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    assert "<b>Budi</b>" in invoice_text and '<font size="60">' in invoice_text

    _paid, result = teller_pay(code=order.current_invoice.billings.get().code)
    receipt = billing_services.receipt_issue(
        payment=result.payment, by=user_with_role(roles.TREASURER)
    )
    with receipt.pdf.open("rb") as handle:
        receipt_text = _pdf_text(handle.read())
    assert "<b>Budi</b>" in receipt_text
