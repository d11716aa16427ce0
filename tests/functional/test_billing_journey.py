"""The payment pages through the test client: buyer, bank teller, bendahara, public check
(issue #8, "Done when")."""

from __future__ import annotations

import json
import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from pst import roles
from shop.billing.models import Billing
from shop.billing.simponi import signing
from shop.billing.simponi.simulator import teller_pay
from shop.treasury.models import (
    Payment,
    PaymentException,
    Receipt,
    TransferProof,
)
from shop.treasury.models import (
    PaymentExceptionKind as ExceptionKind,
)
from tests.factories import UserFactory, user_with_role
from tests.factories.billing import (
    billed_order,
    invoiced_order,
    microdata_with_master,
    transfer_proof_post,
)

pytestmark = pytest.mark.django_db

SELECTION = {"variables": "region_code,B4K4", "regions": "7315"}


def _order_page(client, order):
    return client.get(reverse("customer:order", kwargs={"order_number": order.number}))


def _signed_post(client, payload: dict, *, nonce=None):
    body = json.dumps(payload).encode()
    headers = signing.signed_headers(
        settings.SIMPONI_NOTIFICATION_SECRET, body, now=int(timezone.now().timestamp()), nonce=nonce
    )
    return client.post(
        reverse("billing:simponi-notify"),
        data=body,
        content_type="application/json",
        headers=headers,
    )


