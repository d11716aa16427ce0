"""State changes of payment, receipts and delivery (issue #8; STYLE.md habit 2).

Every function runs in one transaction, locks what it changes, checks its guards, and moves the
order through ``shop.order.services`` (the order workflow's only door). Views, the notification
endpoint, the simulator's bank teller and ``seed_demo`` all come here.

Rules and where they come from:

- A kode billing per invoice, expiring after ``PNBP_BILLING_EXPIRY_DAYS`` (SIMPONI: 7 days);
  after expiry it is void and a new code is made (DOMAIN.md) -> :func:`billing_issue`,
  :func:`billing_reissue`.
- A payment is confirmed from NTPN + amount (DOMAIN.md); the same NTPN twice changes nothing; a
  wrong amount, an expired or void code, an unknown code, or a second payment of a paid invoice
  becomes a :class:`~.models.PaymentException`, never a payment -> :func:`payment_confirm`.
- Abroad: transfer proof verified or rejected with a reason by the bendahara (step 6).
- Money for an order that was cancelled or rejected is never a payment: a deposit by code or a
  verified transfer becomes an ``order_closed`` exception (the bendahara refunds it); cash and
  new transfer proofs are refused before anything is written.
- An invoice is valid for one month (DOMAIN.md): one that lapsed unpaid cancels its order and
  voids its unpaid codes -> :func:`invoices_expire` (``manage.py expire_invoices``, daily).
- Cash at the counter: deposited the same working day (PMK 3/PMK.02/2013) -> ``deposit_due_at``
  from :func:`pst.workdays.deposit_deadline` on the office calendar.
- Kuitansi: gap-free numbers per office and year (counter row + ``select_for_update``, unique
  constraint); a correction is a new receipt replacing the old (STYLE.md habit 4).
- Delivery after the receipt; links per buyer, expiring, limited in count; every download logged.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import secrets
import tempfile
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

import watermark
from pst import roles
from pst.calendar import office_calendar
from pst.clock import local_date, office_today
from pst.formats import format_datetime
from pst.links import absolute_url
from pst.money import (
    MAX_AMOUNT,
    AmountOutOfBounds,
    amount_within_bounds,
    check_amount_bounds,
    format_rupiah,
)
from pst.pdfdoc import (
    AmountInWords,
    Document,
    KeyValues,
    Note,
    Signature,
    TableBlock,
    format_date_id,
    render_pdf,
)
from pst.storage import private_storage
from pst.workdays import deposit_deadline

from .identifiers import is_valid_billing_code, is_valid_ntpn
from .models import (
    Billing,
    BillingStatus,
    DeliveryDownload,
    DeliveryItem,
    DeliveryKind,
    ExceptionKind,
    NotificationNonce,
    Payment,
    PaymentException,
    PaymentMethod,
    PaymentSource,
    Receipt,
    ReceiptCounter,
    SppdUpload,
    TransferProof,
    TransferProofStatus,
)
from .simponi import get_adapter, signing
from .simponi.interface import (
    BillingIssued,
    BillingRequest,
    BillingState,
    PaymentConfirmation,
    SimponiError,
)

logger = logging.getLogger(__name__)


class BillingError(Exception):
    """A guard refused the change; ``message`` is Indonesian, fit for the page."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


# --- the order workflow's door -----------------------------------------------------------------


def _order_move(service: str, *, order, by=None, note: str = "") -> None:
    """Move the order with ``shop.order.services.<service>`` when the order is where that
    transition starts; an order already further along (e.g. a second path confirming the same
    payment) is left alone. The transition table lives in ``shop/order/workflow.py``; ``by``
    acts when the table lets that person make the move, else the site itself does (SYSTEM)."""
    from shop.order import services as order_services
    from shop.order.workflow import transition_for

    order.refresh_from_db(fields=["status"])
    transition = transition_for(service, order.status)
    if transition is None:
        return
    actor = by if getattr(by, "is_authenticated", False) else None
    if actor is not None and not transition.actors & order_services.actor_kinds(order, actor):
        actor = None
    try:
        getattr(order_services, service)(order=order, actor=actor, note=note)
    except order_services.OrderActionError as error:
        raise BillingError(error.message) from error


def _lock_invoice(invoice):
    from shop.order.models import Invoice

    return (
        Invoice.objects.select_for_update(of=("self",))
        .select_related("order", "order__user")
        .get(pk=invoice.pk)
    )


def _checked_upload(upload):
    """A PDF, PNG or JPEG checked by content (``pst.uploads``, shared with the order's
    documents); raises ``BillingError`` with the reason for the form."""
    from pst.uploads import UploadRejected, validate_upload

    if upload is None:
        raise BillingError("Pilih berkas yang akan diunggah.")
    limit = settings.PNBP_UPLOAD_MAX_BYTES
    try:
        return validate_upload(
            content=upload.read(limit + 1),
            original_name=getattr(upload, "name", "") or "",
            max_bytes=limit,
            max_pages=settings.PST_ORDER_UPLOAD_MAX_PAGES,
        )
    except UploadRejected as error:
        raise BillingError(error.message) from None


def _require_treasurer(user) -> None:
    if not roles.user_has_role(user, roles.TREASURER):
        raise BillingError("Hanya Bendahara yang boleh melakukan ini.")


