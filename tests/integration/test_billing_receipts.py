"""Kuitansi, transfer from abroad, cash at the counter (issue #8, "Done when")."""

from __future__ import annotations

import io
import threading
from datetime import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from pypdf import PdfReader

from pst import roles
from pst.calendar import office_calendar
from pst.models import DocumentSequence
from pst.terbilang import terbilang
from pst.workdays import JAKARTA, deposit_deadline
from shop.billing import services as billing_services
from shop.billing.models import Billing, BillingStatus
from shop.billing.simponi.simulator import teller_pay
from shop.treasury import services as treasury_services
from shop.treasury.models import (
    Payment,
    PaymentMethod,
    Receipt,
    TransferProofStatus,
)
from shop.treasury.services import receipts as receipt_services
from shop.treasury.services.receipts import RECEIPT_SCHEME
from tests.factories import UserFactory, user_with_role
from tests.factories.billing import billed_order, invoiced_order
from tests.factories.orders import pdf_bytes, place_order, png_bytes


def _paid_order():
    order, billing = billed_order()
    _paid, result = teller_pay(code=billing.code)
    return order, billing, result.payment


def _pdf_text(receipt: Receipt) -> str:
    with receipt.pdf.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(page.extract_text() for page in reader.pages)


@pytest.mark.django_db
def test_kuitansi_prints_buyer_amount_in_words_items_code_ntpn_bendahara_and_qr():
    order, billing, payment = _paid_order()
    treasurer = user_with_role(roles.TREASURER, full_name="Siti Bendahara")
    receipt = treasury_services.receipt_issue(payment=payment, by=treasurer)
    year = receipt.issued_at.astimezone(JAKARTA).year
    assert receipt.number == f"00001/KW/{settings.PST_OFFICE_CODE}/{year}"
    assert (receipt.amount, receipt.billing_code, receipt.ntpn) == (
        billing.amount,
        billing.code,
        payment.ntpn,
    )
    text = " ".join(_pdf_text(receipt).split())
    for expected in (
        receipt.number,
        order.user.get_full_name(),
        billing.code,
        payment.ntpn,
        "Siti Bendahara",
        terbilang(receipt.amount).capitalize()[:20],
        order.lines.first().title,
        "/bayar/kuitansi/verifikasi/" + receipt.verification_token,
    ):
        assert expected in text, expected
    order.refresh_from_db()
    assert order.status == "receipt_issued"
    with pytest.raises(billing_services.BillingError):
        treasury_services.receipt_issue(payment=payment, by=treasurer)


@pytest.mark.django_db
def test_only_the_bendahara_issues_a_kuitansi():
    _order, _billing, payment = _paid_order()
    with pytest.raises(billing_services.BillingError):
        treasury_services.receipt_issue(payment=payment, by=user_with_role(roles.OFFICER))
    assert not Receipt.objects.exists()


@pytest.mark.django_db
def test_a_correction_is_a_new_kuitansi_that_voids_the_old_one():
    _order, _billing, payment = _paid_order()
    treasurer = user_with_role(roles.TREASURER)
    old = treasury_services.receipt_issue(payment=payment, by=treasurer)
    new = treasury_services.receipt_correct(
        receipt=old, by=treasurer, reason="Nama pembeli salah eja", buyer_name="Nama Benar"
    )
    old.refresh_from_db()
    assert old.is_void and new.replaces == old and not new.is_void
    assert new.sequence == old.sequence + 1 and new.buyer_name == "Nama Benar"
    assert old.number in _pdf_text(new)
    with pytest.raises(billing_services.BillingError):
        treasury_services.receipt_correct(receipt=old, by=treasurer, reason="lagi")