def test_pay_by_billing_code_through_the_simulator_then_receipt_and_files(client):
    order = invoiced_order(products=[microdata_with_master()], options=SELECTION)
    buyer = order.user
    client.force_login(buyer)
    response = client.post(reverse("billing:billing-create", args=[order.number]))
    assert response.status_code == 302
    billing = Billing.objects.get(invoice=order.current_invoice)
    page = _order_page(client, order)
    assert billing.code in page.content.decode()

    # The demo bank stands for the buyer's own bank (issue #15, finding 1).
    page = client.post(reverse("billing:teller"), {"code": billing.code})
    ntpn = Payment.objects.get().ntpn
    assert ntpn in page.content.decode()

    treasurer = user_with_role(roles.TREASURER)
    client.force_login(treasurer)
    home = client.get(reverse("treasury:payments")).content.decode()
    assert order.current_invoice.number in home
    payment = Payment.objects.get()
    client.post(reverse("treasury:receipt-issue", args=[payment.pk]))
    receipt = Receipt.objects.get()

    client.force_login(buyer)
    page = _order_page(client, order).content.decode()
    assert receipt.number in page
    status = re.search(r'id="payment-status">(.*?)</div>', page, re.S).group(1)
    assert "((" not in status and "))" not in status  # issue #17: "(kode billing (teller…))"
    pdf = client.get(reverse("billing:receipt-pdf", args=[receipt.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    token = re.search(r"/bayar/unduh/([\w-]+)/", page).group(1)
    download = client.post(reverse("billing:delivery-download", args=[token]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    assert b"".join(download.streaming_content).startswith(b"PK")
    order.refresh_from_db()
    assert order.status == "delivered"

    # someone else gets nothing: not the file, not the kuitansi
    client.force_login(UserFactory())
    assert client.post(reverse("billing:delivery-download", args=[token])).status_code == 404
    assert client.get(reverse("billing:receipt-pdf", args=[receipt.pk])).status_code == 404


def test_notification_endpoint_is_signed_idempotent_and_replay_safe(client):
    _order, billing = billed_order()
    payload = {
        "billing_code": billing.code,
        "ntpn": "ABCDEF0123456789",
        "ntb": "123456789012",
        "amount": str(billing.amount),
        "paid_at": timezone.now().isoformat(),
        "bank_code": "002",
    }
    first = _signed_post(client, payload, nonce="nonce-1")
    assert (first.status_code, first.json()["status"]) == (200, "accepted")
    again = _signed_post(client, payload, nonce="nonce-2")
    assert again.json()["status"] == "duplicate"
    replay = _signed_post(client, payload, nonce="nonce-1")
    assert replay.status_code == 403
    unsigned = client.post(
        reverse("billing:simponi-notify"), data=json.dumps(payload), content_type="application/json"
    )
    assert unsigned.status_code == 403
    assert Payment.objects.count() == 1
    malformed = _signed_post(client, {"billing_code": billing.code}, nonce="nonce-3")
    assert malformed.status_code == 400


@pytest.mark.parametrize("kind", ["amount", "expired", "unknown"])
def test_bad_payments_are_listed_as_exceptions_for_the_bendahara(client, kind):
    _order, billing = billed_order()
    code, amount = billing.code, billing.amount
    if kind == "amount":
        amount -= 500
    elif kind == "expired":
        Billing.objects.filter(pk=billing.pk).update(expires_at=timezone.now().replace(year=2020))
    else:
        code = "799999999999999"
    client.force_login(user_with_role(roles.TREASURER))
    response = client.post(
        reverse("treasury:bpn-entry"),
        {
            "billing_code": code,
            "ntpn": "QWERTY1234567890",
            "ntb": "778899",
            "amount": f"{amount:,.0f}".replace(",", "."),
            "paid_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "bank_code": "008",
        },
    )
    assert response.status_code == 302
    exception = PaymentException.objects.get()
    expected = {
        "amount": ExceptionKind.AMOUNT_MISMATCH,
        "expired": ExceptionKind.EXPIRED_CODE,
        "unknown": ExceptionKind.UNKNOWN_CODE,
    }[kind]
    assert exception.kind == expected and not Payment.objects.exists()
    home = client.get(reverse("treasury:payments")).content.decode()
    assert "QWERTY1234567890" in home


def test_bendahara_pages_need_the_bendahara_role(client):
    client.force_login(user_with_role(roles.OFFICER))
    for name in ("treasury:payments", "treasury:bpn-entry", "treasury:cash-entry"):
        assert client.get(reverse(name)).status_code == 403
    client.logout()
    assert client.get(reverse("treasury:payments")).status_code == 302


@pytest.mark.parametrize(
    "role", [roles.OFFICER, roles.TREASURER, roles.HEAD_OF_OFFICE, roles.ADMINISTRATOR]
)
def test_office_staff_get_no_pay_button_at_the_demo_bank(client, role):
    """Before the fix any staff member could mark any code paid (issue #15, finding 1)."""
    _order, billing = billed_order()
    client.force_login(user_with_role(role))
    page = client.get(reverse("billing:teller"))
    assert page.status_code == 403 and 'name="pay"' not in page.content.decode()
    assert client.post(reverse("billing:teller"), {"code": billing.code}).status_code == 403
    assert not Payment.objects.exists()


def test_a_buyer_pays_only_the_codes_of_their_own_bills(client):
    _order, billing = billed_order()
    client.force_login(UserFactory())
    page = client.post(reverse("billing:teller"), {"code": billing.code})
    assert page.status_code == 200 and "bukan tagihan Anda" in page.content.decode()
    assert not Payment.objects.exists()


def test_teller_refuses_an_unknown_code_with_a_message(client):
    client.force_login(UserFactory())
    page = client.post(reverse("billing:teller"), {"code": "712345678901234"})
    assert page.status_code == 200 and "bukan tagihan Anda" in page.content.decode()


def test_foreign_transfer_upload_and_bendahara_verification(client):
    order = invoiced_order()
    client.force_login(order.user)
    url = reverse("billing:transfer-proof-upload", args=[order.number])
    bad = client.post(
        url, transfer_proof_post(SimpleUploadedFile("bukti.pdf", b"not a pdf at all"))
    )
    assert bad.status_code == 200 and not TransferProof.objects.exists()
    good = client.post(url, transfer_proof_post())
    assert good.status_code == 302
    proof = TransferProof.objects.get()
    treasurer = user_with_role(roles.TREASURER)
    client.force_login(treasurer)
    review = reverse("treasury:transfer-proof-review", args=[proof.pk])
    assert client.get(review).status_code == 200
    assert client.get(reverse("treasury:transfer-proof-file", args=[proof.pk])).status_code == 200
    client.post(review, {"verify": "1", "verify-bank_reference": "TT-2026-0001"})
    assert Payment.objects.get().reference == "TT-2026-0001"
    client.force_login(order.user)  # the buyer never sees the proof through staff URLs
    assert client.get(reverse("treasury:transfer-proof-file", args=[proof.pk])).status_code == 403


def test_cash_form_records_cash(client):
    order, billing = billed_order()
    client.force_login(user_with_role(roles.TREASURER))
    response = client.post(
        reverse("treasury:cash-entry"),
        {"invoice_number": order.current_invoice.number, "amount": str(billing.amount)},
    )
    assert response.status_code == 302
    payment = Payment.objects.get()
    assert payment.method == "tunai" and payment.deposit_due_at is not None


def test_public_verification_page_shows_genuineness_without_personal_details(client):
    order, billing = billed_order()
    _paid, result = teller_pay(code=billing.code)
    treasurer = user_with_role(roles.TREASURER)
    from shop.treasury import services

    receipt = services.receipt_issue(payment=result.payment, by=treasurer)
    page = client.get(reverse("billing:receipt-verify", args=[receipt.verification_token]))
    text = page.content.decode()
    assert page.status_code == 200 and receipt.number in text
    assert order.user.get_full_name() not in text and order.user.email not in text
    new = services.receipt_correct(receipt=receipt, by=treasurer, reason="salah nama")
    text = client.get(reverse("billing:receipt-verify", args=[receipt.verification_token]))
    assert new.number in text.content.decode()
    assert client.get(reverse("billing:receipt-verify", args=["bogus"])).status_code == 404


def test_signed_sppd_upload_is_private_and_the_officer_records_the_originals(client):
    from shop.delivery.models import SppdUpload
    from tests.factories.orders import pdf_bytes

    order, billing = billed_order()
    teller_pay(code=billing.code)
    client.force_login(order.user)
    bad = client.post(
        reverse("billing:sppd-upload", args=[order.number]),
        {"sppd": SimpleUploadedFile("sppd.pdf", b"plain text")},
    )
    assert bad.status_code == 302 and not SppdUpload.objects.exists()
    client.post(
        reverse("billing:sppd-upload", args=[order.number]),
        {"sppd": SimpleUploadedFile("sppd.pdf", pdf_bytes())},
    )
    sppd = SppdUpload.objects.get()
    assert client.get(reverse("billing:sppd-file", args=[sppd.pk])).status_code == 200
    refused = client.post(reverse("billing:sppd-originals-received", args=[sppd.pk]))
    assert refused.status_code == 403
    client.force_login(UserFactory())
    assert client.get(reverse("billing:sppd-file", args=[sppd.pk])).status_code == 404
    client.force_login(user_with_role(roles.OFFICER))
    assert client.get(reverse("billing:sppd-file", args=[sppd.pk])).status_code == 200
    client.post(reverse("billing:sppd-originals-received", args=[sppd.pk]))
    sppd.refresh_from_db()
    assert sppd.originals_received_at is not None