def order_is_closed(order) -> bool:
    """Cancelled or rejected: the order takes no more money (docs/billing.md, rule 3)."""
    from shop.order.workflow import OrderStatus

    return order.status in (OrderStatus.CANCELLED, OrderStatus.REJECTED)


def _require_open_invoice(invoice, *, closed: str) -> None:
    """Money the buyer has not yet handed over (cash, a new transfer proof) is refused for an
    order that is closed (``closed`` says what to do instead), a void invoice or a paid one."""
    if order_is_closed(invoice.order):
        raise BillingError(closed)
    if invoice.voided_at is not None:
        raise BillingError("Invoice ini sudah tidak berlaku.")
    if Payment.objects.filter(invoice=invoice).exists():
        raise BillingError("Invoice ini sudah dibayar.")


def _awaits_payment(order) -> bool:
    """The workflow table lets a payment move the order to "paid" from where it is now (so
    ``_after_payment`` will not silently leave it behind, e.g. during a correction request)."""
    from shop.order.workflow import transition_for

    return bool(
        transition_for("order_mark_paid", order.status)
        or transition_for("order_mark_awaiting_payment", order.status)
    )


# --- billing codes ---------------------------------------------------------------------------


def _payer_name(order) -> str:
    user = order.user
    if user is None:
        return order.email or "-"
    return user.get_full_name() or user.email


def _billing_guards(invoice, *, replacing: Billing | None = None) -> None:
    """Every local reason to refuse a kode billing for ``invoice`` (locked by the caller).

    Checked before SIMPONI is asked and again, under the lock, after it answered (issue #15,
    finding 11): a code SIMPONI issues for an invoice this office then refuses stays live
    there with no trace here. The invoice is in force, still valid (``valid_until`` is its last
    day, on the office's calendar), has a positive total (Rp0/gratis orders are not billed), is
    not paid and has no live billing other than ``replacing``; the order is open, and a first
    code needs an order the workflow lets move to "awaiting payment".
    """
    from shop.order.workflow import transition_for

    order = invoice.order
    if invoice.voided_at is not None:
        raise BillingError("Invoice ini sudah tidak berlaku.")
    if order_is_closed(order):
        raise BillingError("Pesanan ini sudah dibatalkan atau ditolak.")
    if invoice.valid_until < office_today():
        raise BillingError(
            f"Invoice ini kedaluwarsa (berlaku sampai {format_date_id(invoice.valid_until)}); "
            "mintalah invoice baru kepada petugas."
        )
    if invoice.total <= 0:
        raise BillingError("Pesanan bertarif Rp0 tidak memerlukan kode billing.")
    if Payment.objects.filter(invoice=invoice).exists():
        raise BillingError("Invoice ini sudah dibayar.")
    live = Billing.objects.filter(invoice=invoice).exclude(status=BillingStatus.VOID)
    if replacing is not None:
        live = live.exclude(pk=replacing.pk)
    live = live.first()
    if live is not None:
        raise BillingError(f"Invoice ini sudah memiliki kode billing {live.code}.")
    if replacing is None and transition_for("order_mark_awaiting_payment", order.status) is None:
        raise BillingError("Pesanan ini belum atau tidak lagi menunggu pembayaran.")


def _billing_request(invoice) -> BillingRequest:
    return BillingRequest(
        reference=invoice.number,
        payer_name=_payer_name(invoice.order),
        amount=Decimal(invoice.total),
        description=f"PNBP {settings.PST_OFFICE_NAME} invoice {invoice.number}",
        account_code=settings.PNBP_ACCOUNT_CODE,
        expires_at=timezone.now() + timedelta(days=settings.PNBP_BILLING_EXPIRY_DAYS),
    )


def _billing_ask(invoice) -> BillingIssued:
    """Ask SIMPONI for the code of ``invoice``, outside any row lock: the adapter is a network
    call, and a retry with the same invoice number returns the same code (the adapter
    contract), so two requests racing each other get one code."""
    issued = get_adapter().create_billing(_billing_request(invoice))
    if not is_valid_billing_code(issued.code) or issued.amount != invoice.total:
        raise BillingError("SIMPONI mengembalikan kode billing yang tidak sah.")
    return issued


def _orphan_warning(issued: BillingIssued, invoice, error: BillingError) -> None:
    """The trace of a code SIMPONI issued that the shop then refused: it lapses unpaid at
    ``expires_at``; a deposit on it meanwhile lands in the exceptions (unknown code)."""
    logger.warning(
        "kode billing %s issued by SIMPONI for invoice %s refused here (%s); it lapses on %s",
        issued.code,
        invoice.number,
        error.message,
        issued.expires_at.isoformat(),
    )


def billing_issue(*, invoice, by=None) -> Billing:
    """Create the kode billing of ``invoice`` through the SIMPONI adapter (step 6).

    Lock, check every guard (:func:`_billing_guards`), release; ask SIMPONI; lock again,
    check again and record (issue #15, finding 11: no guard runs only after SIMPONI made the
    code, and no row lock is held across the network call). When a concurrent request has
    recorded the same code meanwhile, that billing is returned. The order moves to "awaiting
    payment". Call it outside a transaction, or the first lock is held across the call.
    """
    with transaction.atomic():
        locked = _lock_invoice(invoice)
        _billing_guards(locked)
    issued = _billing_ask(locked)
    with transaction.atomic():
        locked = _lock_invoice(invoice)
        same = Billing.objects.filter(invoice=locked, code=issued.code).first()
        if same is not None and same.status != BillingStatus.VOID:
            return same  # a concurrent issue got the same code from SIMPONI and recorded it
        try:
            _billing_guards(locked)
        except BillingError as error:
            _orphan_warning(issued, locked, error)
            raise
        return _billing_record(invoice=locked, issued=issued, by=by, replaces=None)


