"""Money for an order that was cancelled or rejected is never silently accepted and never a 500
(issue #8: "never silently accepted"; docs/billing.md, rule 3).

A bank deposit (kode billing, transfer from abroad) is already made: it becomes an
``order_closed`` exception for the bendahara to refund. Cash at the counter and a new transfer
proof are refused before anything is written, with the reason on the page.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from pst import roles
from pst.clock import office_today
from shop.billing import services as billing_services
from shop.billing.models import Billing, BillingStatus
from shop.order import services as order_services
from shop.order.models import Invoice
from shop.treasury import services as treasury_services
from shop.treasury.models import (
    Payment,
    PaymentException,
    PaymentSource,
    TransferProof,
    TransferProofStatus,
)
from shop.treasury.models import (
    PaymentExceptionKind as ExceptionKind,
)
from tests.factories import user_with_role
from tests.factories.billing import billed_order, invoiced_order, transfer_proof_post
from tests.factories.orders import png_bytes

pytestmark = pytest.mark.django_db


def _cancel_by_officer(order):
    order_services.order_cancel(
        order=order, actor=user_with_role(roles.OFFICER), note="Pembeli membatalkan lewat telepon."
    )
    order.refresh_from_db()
    assert order.status == "cancelled"
    return order


def _cancel_by_buyer(order):
    order_services.order_cancel(order=order, actor=order.user)
    order.refresh_from_db()
    assert order.status == "cancelled"
    return order


def _proof(order, **changes):
    fields = {
        "invoice": order.current_invoice,
        "buyer": order.user,
        "upload": SimpleUploadedFile("bukti.png", png_bytes(), content_type="image/png"),
        "sender_name": "John Smith",
        "sender_bank": "HSBC London",
        "transfer_date": date(2026, 11, 2),
        "amount": Decimal("12.50"),
        "currency": "USD",
    }
    fields.update(changes)
    return treasury_services.transfer_proof_submit(**fields)


def _cash(order):
    invoice = order.current_invoice
    invoice.refresh_from_db()
    return treasury_services.cash_record(
        invoice=invoice, amount=invoice.total, by=user_with_role(roles.TREASURER)
    )


def _page(response) -> str:
    return response.content.decode()


# --- cash at the counter -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "close",
    [
        pytest.param(lambda: _cancel_by_officer(billed_order()[0]), id="officer-after-billing"),
        pytest.param(lambda: _cancel_by_buyer(invoiced_order()), id="buyer-before-billing"),
    ],
)
def test_cash_for_a_cancelled_order_is_refused_before_anything_is_written(close):
    order = close()
    with pytest.raises(billing_services.BillingError, match="dibatalkan atau ditolak"):
        _cash(order)
    assert not Payment.objects.exists()
    assert not Billing.objects.filter(status=BillingStatus.VOID).exists()
    order.refresh_from_db()
    assert order.status == "cancelled"


def test_the_cash_form_shows_the_refusal_not_a_500(client):
    order = _cancel_by_officer(billed_order()[0])
    client.force_login(user_with_role(roles.TREASURER))
    response = client.post(
        reverse("treasury:cash-entry"),
        {
            "invoice_number": order.current_invoice.number,
            "amount": str(order.current_invoice.total),
        },
    )
    assert response.status_code == 200
    assert "dibatalkan atau ditolak" in _page(response)
    assert 'id="form-errors"' in _page(response)
    assert not Payment.objects.exists()


def test_cash_on_a_lapsed_invoice_is_refused():
    order, _billing = billed_order()
    invoice = order.current_invoice
    Invoice.objects.filter(pk=invoice.pk).update(
        valid_until=office_today() - timedelta(days=1)
    )
    with pytest.raises(billing_services.BillingError, match="kedaluwarsa"):
        _cash(order)
    assert not Payment.objects.exists()


def test_cash_while_the_buyer_asks_for_a_correction_is_refused():
    """The invoice may still change: money waits until the officer answers (step 4)."""
    order = invoiced_order()
    order_services.order_request_correction(order=order, buyer=order.user, note="Jumlah salah")
    with pytest.raises(billing_services.BillingError, match="menunggu pembayaran"):
        _cash(order)
    assert not Payment.objects.exists()


# --- transfer from abroad ----------------------------------------------------------------------


def test_a_transfer_proof_for_a_closed_order_is_refused_at_submit():
    order = _cancel_by_buyer(invoiced_order())
    with pytest.raises(billing_services.BillingError, match="pengembalian dana"):
        _proof(order)
    assert not TransferProof.objects.exists()


def test_the_buyer_is_told_the_closed_order_cannot_be_paid(client):
    order = _cancel_by_buyer(invoiced_order())
    client.force_login(order.user)
    url = reverse("billing:transfer-proof-upload", args=[order.number])
    response = client.post(url, transfer_proof_post(), follow=True)
    assert response.status_code == 200
    assert "pengembalian dana" in _page(response)
    assert not TransferProof.objects.exists()
    panel = _page(client.get(reverse("customer:order", kwargs={"order_number": order.number})))
    assert 'id="payment-closed"' in panel
    assert 'id="transfer-proof-link"' not in panel
    assert "create_billing" not in panel


def test_a_verified_transfer_for_an_order_cancelled_meanwhile_is_an_exception_to_refund():
    order, _billing = billed_order()
    proof = _proof(order)
    _cancel_by_officer(order)
    treasurer = user_with_role(roles.TREASURER)
    result = treasury_services.transfer_proof_verify(
        proof=proof, by=treasurer, bank_reference="FT-77"
    )
    assert not result.accepted
    exception = result.exception
    assert exception.kind == ExceptionKind.ORDER_CLOSED
    assert exception.source == PaymentSource.TRANSFER_PROOF
    assert exception.reference == "FT-77" and exception.ntpn == ""
    assert exception.transfer_proof == proof and exception.amount == order.current_invoice.total
    proof.refresh_from_db()
    assert proof.status == TransferProofStatus.REFUND
    assert proof.decided_by == treasurer and proof.payment is None
    order.refresh_from_db()
    assert order.status == "cancelled" and not Payment.objects.exists()
    with pytest.raises(billing_services.BillingError, match="sudah diputuskan"):
        treasury_services.transfer_proof_verify(proof=proof, by=treasurer, bank_reference="FT-78")


def test_the_bendahara_verifies_a_transfer_of_a_closed_order_through_the_page(client):
    order = invoiced_order()
    proof = _proof(order)
    _cancel_by_buyer(order)
    client.force_login(user_with_role(roles.TREASURER))
    review = reverse("treasury:transfer-proof-review", args=[proof.pk])
    page = client.get(review)
    assert page.status_code == 200 and 'id="order-closed"' in _page(page)
    response = client.post(review, {"verify": "1", "verify-bank_reference": "TT-2026-0099"})
    assert response.status_code == 302
    exception = PaymentException.objects.get()
    assert exception.kind == ExceptionKind.ORDER_CLOSED and not Payment.objects.exists()
    home = _page(client.get(reverse("treasury:payments")))
    assert "TT-2026-0099" in home
    detail = client.get(reverse("treasury:payment-exception-resolve", args=[exception.pk]))
    assert detail.status_code == 200 and order.number in _page(detail)
    resolved = client.post(
        reverse("treasury:payment-exception-resolve", args=[exception.pk]),
        {"resolution": "Dikembalikan ke rekening pengirim."},
    )
    assert resolved.status_code == 302
    exception.refresh_from_db()
    assert exception.is_resolved


def test_a_bank_reference_is_recorded_once_with_a_message_not_a_500(client):
    first, _ = billed_order()
    treasury_services.transfer_proof_verify(
        proof=_proof(first), by=user_with_role(roles.TREASURER), bank_reference="FT-1"
    )
    second = invoiced_order()
    proof = _proof(second)
    client.force_login(user_with_role(roles.TREASURER))
    review = reverse("treasury:transfer-proof-review", args=[proof.pk])
    response = client.post(review, {"verify": "1", "verify-bank_reference": "FT-1"}, follow=True)
    assert response.status_code == 200
    assert "FT-1 sudah pernah dicatat" in _page(response)
    proof.refresh_from_db()
    assert proof.status == TransferProofStatus.PENDING
    assert Payment.objects.count() == 1


def test_a_transfer_is_not_booked_while_the_invoice_correction_is_open():
    """The payment would leave the order behind in "correction requested" (no transition to
    "paid" from there): the bendahara is told to wait, nothing is written."""
    order = invoiced_order()
    proof = _proof(order)
    order_services.order_request_correction(order=order, buyer=order.user, note="Jumlah salah")
    with pytest.raises(billing_services.BillingError, match="koreksi"):
        treasury_services.transfer_proof_verify(
            proof=proof, by=user_with_role(roles.TREASURER), bank_reference="FT-9"
        )
    proof.refresh_from_db()
    assert proof.status == TransferProofStatus.PENDING and not Payment.objects.exists()


# --- kode billing: notification (integration tests) and the BPN form ---------------------------


def test_a_bpn_for_a_cancelled_order_is_listed_as_order_closed(client):
    order, billing = billed_order()
    _cancel_by_officer(order)
    client.force_login(user_with_role(roles.TREASURER))
    response = client.post(
        reverse("treasury:bpn-entry"),
        {
            "billing_code": billing.code,
            "ntpn": "ZXCVBN1234567890",
            "ntb": "556677",
            "amount": f"{billing.amount:,.0f}".replace(",", "."),
            "paid_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "bank_code": "008",
        },
        follow=True,
    )
    assert response.status_code == 200
    exception = PaymentException.objects.get()
    assert exception.kind == ExceptionKind.ORDER_CLOSED and exception.ntpn == "ZXCVBN1234567890"
    assert not Payment.objects.exists()
    assert "ZXCVBN1234567890" in _page(response)  # the treasurer's home lists it
    order.refresh_from_db()
    assert order.status == "cancelled"
