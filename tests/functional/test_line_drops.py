"""The officer drops an undeliverable line at verification (issue #20, shop/order/line_drops.py):
the line is kept and marked, the invoice and the order's totals leave it out, the timeline
records it, the buyer is e-mailed and sees it struck through; refused after the invoice and for
the last line left."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from shop.order import documents as order_documents
from shop.order import line_drops, services
from shop.order.models import Invoice, OrderEvent, OrderEventKind
from shop.order.services import OrderActionError
from shop.order.workflow import OrderStatus
from tests.factories import UserFactory
from tests.factories.catalogue import deliverable_wks_product, publication_product
from tests.factories.library import PublicationPageFactory
from tests.factories.orders import submitted_order

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _rule_on(settings):
    settings.PST_SELL_ONLY_DELIVERABLE = True


def _verified_order_with_a_withdrawn_map(officer):
    """A verified order of a map (its master then withdrawn, found faulty) and a publication."""
    faulty = deliverable_wks_product(title="Peta WKS Ditarik")
    other = publication_product(page=PublicationPageFactory(is_free=False))
    order = submitted_order(products=[faulty, other])
    order = services.order_start_review(order=order, officer=officer)
    order = services.order_verify_documents(order=order, officer=officer)
    faulty.wks_master.delete(save=True)
    lines = {line.product_id: line for line in order.lines.all()}
    return order, lines[faulty.pk], lines[other.pk]


def test_a_dropped_line_is_kept_marked_and_left_out_of_the_invoice_and_the_totals(
    officer, django_capture_on_commit_callbacks
):
    order, faulty, kept = _verified_order_with_a_withdrawn_map(officer)
    before = order.total_incl_tax
    with django_capture_on_commit_callbacks(execute=True):
        line_drops.order_drop_line(
            order=order, officer=officer, line=faulty.pk, reason="Batas wilayah salah"
        )
    faulty.refresh_from_db()
    assert faulty.dropped_at is not None and faulty.dropped_by == officer
    assert faulty.dropped_reason == "Batas wilayah salah"
    order.refresh_from_db()
    assert order.lines.count() == 2  # kept, not deleted
    assert order.total_incl_tax == before - faulty.line_price_incl_tax == kept.line_price_incl_tax
    event = OrderEvent.objects.get(order=order, kind=OrderEventKind.LINE_DROPPED)
    assert event.actor == officer and "Peta WKS Ditarik: Batas wilayah salah" in event.note

    (sent,) = mail.outbox
    assert sent.to == [order.user.email]
    assert sent.subject == f"Pesanan {order.number}: satu produk dihapus"
    assert "tidak ditagihkan" in sent.body and "Batas wilayah salah" in sent.body

    # the undeliverable line no longer stops the invoice, which prices the rest only
    order = services.order_issue_invoice(order=order, officer=officer)
    assert order.status == OrderStatus.INVOICED
    invoice = Invoice.objects.get(order=order)
    assert [line["order_line_id"] for line in invoice.quote["lines"]] == [kept.pk]
    assert invoice.total == Decimal(kept.quote_snapshot["total"])
    # the agreement lists what is sold only
    reader = PdfReader(io.BytesIO(order_documents.agreement_pdf(order)))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert kept.title in text and "Peta WKS Ditarik" not in text


def test_dropping_is_refused_after_the_invoice_and_for_the_last_line(officer):
    order, faulty, kept = _verified_order_with_a_withdrawn_map(officer)
    with pytest.raises(OrderActionError, match="alasan|reason"):
        line_drops.order_drop_line(order=order, officer=officer, line=faulty.pk, reason=" ")
    line_drops.order_drop_line(order=order, officer=officer, line=faulty, reason="Rusak")
    with pytest.raises(OrderActionError, match="sudah dihapus"):
        line_drops.order_drop_line(order=order, officer=officer, line=faulty, reason="Lagi")
    with pytest.raises(OrderActionError, match="Baris terakhir"):
        line_drops.order_drop_line(order=order, officer=officer, line=kept, reason="Semua")
    with pytest.raises(OrderActionError):  # the buyer is not an officer
        line_drops.order_drop_line(order=order, officer=order.user, line=kept, reason="x")

    invoiced = submitted_order(products=[deliverable_wks_product(), deliverable_wks_product()])
    invoiced = services.order_start_review(order=invoiced, officer=officer)
    invoiced = services.order_verify_documents(order=invoiced, officer=officer)
    invoiced = services.order_issue_invoice(order=invoiced, officer=officer)
    first = invoiced.lines.first()
    with pytest.raises(OrderActionError, match="sebelum invoice"):
        line_drops.order_drop_line(order=invoiced, officer=officer, line=first, reason="Telat")
    first.refresh_from_db()
    assert first.dropped_at is None

    other_order, *_ = _verified_order_with_a_withdrawn_map(officer)
    with pytest.raises(OrderActionError, match="tidak ada dalam pesanan"):
        line_drops.order_drop_line(
            order=other_order, officer=officer, line=first.pk, reason="Salah pesanan"
        )


def test_the_officer_drops_the_line_on_the_desk_and_the_buyer_sees_it_struck_through(
    client, officer
):
    order, faulty, kept = _verified_order_with_a_withdrawn_map(officer)
    desk = reverse("dashboard:order-detail", kwargs={"number": order.number})
    client.force_login(officer)
    body = client.get(desk).content.decode()
    assert f'data-drop-line="{faulty.pk}"' in body and "Hapus baris" in body
    assert f'data-drop-line="{kept.pk}"' not in body  # only the undeliverable one

    action = reverse(
        "dashboard:order-action", kwargs={"number": order.number, "action": "drop-line"}
    )
    response = client.post(action, {"line": faulty.pk, "reason": "Berkas induk rusak"}, follow=True)
    body = response.content.decode()
    assert response.status_code == 200 and "Baris dihapus; pembeli sudah diberi tahu." in body
    assert 'id="undeliverable-lines"' not in body
    assert f'data-dropped-line="{faulty.pk}"' in body

    client.force_login(order.user)
    page = client.get(reverse("customer:order", kwargs={"order_number": order.number}))
    body = page.content.decode()
    assert f'<h3 class="h6 mt-2 text-muted" data-dropped-line="{faulty.pk}"><del>' in body
    assert "tidak ditagihkan: Berkas induk rusak" in body
    assert 'id="undeliverable-lines"' not in body

    # a reader (or anyone without the officer's desk) cannot post it
    client.force_login(UserFactory())
    assert client.post(action, {"line": kept.pk, "reason": "x"}).status_code == 403
