"""Payments (issue #8, in the treasury since issue #19): a deposit confirmed by NTPN, a BPN the
bendahara enters, a transfer from abroad verified on the statement, cash at the counter, and the
exceptions the bendahara resolves (STYLE.md habit 2: one service per change, one transaction).

Rules and where they come from:

- A payment is confirmed from NTPN + amount (DOMAIN.md); the same NTPN twice changes nothing; a
  wrong amount, an expired or void code, an unknown code, or a second payment of a paid invoice
  becomes a :class:`~shop.treasury.models.PaymentException`, never a payment
  -> :func:`payment_confirm`. SIMPONI's signed notifications reach it through
  ``shop.billing.signals.deposit_reported`` (``shop/treasury/receivers.py``).
- Abroad: transfer proof verified or rejected with a reason by the bendahara (step 6).
- Money for an order that was cancelled or rejected is never a payment: a deposit by code or a
  verified transfer becomes an ``order_closed`` exception (the bendahara refunds it); cash and
  new transfer proofs are refused before anything is written.
- Cash at the counter: deposited the same working day (PMK 3/PMK.02/2013) -> ``deposit_due_at``
  from :func:`pst.workdays.deposit_deadline` on the office calendar.
- Every payment is entered in the Buku Kas Umum in its own transaction
  (:func:`~shop.treasury.services.books.cashbook_record_receipt`).
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from pst import roles
from pst.calendar import office_calendar
from pst.clock import local_date
from pst.money import (
    MAX_AMOUNT,
    AmountOutOfBounds,
    amount_within_bounds,
    check_amount_bounds,
    format_rupiah,
)
from pst.pdfdoc import format_date_id
from pst.workdays import deposit_deadline
from shop.billing.identifiers import is_valid_ntpn
from shop.billing.models import Billing, BillingStatus
from shop.billing.services import (
    BillingError,
    checked_upload,
    lock_invoice,
    order_is_closed,
    order_move,
)
from shop.billing.simponi.interface import PaymentConfirmation
from shop.order import services as order_services
from shop.order.workflow import transition_for

from ..models import (
    Payment,
    PaymentException,
    PaymentExceptionKind,
    PaymentExceptionResolution,
    PaymentMethod,
    PaymentSource,
    TransferProof,
    TransferProofStatus,
)
from .books import cashbook_record_receipt

logger = logging.getLogger(__name__)


def _require_treasurer(user) -> None:
    if not roles.user_has_role(user, roles.TREASURER):
        raise BillingError("Hanya Bendahara yang boleh melakukan ini.")


def _require_open_invoice(invoice, *, closed: str) -> None:
    """Money the buyer has not yet handed over (cash, a new transfer proof) is refused for an
    order that is closed (``closed`` says what to do instead), a void invoice or a paid one."""
    if order_is_closed(invoice.order):
        raise BillingError(closed)
    if invoice.voided_at is not None:
        raise BillingError("Invoice ini sudah tidak berlaku.")
    if Payment.objects.filter(invoice=invoice).exists():
        raise BillingError("Invoice ini sudah dibayar.")


def awaits_payment(order) -> bool:
    """The workflow table lets a payment move the order to "paid" from where it is now (so
    ``_after_payment`` will not silently leave it behind, e.g. during a correction request)."""
    return bool(
        transition_for("order_mark_paid", order.status)
        or transition_for("order_mark_awaiting_payment", order.status)
    )


# --- payment confirmation --------------------------------------------------------------------


@dataclass(frozen=True)
class ConfirmationResult:
    """What a confirmation did: a new payment, the payment already recorded for this NTPN
    (``duplicate``), or an exception for the bendahara."""

    payment: Payment | None = None
    exception: PaymentException | None = None
    duplicate: bool = False

    @property
    def accepted(self) -> bool:
        return self.payment is not None


def _record_exception(
    kind: str, confirmation: PaymentConfirmation, *, source: str, billing=None, by=None
) -> ConfirmationResult:
    existing = PaymentException.objects.filter(ntpn=confirmation.ntpn).first()
    if existing is not None:
        return ConfirmationResult(exception=existing, duplicate=True)
    exception = PaymentException.objects.create(
        kind=kind,
        source=source,
        billing_code=confirmation.billing_code[:32],
        billing=billing,
        ntpn=confirmation.ntpn,
        ntb=confirmation.ntb[:32],
        bank_code=confirmation.bank_code[:10],
        amount=confirmation.amount,
        expected_amount=billing.amount if billing is not None else None,
        paid_at=confirmation.paid_at,
        recorded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    logger.warning("payment exception %s for code %s", kind, confirmation.billing_code)
    return ConfirmationResult(exception=exception)


def payment_confirm(
    *, confirmation: PaymentConfirmation, source: str, by=None
) -> ConfirmationResult:
    """Confirm a deposit reported by SIMPONI/MPN or entered from a BPN (step 6).

    Idempotent by NTPN: a payment or exception already recorded under the NTPN is returned and
    nothing changes (the ``UniqueConstraint`` on ``Payment.ntpn`` decides even for two requests
    racing each other). Otherwise, in this order: unknown code; order cancelled or rejected; void
    or expired code (paid after ``expires_at``); amount differing from the billing; invoice
    already paid -> exception. Else a payment is recorded, the billing is paid and the order
    moves to "paid".
    """
    if not is_valid_ntpn(confirmation.ntpn):
        raise BillingError("NTPN harus 16 huruf kapital atau angka.")
    amount = confirmation.amount
    if not amount_within_bounds(amount) or amount != amount.to_integral_value():
        raise BillingError(
            "Jumlah harus rupiah bulat, lebih dari nol dan paling banyak "
            f"{format_rupiah(MAX_AMOUNT)}."
        )
    try:
        with transaction.atomic():
            return _payment_confirm(confirmation=confirmation, source=source, by=by)
    except IntegrityError:
        # A concurrent confirmation of the same NTPN won the race: report what it recorded.
        payment = Payment.objects.filter(ntpn=confirmation.ntpn).first()
        if payment is not None:
            return ConfirmationResult(payment=payment, duplicate=True)
        exception = PaymentException.objects.filter(ntpn=confirmation.ntpn).first()
        if exception is not None:
            return ConfirmationResult(exception=exception, duplicate=True)
        raise


def _payment_confirm(*, confirmation: PaymentConfirmation, source: str, by) -> ConfirmationResult:
    existing = Payment.objects.filter(ntpn=confirmation.ntpn).first()
    if existing is not None:
        return ConfirmationResult(payment=existing, duplicate=True)
    billing = (
        Billing.objects.select_for_update().filter(code=confirmation.billing_code).first()
        if confirmation.billing_code
        else None
    )
    if billing is None:
        return _record_exception(
            PaymentExceptionKind.UNKNOWN_CODE, confirmation, source=source, by=by
        )
    invoice = lock_invoice(billing.invoice)
    if order_is_closed(invoice.order):
        # Money for an order the buyer cancelled or the officer rejected: the bendahara refunds
        # or re-books it; it never reopens the order (docs/billing.md, rule 3).
        return _record_exception(
            PaymentExceptionKind.ORDER_CLOSED, confirmation, source=source, billing=billing, by=by
        )
    if billing.status == BillingStatus.VOID or confirmation.paid_at > billing.expires_at:
        return _record_exception(
            PaymentExceptionKind.EXPIRED_CODE, confirmation, source=source, billing=billing, by=by
        )
    if confirmation.amount != billing.amount:
        return _record_exception(
            PaymentExceptionKind.AMOUNT_MISMATCH,
            confirmation,
            source=source,
            billing=billing,
            by=by,
        )
    if billing.status == BillingStatus.PAID or Payment.objects.filter(invoice=invoice).exists():
        return _record_exception(
            PaymentExceptionKind.ALREADY_PAID, confirmation, source=source, billing=billing, by=by
        )
    payment = Payment.objects.create(
        invoice=invoice,
        billing=billing,
        method=PaymentMethod.BILLING,
        source=source,
        amount=confirmation.amount,
        ntpn=confirmation.ntpn,
        ntb=confirmation.ntb[:32],
        bank_code=confirmation.bank_code[:10],
        paid_at=confirmation.paid_at,
        recorded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    billing.status = BillingStatus.PAID
    billing.save(update_fields=["status"])
    _after_payment(payment, by=by, note=f"NTPN {payment.ntpn}")
    return ConfirmationResult(payment=payment)


def _after_payment(payment: Payment, *, by, note: str) -> None:
    """Move the order to "paid" (through "awaiting payment" when the buyer paid by transfer or
    cash without ever asking for a kode billing) and enter the money in the cash book."""
    order = payment.invoice.order
    order_move(order_services.order_mark_awaiting_payment, order=order, by=by, note=note)
    order_move(order_services.order_mark_paid, order=order, by=by, note=note)
    cashbook_record_receipt(payment=payment, by=by)


def bpn_record(
    *,
    billing_code: str,
    ntpn: str,
    ntb: str,
    amount: Decimal,
    paid_at: datetime,
    bank_code: str,
    by,
) -> ConfirmationResult:
    """The bendahara enters a BPN (Bukti Penerimaan Negara: date, NTPN, NTB, amount, bank);
    it is confirmed exactly like a machine notification."""
    _require_treasurer(by)
    confirmation = PaymentConfirmation(
        billing_code=billing_code.strip(),
        ntpn=ntpn.strip().upper(),
        ntb=ntb.strip(),
        amount=Decimal(amount),
        paid_at=paid_at,
        bank_code=bank_code.strip(),
    )
    return payment_confirm(confirmation=confirmation, source=PaymentSource.BPN, by=by)


@transaction.atomic
def payment_exception_resolve(*, exception: PaymentException, by, resolution: str):
    """The bendahara closes an exception with what was done (refund, new billing, …): a
    :class:`PaymentExceptionResolution` row; the exception itself is never edited, and money is
    never moved here. A second resolution is refused (and by the one-per-exception constraint)."""
    _require_treasurer(by)
    exception = PaymentException.objects.select_for_update().get(pk=exception.pk)
    if PaymentExceptionResolution.objects.filter(exception=exception).exists():
        raise BillingError("Pengecualian ini sudah diselesaikan.")
    if not resolution.strip():
        raise BillingError("Tuliskan penyelesaiannya.")
    PaymentExceptionResolution.objects.create(
        exception=exception, resolved_by=by, note=resolution.strip()
    )
    return PaymentException.objects.select_related("resolved").get(pk=exception.pk)


# --- transfer from abroad --------------------------------------------------------------------


@transaction.atomic
def transfer_proof_submit(
    *,
    invoice,
    buyer,
    upload,
    sender_name: str,
    sender_bank: str,
    transfer_date,
    amount: Decimal,
    currency: str,
) -> TransferProof:
    """The buyer abroad uploads the proof of transfer (PDF or image, private store)."""
    invoice = lock_invoice(invoice)
    if invoice.order.user_id != buyer.pk:
        raise BillingError("Invoice ini bukan milik Anda.")
    _require_open_invoice(
        invoice,
        closed="Pesanan ini sudah dibatalkan atau ditolak, sehingga tidak dapat dibayar lagi. "
        "Jika Anda sudah mentransfer, hubungi Bendahara untuk pengembalian dana.",
    )
    if TransferProof.objects.filter(invoice=invoice, status=TransferProofStatus.PENDING).exists():
        raise BillingError("Bukti transfer sebelumnya masih diperiksa Bendahara.")
    try:
        amount = check_amount_bounds(amount)
    except (AmountOutOfBounds, TypeError) as error:
        raise BillingError(f"Jumlah transfer: {error}.") from None
    checked = checked_upload(upload)
    proof = TransferProof(
        invoice=invoice,
        submitted_by=buyer,
        content_type=checked.content_type,
        sender_name=sender_name.strip(),
        sender_bank=sender_bank.strip(),
        transfer_date=transfer_date,
        amount=amount,
        currency=currency.upper(),
    )
    proof.file.save(
        f"bukti-{secrets.token_hex(8)}.{checked.extension}",
        ContentFile(checked.content),
        save=False,
    )
    proof.save()
    return proof


def _transfer_paid_at(proof: TransferProof, now: datetime) -> datetime:
    if proof.transfer_date:
        return timezone.make_aware(datetime.combine(proof.transfer_date, datetime.min.time()))
    return now


@transaction.atomic
def transfer_proof_verify(*, proof: TransferProof, by, bank_reference: str) -> ConfirmationResult:
    """The bendahara found the transfer on the treasurer's account statement (step 6): the
    payment is recorded under the statement's reference, for the invoice's total.

    When the order was cancelled or rejected after the buyer uploaded the proof, the money is
    at the bank but buys nothing: it becomes an ``order_closed`` exception under the statement
    reference (amount: the invoice total the bendahara matched), the proof ends ``refund``,
    and the order stays closed (docs/billing.md, rule 3). A statement reference is used once,
    for a payment or an exception.
    """
    _require_treasurer(by)
    proof = TransferProof.objects.select_for_update().get(pk=proof.pk)
    invoice = lock_invoice(proof.invoice)
    if proof.status != TransferProofStatus.PENDING:
        raise BillingError("Bukti transfer ini sudah diputuskan.")
    reference = bank_reference.strip()[:64]
    if not reference:
        raise BillingError("Isi nomor referensi transaksi pada rekening koran.")
    if (
        Payment.objects.filter(method=PaymentMethod.TRANSFER, reference=reference).exists()
        or PaymentException.objects.filter(reference=reference).exists()
    ):
        raise BillingError(f"Referensi rekening koran {reference} sudah pernah dicatat.")
    if Payment.objects.filter(invoice=invoice).exists():
        raise BillingError("Invoice ini sudah dibayar.")
    now = timezone.now()
    proof.decided_at = now
    proof.decided_by = by
    if order_is_closed(invoice.order):
        exception = PaymentException.objects.create(
            kind=PaymentExceptionKind.ORDER_CLOSED,
            source=PaymentSource.TRANSFER_PROOF,
            reference=reference,
            transfer_proof=proof,
            amount=invoice.total,
            expected_amount=invoice.total,
            paid_at=_transfer_paid_at(proof, now),
            recorded_by=by,
        )
        proof.status = TransferProofStatus.REFUND
        proof.save(update_fields=["status", "decided_at", "decided_by"])
        logger.warning("transfer %s received for closed order %s", reference, invoice.order)
        return ConfirmationResult(exception=exception)
    if invoice.voided_at is not None:
        raise BillingError(
            f"Invoice {invoice.number} pada bukti ini sudah diganti setelah koreksi; tolak "
            "bukti ini dengan alasannya agar pembeli mengunggah bukti untuk invoice yang berlaku."
        )
    if not awaits_payment(invoice.order):
        raise BillingError(
            "Pesanan ini belum atau tidak lagi menunggu pembayaran (misalnya koreksi invoice "
            "masih dibuka); verifikasi setelah petugas menjawab koreksi."
        )
    payment = Payment.objects.create(
        invoice=invoice,
        method=PaymentMethod.TRANSFER,
        source=PaymentSource.TRANSFER_PROOF,
        amount=invoice.total,
        reference=reference,
        paid_at=_transfer_paid_at(proof, now),
        recorded_by=by,
    )
    proof.status = TransferProofStatus.VERIFIED
    proof.payment = payment
    proof.save(update_fields=["status", "decided_at", "decided_by", "payment"])
    _after_payment(payment, by=by, note=f"Transfer {payment.reference}")
    return ConfirmationResult(payment=payment)


@transaction.atomic
def transfer_proof_reject(*, proof: TransferProof, by, reason: str) -> TransferProof:
    """Not found on the statement, or the wrong amount: rejected with a reason the buyer reads;
    the buyer may upload a new proof."""
    _require_treasurer(by)
    proof = TransferProof.objects.select_for_update().get(pk=proof.pk)
    if proof.status != TransferProofStatus.PENDING:
        raise BillingError("Bukti transfer ini sudah diputuskan.")
    if not reason.strip():
        raise BillingError("Tuliskan alasan penolakan untuk pembeli.")
    proof.status = TransferProofStatus.REJECTED
    proof.decided_at = timezone.now()
    proof.decided_by = by
    proof.rejection_reason = reason.strip()
    proof.save(update_fields=["status", "decided_at", "decided_by", "rejection_reason"])
    return proof


# --- cash at the counter ---------------------------------------------------------------------


@transaction.atomic
def cash_record(*, invoice, amount: Decimal, by, received_at: datetime | None = None) -> Payment:
    """The bendahara received cash for ``invoice`` at the counter (walk-in, step 6).

    The exact invoice total only (PNBP is paid in full; change is not PNBP). The payment carries
    its deposit deadline: the end of the same working day, or the next working day
    (PMK 3/PMK.02/2013, :func:`pst.workdays.deposit_deadline`), for the cash book. Cash the
    order cannot take is refused before anything is written (:func:`_require_cash_payable`).
    """
    _require_treasurer(by)
    invoice = lock_invoice(invoice)
    received_at = received_at or timezone.now()
    _require_cash_payable(invoice, on=local_date(received_at))
    if not amount_within_bounds(amount) or Decimal(amount) != invoice.total:
        raise BillingError(
            f"Jumlah tunai harus sama dengan tagihan {format_rupiah(invoice.total)}."
        )
    payment = Payment.objects.create(
        invoice=invoice,
        method=PaymentMethod.CASH,
        source=PaymentSource.CASH_COUNTER,
        amount=invoice.total,
        paid_at=received_at,
        deposit_due_at=deposit_deadline(received_at, office_calendar()),
        recorded_by=by,
    )
    # A live kode billing of the invoice can no longer be paid for the same invoice.
    Billing.objects.filter(invoice=invoice, status=BillingStatus.UNPAID).update(
        status=BillingStatus.VOID
    )
    _after_payment(payment, by=by, note=f"Tunai {format_rupiah(payment.amount)}")
    return payment


def _require_cash_payable(invoice, *, on: date) -> None:
    """Guards of cash at the counter, checked before anything is written: the bendahara is
    holding the buyer's money and must hand it back, not book it. A cancelled or rejected order
    takes no money (unlike a bank deposit, which is already made and becomes an exception);
    the invoice must be in force, unpaid, still valid (one month, DOMAIN.md), and the order
    waiting for payment (not while the buyer's correction request is open)."""
    order = invoice.order
    _require_open_invoice(
        invoice,
        closed="Pesanan ini sudah dibatalkan atau ditolak; uang tunai tidak boleh diterima. "
        "Kembalikan uangnya kepada pembeli.",
    )
    if not awaits_payment(order):
        raise BillingError("Pesanan ini belum atau tidak lagi menunggu pembayaran.")
    if invoice.valid_until < on:
        raise BillingError(
            f"Invoice ini kedaluwarsa (berlaku sampai {format_date_id(invoice.valid_until)}); "
            "uang tunai tidak boleh diterima."
        )