def _billing_record(*, invoice, issued: BillingIssued, by, replaces: Billing | None) -> Billing:
    order = invoice.order
    billing = Billing.objects.create(
        invoice=invoice,
        code=issued.code,
        amount=issued.amount,
        payer_name=_payer_name(order),
        account_code=settings.PNBP_ACCOUNT_CODE,
        issued_at=issued.issued_at,
        expires_at=issued.expires_at,
        replaces=replaces,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    _order_move(
        "order_mark_awaiting_payment", order=order, by=by, note=f"Kode billing {billing.code}"
    )
    return billing


def _reissue_guards(billing: Billing, invoice) -> None:
    if billing.status != BillingStatus.UNPAID:
        raise BillingError("Hanya kode billing yang belum dibayar yang dapat diterbitkan ulang.")
    _billing_guards(invoice, replacing=billing)


def billing_reissue(*, billing: Billing, by=None) -> Billing:
    """Replace an expired, unpaid code by a new one; the old one stays, marked void (DOMAIN.md:
    "After expiry the code is void and a new one is made"). Like :func:`billing_issue`, every
    local guard runs before SIMPONI is asked and again before anything is recorded, and no
    row lock is held across the adapter's calls."""
    with transaction.atomic():
        old = Billing.objects.select_for_update().get(pk=billing.pk)
        invoice = _lock_invoice(old.invoice)
        _reissue_guards(old, invoice)
    adapter = get_adapter()
    status = adapter.query_status(old.code)
    if status is not None and status.state is BillingState.PAID:
        raise BillingError("SIMPONI mencatat kode ini sudah dibayar; tunggu konfirmasinya.")
    expired = old.expires_at <= timezone.now()
    if not expired and (status is None or status.state is not BillingState.EXPIRED):
        raise BillingError("Kode billing ini masih berlaku.")
    issued = _billing_ask(invoice)
    with transaction.atomic():
        old = Billing.objects.select_for_update().get(pk=billing.pk)
        invoice = _lock_invoice(old.invoice)
        same = Billing.objects.filter(replaces=old, code=issued.code).first()
        if same is not None:
            return same  # a concurrent reissue recorded this code already
        try:
            _reissue_guards(old, invoice)
        except BillingError as error:
            _orphan_warning(issued, invoice, error)
            raise
        old.status = BillingStatus.VOID
        old.save(update_fields=["status"])
        return _billing_record(invoice=invoice, issued=issued, by=by, replaces=old)


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
        return _record_exception(ExceptionKind.UNKNOWN_CODE, confirmation, source=source, by=by)
    invoice = _lock_invoice(billing.invoice)
    if order_is_closed(invoice.order):
        # Money for an order the buyer cancelled or the officer rejected: the bendahara refunds
        # or re-books it; it never reopens the order (docs/billing.md, rule 3).
        return _record_exception(
            ExceptionKind.ORDER_CLOSED, confirmation, source=source, billing=billing, by=by
        )
    if billing.status == BillingStatus.VOID or confirmation.paid_at > billing.expires_at:
        return _record_exception(
            ExceptionKind.EXPIRED_CODE, confirmation, source=source, billing=billing, by=by
        )
    if confirmation.amount != billing.amount:
        return _record_exception(
            ExceptionKind.AMOUNT_MISMATCH, confirmation, source=source, billing=billing, by=by
        )
    if billing.status == BillingStatus.PAID or Payment.objects.filter(invoice=invoice).exists():
        return _record_exception(
            ExceptionKind.ALREADY_PAID, confirmation, source=source, billing=billing, by=by
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
    _order_move("order_mark_awaiting_payment", order=order, by=by, note=note)
    _order_move("order_mark_paid", order=order, by=by, note=note)
    _cashbook("cashbook_record_receipt", payment=payment, by=by)


def _cashbook(name: str, **kwargs) -> None:
    """Enter the movement in the Buku Kas Umum kept by ``shop.treasury`` (issue #9) when that
    app is installed; in the same transaction, so a payment never exists without its book entry
    (docs/billing.md, "Seams")."""
    from django.apps import apps

    if not apps.is_installed("shop.treasury"):
        return
    from shop.treasury import services as treasury_services

    getattr(treasury_services, name)(**kwargs)


class NotificationRefused(Exception):
    """Signature, timestamp, nonce or body refused; ``reason`` for the log and the response.

    ``status`` is the HTTP answer: 403 when the sender is not trusted (bad signature, stale
    timestamp, replayed nonce), 400 when a correctly signed body is malformed (issue #15,
    finding 12: a malformed amount is the sender's bug, not an intrusion)."""

    def __init__(self, reason: str, *, status: int = 403) -> None:
        self.reason = reason
        self.status = status
        super().__init__(reason)


def notification_receive(*, body: bytes, headers: Mapping[str, str]) -> ConfirmationResult:
    """Handle one machine notification (endpoint ``billing:simponi-notify``, and the simulator).

    HMAC-signed and replay-safe (``simponi/signing.py``): a bad signature, a stale timestamp or
    a nonce seen before is refused before anything is read from the body.
    """
    try:
        nonce = signing.verify(
            settings.SIMPONI_NOTIFICATION_SECRET,
            headers,
            body,
            now=int(timezone.now().timestamp()),
            max_age=settings.SIMPONI_NOTIFICATION_MAX_AGE,
        )
    except signing.SignatureInvalid as error:
        raise NotificationRefused(error.reason) from error
    try:
        confirmation = PaymentConfirmation.from_payload(json.loads(body))
    except (ValueError, TypeError, AttributeError) as error:
        raise NotificationRefused("malformed body", status=400) from error
    with transaction.atomic():
        try:
            with transaction.atomic():
                NotificationNonce.objects.create(nonce=nonce)
        except IntegrityError:
            raise NotificationRefused("replayed nonce") from None
        try:
            return payment_confirm(
                confirmation=confirmation, source=PaymentSource.NOTIFICATION, by=None
            )
        except BillingError as error:
            # Signed and fresh, but the body breaks a rule of its fields (NTPN, amount).
            raise NotificationRefused(error.message, status=400) from error


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
    """The bendahara closes an exception with what was done (refund, new billing, …). The
    exception stays; money is never moved here."""
    _require_treasurer(by)
    exception = PaymentException.objects.select_for_update().get(pk=exception.pk)
    if exception.resolved_at is not None:
        raise BillingError("Pengecualian ini sudah diselesaikan.")
    if not resolution.strip():
        raise BillingError("Tuliskan penyelesaiannya.")
    exception.resolved_at = timezone.now()
    exception.resolved_by = by
    exception.resolution = resolution.strip()
    exception.save(update_fields=["resolved_at", "resolved_by", "resolution"])
    return exception


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
    invoice = _lock_invoice(invoice)
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
    checked = _checked_upload(upload)
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
    invoice = _lock_invoice(proof.invoice)
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
            kind=ExceptionKind.ORDER_CLOSED,
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
    if not _awaits_payment(invoice.order):
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
    invoice = _lock_invoice(invoice)
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
    if not _awaits_payment(order):
        raise BillingError("Pesanan ini belum atau tidak lagi menunggu pembayaran.")
    if invoice.valid_until < on:
        raise BillingError(
            f"Invoice ini kedaluwarsa (berlaku sampai {format_date_id(invoice.valid_until)}); "
            "uang tunai tidak boleh diterima."
        )


# --- invoice validity --------------------------------------------------------------------------


@dataclass(frozen=True)
class ExpiryReport:
    """What :func:`invoices_expire` did: the orders it cancelled, and those it left for the
    next run with the reason (a deposit SIMPONI knows of but has not confirmed yet, SIMPONI
    unreachable, a payment that arrived meanwhile)."""

    cancelled: list[str]
    skipped: list[tuple[str, str]]


def invoices_expire(*, today: date | None = None) -> ExpiryReport:
    """Let unpaid invoices lapse (DOMAIN.md: "Invoices are valid for one month").

    For each order still invoiced or awaiting payment whose invoice in force ended before
    ``today`` (``Invoice.valid_until`` is the last valid day) with a positive total, no payment
    and no transfer proof waiting for the bendahara (:func:`.selectors.orders_with_lapsed_invoice`):
    its unpaid kode billing codes become void and the order is cancelled by the site itself
    (``order_cancel``, actor SYSTEM, reason "Invoice kedaluwarsa"), which records the event and
    e-mails the buyer. Each order in its own transaction. Idempotent: a cancelled order is no
    longer a candidate. A deposit made later on such a code lands in the ``order_closed``
    exceptions (:func:`payment_confirm`). Rp0 invoices are not billed and never lapse here.
    """
    from . import selectors

    today = today or office_today()
    cancelled: list[str] = []
    skipped: list[tuple[str, str]] = []
    for order in selectors.orders_with_lapsed_invoice(today=today):
        try:
            with transaction.atomic():
                _invoice_expire(order=order, today=today)
        except BillingError as error:
            skipped.append((order.number, error.message))
        except SimponiError as error:
            skipped.append((order.number, f"SIMPONI tidak dapat dihubungi: {error}"))
        else:
            cancelled.append(order.number)
    return ExpiryReport(cancelled=cancelled, skipped=skipped)


def _invoice_expire(*, order, today: date) -> None:
    from shop.order import services as order_services

    invoice = order.current_invoice
    if invoice is None:
        raise BillingError("Pesanan ini tidak memiliki invoice yang berlaku.")
    invoice = _lock_invoice(invoice)
    order = invoice.order
    if invoice.valid_until >= today:
        raise BillingError("Invoice ini masih berlaku.")
    if Payment.objects.filter(invoice__order=order).exists():
        raise BillingError("Pesanan ini sudah dibayar.")
    if TransferProof.objects.filter(
        invoice__order=order, status=TransferProofStatus.PENDING
    ).exists():
        raise BillingError("Bukti transfer pesanan ini masih diperiksa Bendahara.")
    unpaid = list(
        Billing.objects.select_for_update().filter(
            invoice__order=order, status=BillingStatus.UNPAID
        )
    )
    adapter = get_adapter()
    for billing in unpaid:
        status = adapter.query_status(billing.code)
        if status is not None and status.state is BillingState.PAID:
            raise BillingError(
                f"SIMPONI mencatat kode billing {billing.code} sudah dibayar; "
                "menunggu konfirmasinya."
            )
    Billing.objects.filter(pk__in=[b.pk for b in unpaid]).update(status=BillingStatus.VOID)
    note = (
        f"Invoice kedaluwarsa: invoice {invoice.number} berlaku sampai "
        f"{format_date_id(invoice.valid_until)} dan belum dibayar."
    )
    if unpaid:
        note += " Kode billing " + ", ".join(b.code for b in unpaid) + " tidak berlaku lagi."
    try:
        order_services.order_cancel(order=order, actor=None, note=note)
    except order_services.OrderActionError as error:
        raise BillingError(error.message) from error


# --- receipts (kuitansi) ---------------------------------------------------------------------


def _next_receipt_number(office_code: str, year: int) -> int:
    """Draw the next sequence under a row lock held until the caller's transaction ends, so a
    rolled-back receipt gives its number back (gap-free) and two issuers queue."""
    ReceiptCounter.objects.get_or_create(office_code=office_code, year=year)
    counter = ReceiptCounter.objects.select_for_update().get(office_code=office_code, year=year)
    counter.last_sequence += 1
    counter.save(update_fields=["last_sequence"])
    return counter.last_sequence


def receipt_number(sequence: int, office_code: str, year: int) -> str:
    return f"{sequence:05d}/KW/{office_code}/{year}"


def _receipt_items(invoice) -> list[dict]:
    """The kuitansi's items: the invoice's priced lines (what the buyer was billed), falling
    back to the order lines for an invoice without a quote snapshot."""
    quantities = dict(invoice.order.lines.values_list("pk", "quantity"))
    lines = (invoice.quote or {}).get("lines") or []
    if lines:
        return [
            {
                "description": line.get("title", ""),
                "quantity": quantities.get(line.get("order_line_id"), 1),
                "amount": str(line.get("quote", {}).get("total", "0")),
            }
            for line in lines
        ]
    return [
        {
            "description": line.title,
            "quantity": line.quantity,
            "amount": str(line.line_price_incl_tax),
        }
        for line in invoice.order.lines.all()
    ]


def verification_url(receipt: Receipt) -> str:
    path = reverse("billing:receipt-verify", args=[receipt.verification_token])
    return absolute_url(path)


def receipt_document(receipt: Receipt) -> Document:
    """What the kuitansi PDF prints (issue #8): buyer, amount in figures and words, items,
    kode billing and NTPN, date, the bendahara's name, and the verification QR."""
    paid_on = timezone.localtime(receipt.paid_at).date()
    rows = [
        ("Sudah terima dari", receipt.buyer_name),
        ("Instansi", receipt.buyer_institution or "-"),
        ("Uang sejumlah", format_rupiah(receipt.amount)),
        ("Untuk pembayaran", f"PNBP produk statistik, invoice {receipt.invoice.number}"),
        ("Cara bayar", receipt.get_payment_method_display()),
        ("Kode billing", receipt.billing_code or "-"),
        ("NTPN", receipt.ntpn or "-"),
        ("Tanggal bayar", format_date_id(paid_on)),
    ]
    blocks: list[object] = [
        KeyValues(rows),
        TableBlock(
            header=("Uraian", "Jumlah", "Nilai"),
            rows=[(i["description"], i["quantity"], Decimal(i["amount"])) for i in receipt.items],
            money_columns=frozenset({2}),
            right_columns=frozenset({1}),
            footer=[("Total", "", receipt.amount)],
            widths=(0.6, 0.1, 0.3),
        ),
        AmountInWords(receipt.amount),
    ]
    if receipt.replaces_id:
        blocks.insert(
            0,
            Note(
                f"Kuitansi ini menggantikan kuitansi nomor {receipt.replaces.number}: "
                f"{receipt.correction_reason}"
            ),
        )
    blocks.append(
        Signature(
            role="Bendahara Penerimaan",
            name=receipt.treasurer_name,
            nip=receipt.treasurer_nip,
            on=timezone.localtime(receipt.issued_at).date(),
        )
    )
    return Document(
        title="Kuitansi",
        number=receipt.number,
        blocks=blocks,
        verification_url=verification_url(receipt),
        footer_note="Kuitansi sah bila nomor dan nilainya sama dengan halaman verifikasi.",
    )


def _receipt_create(*, payment: Payment, by, replaces: Receipt | None, reason: str, buyer_name=""):
    invoice = payment.invoice
    order = invoice.order
    buyer = order.user
    now = timezone.now()
    year = timezone.localtime(now).year
    office = settings.PST_OFFICE_CODE
    sequence = _next_receipt_number(office, year)
    receipt = Receipt(
        number=receipt_number(sequence, office, year),
        office_code=office,
        year=year,
        sequence=sequence,
        payment=payment,
        invoice=invoice,
        replaces=replaces,
        correction_reason=reason,
        buyer_name=buyer_name or (buyer.get_full_name() if buyer else order.email),
        buyer_institution=getattr(buyer, "institution", "") or "",
        amount=payment.amount,
        items=_receipt_items(invoice),
        billing_code=payment.billing.code if payment.billing_id else "",
        ntpn=payment.ntpn,
        payment_method=payment.method,
        paid_at=payment.paid_at,
        issued_at=now,
        issued_by=by,
        treasurer_name=by.get_full_name() or by.email,
        treasurer_nip=getattr(by, "nip", ""),
        verification_token=secrets.token_hex(16),
    )
    receipt.save()
    pdf = render_pdf(receipt_document(receipt))
    receipt.pdf.save(receipt.pdf_filename, ContentFile(pdf), save=False)
    receipt.save(update_fields=["pdf"])
    return receipt


@transaction.atomic
def receipt_issue(*, payment: Payment, by) -> Receipt:
    """The bendahara issues the kuitansi of a confirmed payment (step 8); the order moves to
    "receipt issued" and the delivery is prepared (step 9)."""
    _require_treasurer(by)
    payment = (
        Payment.objects.select_for_update(of=("self",))
        .select_related("invoice__order")
        .get(pk=payment.pk)
    )
    if Receipt.objects.filter(payment=payment, replaces__isnull=True).exists():
        raise BillingError("Kuitansi pembayaran ini sudah diterbitkan.")
    receipt = _receipt_create(payment=payment, by=by, replaces=None, reason="")
    order = payment.invoice.order
    _order_move("order_mark_receipt_issued", order=order, by=by, note=receipt.number)
    return receipt


@transaction.atomic
def receipt_correct(*, receipt: Receipt, by, reason: str, buyer_name: str = "") -> Receipt:
    """A wrong kuitansi is corrected by a new one (new number) that voids it; the old one stays
    and its verification page says it was replaced (STYLE.md habit 4)."""
    _require_treasurer(by)
    receipt = Receipt.objects.select_for_update().get(pk=receipt.pk)
    if receipt.is_void:
        raise BillingError("Kuitansi ini sudah diganti.")
    if not reason.strip():
        raise BillingError("Tuliskan alasan koreksi.")
    return _receipt_create(
        payment=receipt.payment,
        by=by,
        replaces=receipt,
        reason=reason.strip(),
        buyer_name=buyer_name,
    )


# --- SPPD ------------------------------------------------------------------------------------


@transaction.atomic
def sppd_upload(*, order, buyer, upload) -> SppdUpload:
    """The buyer uploads the scan of the signed SPPD (step 7). With the hold configured, this
    is what releases held microdata."""
    if order.user_id != buyer.pk:
        raise BillingError("Pesanan ini bukan milik Anda.")
    checked = _checked_upload(upload)
    sppd = SppdUpload(order=order, uploaded_by=buyer, content_type=checked.content_type)
    sppd.file.save(
        f"sppd-{secrets.token_hex(8)}.{checked.extension}", ContentFile(checked.content), save=False
    )
    sppd.save()
    return sppd


@transaction.atomic
def sppd_mark_originals_received(*, sppd: SppdUpload, by) -> SppdUpload:
    """The officer records that the two signed originals on meterai arrived by post."""
    if not (roles.user_has_role(by, roles.OFFICER) or roles.user_has_role(by, roles.TREASURER)):
        raise BillingError("Hanya petugas yang boleh mencatat ini.")
    sppd = SppdUpload.objects.select_for_update().get(pk=sppd.pk)
    if sppd.originals_received_at is None:
        sppd.originals_received_at = timezone.now()
        sppd.save(update_fields=["originals_received_at"])
    return sppd


# --- delivery --------------------------------------------------------------------------------


class DeliveryRefused(Exception):
    """A buyer may not download this file now; ``message`` is Indonesian for the page."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class MasterMissing(BillingError):
    """The product's master file is not there yet: the other lines are still delivered and a
    later call (once the officer attached it) delivers this one."""


def current_receipt(order) -> Receipt | None:
    return (
        Receipt.objects.filter(invoice__order=order, replaced_by__isnull=True)
        .order_by("-issued_at")
        .first()
    )


def microdata_held(order) -> bool:
    """``PST_HOLD_MICRODATA_UNTIL_SPPD``: microdata waits for the signed SPPD upload (step 7)."""
    return bool(settings.PST_HOLD_MICRODATA_UNTIL_SPPD) and not order.sppd_uploads.exists()


def _line_kind(line) -> str | None:
    from catalogue.product_classes import DATA_MIKRO, PETA_WKS, PUBLIKASI

    product = line.product
    if product is None:
        return None
    slug = getattr(product.get_product_class(), "slug", "")
    return {
        PUBLIKASI: DeliveryKind.PUBLICATION,
        DATA_MIKRO: DeliveryKind.MICRODATA,
        PETA_WKS: DeliveryKind.MAP,
    }.get(slug)


def _new_item(*, order, line, kind, title, filename, size=0, source_id=None) -> DeliveryItem:
    return DeliveryItem(
        order=order,
        line=line,
        buyer=order.user,
        kind=kind,
        title=title[:255],
        token=secrets.token_urlsafe(32),
        filename=filename[:255],
        size=size,
        source_id=source_id,
        expires_at=timezone.now() + timedelta(days=settings.PNBP_DELIVERY_LINK_DAYS),
        max_downloads=settings.PNBP_DELIVERY_MAX_DOWNLOADS,
    )


def _mark_text(order, buyer, title: str) -> str:
    now = timezone.localtime()
    return (
        f"{settings.PST_OFFICE_NAME} - {settings.PST_SITE_NAME}\n"
        f"Produk      : {title}\n"
        f"Pembeli     : {buyer.get_full_name()} <{buyer.email}>\n"
        f"Instansi    : {getattr(buyer, 'institution', '') or '-'}\n"
        f"Pesanan     : {order.number}\n"
        f"Disiapkan   : {format_datetime(now, language='id')}\n\n"
        "Data ini hanya untuk pembeli di atas dan tujuan penggunaan dalam SPPD-nya.\n"
        "Dilarang menyebarluaskan atau menjual kembali data ini.\n"
    )


def build_microdata_zip(*, dataset, selection, order, buyer, out) -> int:
    """Write the buyer's microdata ZIP to the binary file ``out``: ``data.csv`` cut from the
    master by ``catalogue.selectors.microdata_file_chunks`` (so its size is the quote's
    ``selection.size_bytes``), ``codebook.csv`` of the selected variables, and ``TANDA.txt``
    naming the buyer and the order. Returns the size of ``data.csv``.
    """
    from catalogue.selectors import microdata_file_chunks

    all_variables = list(dataset.variables.order_by("position"))
    chosen = {name for name, _ in selection.variables}
    data_size = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("data.csv", "w") as data:
            for chunk in microdata_file_chunks(dataset=dataset, selection=selection):
                data.write(chunk)
                data_size += len(chunk)
        codebook = io.StringIO()
        writer = csv.writer(codebook)
        writer.writerow(["posisi", "blok", "nama", "label", "tipe", "lebar_byte", "kategori"])
        position = 0
        for variable in all_variables:
            if variable.name not in chosen:
                continue
            position += 1
            categories = "; ".join(f"{code}={label}" for code, label in variable.categories)
            writer.writerow(
                [
                    position,
                    variable.block,
                    variable.name,
                    variable.label,
                    variable.type,
                    variable.width,
                    categories,
                ]
            )
        archive.writestr("codebook.csv", codebook.getvalue())
        archive.writestr("TANDA.txt", _mark_text(order, buyer, str(dataset)))
    if data_size != selection.size_bytes:
        raise BillingError(
            "Ukuran data mikro yang dipotong tidak sama dengan perkiraan pada invoice; "
            "periksa master dan codebook."
        )
    return data_size


def _microdata_item(order, line) -> DeliveryItem:
    from catalogue.models import MicrodataDataset
    from catalogue.selectors import microdata_selection

    from .pricing import OPTION_REGIONS, OPTION_VARIABLES, line_options

    dataset = MicrodataDataset.objects.filter(product=line.product).first()
    if dataset is None or not dataset.master:
        raise MasterMissing(f"Master data mikro {line.title} belum tersedia.")
    options = line_options(line)

    def as_list(value):
        return None if value is None else [p.strip() for p in str(value).split(",") if p.strip()]

    selection = microdata_selection(
        dataset=dataset,
        variables=as_list(options.get(OPTION_VARIABLES)),
        regions=as_list(options.get(OPTION_REGIONS)),
    )
    item = _new_item(
        order=order,
        line=line,
        kind=DeliveryKind.MICRODATA,
        title=line.title,
        filename=f"datamikro-{order.number}-{line.pk}.zip",
    )
    buffer = io.BytesIO()
    build_microdata_zip(
        dataset=dataset, selection=selection, order=order, buyer=order.user, out=buffer
    )
    item.file.save(item.filename, ContentFile(buffer.getvalue()), save=False)
    item.size = len(buffer.getvalue())
    return item


def _publication_item(order, line) -> DeliveryItem:
    page = line.product.publication_page
    if page is None or not page.master_dir:
        raise MasterMissing(f"Berkas publikasi {line.title} belum tersedia.")
    master = watermark.PreparedMaster.load(private_storage().path(page.master_dir))
    return _new_item(
        order=order,
        line=line,
        kind=DeliveryKind.PUBLICATION,
        title=line.title,
        filename=page.download_filename,
        size=master.file_size,
        source_id=page.pk,
    )


def _map_item(order, line) -> DeliveryItem:
    from catalogue.selectors import wks_map_master

    master = wks_map_master(line.product)
    if not master:
        raise MasterMissing(f"Berkas peta WKS {line.title} belum tersedia.")
    extension, _content_type = _map_format(master)
    return _new_item(
        order=order,
        line=line,
        kind=DeliveryKind.MAP,
        title=line.title,
        filename=f"peta-wks-{order.number}-{line.pk}.{extension}",
        size=len(master),
        source_id=line.product.pk,
    )


def _map_format(data: bytes) -> tuple[str, str]:
    """Extension and content type of a WKS map master (checked PNG, JPEG or PDF at attach)."""
    if b"%PDF-" in data[:1024]:
        return "pdf", "application/pdf"
    if data[:3] == b"\xff\xd8\xff":
        return "jpg", "image/jpeg"
    return "png", "image/png"


def _stamped_map(data: bytes, identity) -> bytes:
    """The buyer's copy of a map: images get ``watermark.stamp_image`` (tiled mark, footer and
    the identity in the metadata); a PDF map is prepared and stamped like a publication, so
    ``watermark.trace`` finds the buyer in a leaked copy of either."""
    if _map_format(data)[0] != "pdf":
        return watermark.stamp_image(data, identity)
    with tempfile.TemporaryDirectory() as scratch:
        return watermark.stamp_bytes(watermark.prepare(data, scratch), identity)


_ITEM_BUILDERS = {
    DeliveryKind.PUBLICATION: _publication_item,
    DeliveryKind.MICRODATA: _microdata_item,
    DeliveryKind.MAP: _map_item,
}


@dataclass(frozen=True)
class DeliveryResult:
    items: list[DeliveryItem]
    held: list[str]  # titles held until the signed SPPD arrives
    unavailable: list[str]  # why a line could not be prepared yet (its master is missing)
    complete: bool


@transaction.atomic
def delivery_prepare(*, order, by=None) -> DeliveryResult:
    """Offer the bought files to the buyer (step 9), once the kuitansi exists.

    Lines already offered with a live link are skipped (a second call adds only what was held).
    Microdata waits for the signed SPPD when ``PST_HOLD_MICRODATA_UNTIL_SPPD`` is on. When every
    line is offered the order moves to "delivered".
    """
    from shop.order.models import Order

    order = Order.objects.select_for_update().get(pk=order.pk)
    invoice = order.current_invoice
    free = invoice is not None and invoice.total == 0  # Rp0/gratis: nothing to pay or receipt
    if current_receipt(order) is None and not free:
        raise BillingError("Produk diserahkan setelah kuitansi terbit.")
    if order.user is None:
        raise BillingError("Pesanan tanpa akun pembeli tidak dapat diunduh.")
    now = timezone.now()
    items, held, unavailable = [], [], []
    pending = False
    for line in order.lines.select_related("product").all():
        kind = _line_kind(line)
        if kind is None:
            continue
        if DeliveryItem.objects.filter(line=line, expires_at__gt=now).exists():
            continue
        if kind == DeliveryKind.MICRODATA and microdata_held(order):
            held.append(line.title)
            pending = True
            continue
        try:
            with transaction.atomic():
                item = _ITEM_BUILDERS[kind](order, line)
                item.save()
        except MasterMissing as missing:
            unavailable.append(missing.message)
            pending = True
            continue
        items.append(item)
    if not pending:
        _order_move("order_mark_delivered", order=order, by=by, note="Tautan unduhan tersedia")
    return DeliveryResult(items=items, held=held, unavailable=unavailable, complete=not pending)


@dataclass(frozen=True)
class DeliveryStream:
    download: DeliveryDownload
    chunks: Iterator[bytes]
    size: int | None
    filename: str
    content_type: str


def _download_id(on) -> str:
    return f"DL{on:%Y%m%d}-{secrets.token_hex(5).upper()}"


def delivery_download(
    *, item: DeliveryItem, user, ip: str | None, user_agent: str
) -> DeliveryStream:
    """Record one download of a delivered file and return its bytes (issue #8).

    Guards, under a lock on the item: the item is the asking buyer's; not expired; fewer than
    ``max_downloads`` downloads so far. Publications and maps are stamped for this download
    (``watermark``), naming the buyer and the download id; microdata is the prepared ZIP.
    """
    with transaction.atomic():
        item = DeliveryItem.objects.select_for_update().get(pk=item.pk)
        if item.buyer_id != getattr(user, "pk", None):
            raise DeliveryRefused("Berkas ini bukan milik Anda.")
        now = timezone.now()
        if item.expires_at <= now:
            raise DeliveryRefused("Tautan unduhan ini sudah kedaluwarsa; hubungi petugas PST.")
        used = item.downloads.count()
        if used >= item.max_downloads:
            raise DeliveryRefused(
                f"Batas {item.max_downloads} kali unduh untuk berkas ini sudah tercapai."
            )
        download = DeliveryDownload.objects.create(
            item=item,
            user=user,
            download_id=_download_id(local_date(now)),
            downloaded_at=now,
            ip=ip or None,
            user_agent=(user_agent or "")[:255],
            bytes=item.size,
        )
        identity = watermark.Identity(
            name=user.get_full_name() or user.email,
            email=user.email,
            download_id=download.download_id,
            date=local_date(now),
            site_name=settings.PST_SITE_NAME,
        )
        if item.kind == DeliveryKind.PUBLICATION:
            from library.models import PublicationPage

            page = PublicationPage.objects.get(pk=item.source_id)
            master = watermark.PreparedMaster.load(private_storage().path(page.master_dir))
            chunks = watermark.iter_stamped(master, identity)
            first = next(chunks, b"")
            return DeliveryStream(
                download, _chain(first, chunks), master.file_size, item.filename, "application/pdf"
            )
        if item.kind == DeliveryKind.MAP:
            from catalogue.models import Product
            from catalogue.selectors import wks_map_master

            data = wks_map_master(Product.objects.get(pk=item.source_id))
            if not data:
                raise DeliveryRefused("Berkas peta ini sedang tidak tersedia; hubungi petugas PST.")
            stamped = _stamped_map(data, identity)
            download.bytes = len(stamped)  # each stamped copy has its own size
            download.save(update_fields=["bytes"])
            return DeliveryStream(
                download, iter((stamped,)), len(stamped), item.filename, _map_format(data)[1]
            )
    handle = item.file.open("rb")
    return DeliveryStream(
        download, _read_chunks(handle), item.size, item.filename, "application/zip"
    )


def _chain(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest


def _read_chunks(handle, size: int = 64 * 1024) -> Iterator[bytes]:
    try:
        while chunk := handle.read(size):
            yield chunk
    finally:
        handle.close()