@pytest.mark.django_db
def test_a_failed_issue_gives_its_number_back(monkeypatch):
    """Gap-free: the counter moves in the receipt's transaction, so a rollback undoes both."""
    treasurer = user_with_role(roles.TREASURER)
    _o1, _b1, first = _paid_order()
    _o2, _b2, second = _paid_order()

    def broken(_document):
        raise RuntimeError("printer on fire")

    monkeypatch.setattr(receipt_services, "render_pdf", broken)
    with pytest.raises(RuntimeError):
        treasury_services.receipt_issue(payment=first, by=treasurer)
    monkeypatch.undo()
    assert not Receipt.objects.exists()
    a = treasury_services.receipt_issue(payment=first, by=treasurer)
    b = treasury_services.receipt_issue(payment=second, by=treasurer)
    assert (a.sequence, b.sequence) == (1, 2)


@pytest.mark.django_db
def test_foreign_transfer_verified_records_the_payment():
    order = invoiced_order()
    invoice = order.current_invoice
    proof = treasury_services.transfer_proof_submit(
        invoice=invoice,
        buyer=order.user,
        upload=SimpleUploadedFile("bukti.png", png_bytes(), content_type="image/png"),
        sender_name="John Smith",
        sender_bank="HSBC London",
        transfer_date=datetime(2026, 11, 2).date(),
        amount=Decimal("12.50"),
        currency="usd",
    )
    assert proof.status == TransferProofStatus.PENDING and proof.currency == "USD"
    assert proof.content_type == "image/png"
    with pytest.raises(ValueError):
        _ = proof.file.url  # private store: no public URL
    treasurer = user_with_role(roles.TREASURER)
    payment = treasury_services.transfer_proof_verify(
        proof=proof, by=treasurer, bank_reference="FT2611020001"
    ).payment
    proof.refresh_from_db()
    assert proof.status == TransferProofStatus.VERIFIED and proof.payment == payment
    assert payment.method == PaymentMethod.TRANSFER and payment.amount == invoice.total
    order.refresh_from_db()
    assert order.status == "paid"
    receipt = treasury_services.receipt_issue(payment=payment, by=treasurer)
    assert receipt.ntpn == "" and receipt.payment_method == PaymentMethod.TRANSFER


@pytest.mark.django_db
def test_foreign_transfer_rejected_needs_a_reason_and_allows_a_new_proof():
    order = invoiced_order()
    treasurer = user_with_role(roles.TREASURER)

    def submit():
        return treasury_services.transfer_proof_submit(
            invoice=order.current_invoice,
            buyer=order.user,
            upload=SimpleUploadedFile("bukti.pdf", pdf_bytes(), content_type="application/pdf"),
            sender_name="John Smith",
            sender_bank="HSBC",
            transfer_date=datetime(2026, 11, 2).date(),
            amount=Decimal(100),
            currency="IDR",
        )

    proof = submit()
    with pytest.raises(billing_services.BillingError, match="Bukti transfer sebelumnya"):
        submit()
    with pytest.raises(billing_services.BillingError):
        treasury_services.transfer_proof_reject(proof=proof, by=treasurer, reason="  ")
    treasury_services.transfer_proof_reject(
        proof=proof, by=treasurer, reason="Dana tidak ditemukan di rekening koran"
    )
    proof.refresh_from_db()
    assert proof.status == TransferProofStatus.REJECTED and proof.rejection_reason
    assert not Payment.objects.exists()
    order.refresh_from_db()
    assert order.status == "invoiced"
    assert submit().status == TransferProofStatus.PENDING


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"MZ\x90\x00 not a document", "bukti.pdf"),
        (b"", "kosong.png"),
        (b"%PDF-1.4 broken", "x.pdf"),
    ],
)
def test_a_bad_transfer_proof_is_refused_with_a_message(content, name):
    order = invoiced_order()
    with pytest.raises(billing_services.BillingError) as refusal:
        treasury_services.transfer_proof_submit(
            invoice=order.current_invoice,
            buyer=order.user,
            upload=SimpleUploadedFile(name, content),
            sender_name="A",
            sender_bank="B",
            transfer_date=datetime(2026, 11, 2).date(),
            amount=Decimal(1),
            currency="IDR",
        )
    assert refusal.value.message


@pytest.mark.django_db
def test_another_buyer_cannot_submit_a_proof_for_my_invoice():
    order = invoiced_order()
    with pytest.raises(billing_services.BillingError):
        treasury_services.transfer_proof_submit(
            invoice=order.current_invoice,
            buyer=UserFactory(),
            upload=SimpleUploadedFile("b.png", png_bytes()),
            sender_name="A",
            sender_bank="B",
            transfer_date=datetime(2026, 11, 2).date(),
            amount=Decimal(1),
            currency="IDR",
        )


@pytest.mark.django_db
def test_cash_at_the_counter_is_recorded_with_its_same_day_deposit_deadline():
    order, billing = billed_order()
    treasurer = user_with_role(roles.TREASURER)
    received = datetime(2026, 11, 19, 10, 30, tzinfo=JAKARTA)  # a Thursday
    with pytest.raises(billing_services.BillingError, match="harus sama"):
        treasury_services.cash_record(
            invoice=order.current_invoice,
            amount=billing.amount + 1,
            by=treasurer,
            received_at=received,
        )
    payment = treasury_services.cash_record(
        invoice=order.current_invoice, amount=billing.amount, by=treasurer, received_at=received
    )
    assert payment.method == PaymentMethod.CASH and payment.recorded_by == treasurer
    assert payment.deposit_due_at == deposit_deadline(received, office_calendar())
    assert payment.deposit_due_at.astimezone(JAKARTA).date() == received.date()
    billing.refresh_from_db()
    assert billing.status == BillingStatus.VOID  # the code can no longer be paid too
    order.refresh_from_db()
    assert order.status == "paid"
    with pytest.raises(billing_services.BillingError, match="sudah dibayar"):
        treasury_services.cash_record(
            invoice=order.current_invoice, amount=billing.amount, by=treasurer
        )


# --- concurrency (PostgreSQL: SQLite serialises writers, so it proves nothing there) ----------

_ON_POSTGRES = connection.vendor == "postgresql"


def _fifty_payments(count: int):
    """``count`` confirmed payments. One placed order carries ``count`` invoices (all but one
    void) so setup stays fast; the order stays "submitted", so no order move competes."""
    from shop.order.models import Invoice

    order = place_order()
    payments = []
    for n in range(count):
        invoice = Invoice.objects.create(
            order=order,
            number=f"INV-CONC-{n:03d}",
            total=Decimal(50_000),
            valid_until=datetime(2099, 1, 1).date(),
            voided_at=None if n == count - 1 else datetime(2026, 1, 1, tzinfo=JAKARTA),
        )
        payments.append(
            Payment.objects.create(
                invoice=invoice,
                method=PaymentMethod.CASH,
                source="cash_counter",
                amount=invoice.total,
                paid_at=datetime(2026, 11, 19, 9, tzinfo=JAKARTA),
            )
        )
    return payments


@pytest.mark.postgres
@pytest.mark.skipif(not _ON_POSTGRES, reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_concurrent_issues_give_fifty_distinct_consecutive_numbers():
    payments = _fifty_payments(50)
    treasurer = user_with_role(roles.TREASURER)
    start = threading.Barrier(len(payments))
    errors: list[BaseException] = []

    def issue(payment):
        try:
            start.wait()
            treasury_services.receipt_issue(payment=payment, by=treasurer)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(p,)) for p in payments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    sequences = sorted(Receipt.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, 51))
    assert Receipt.objects.values("number").distinct().count() == 50
    assert DocumentSequence.objects.get(scheme=RECEIPT_SCHEME).last == 50


@pytest.mark.django_db
def test_billing_one_live_per_invoice_is_a_database_rule():
    from django.db import IntegrityError, transaction

    order, billing = billed_order()
    with pytest.raises(IntegrityError), transaction.atomic():
        Billing.objects.create(
            invoice=order.current_invoice,
            code="899999999999998",
            amount=billing.amount,
            payer_name="x",
            account_code="425411",
            issued_at=billing.issued_at,
            expires_at=billing.expires_at,
        )
