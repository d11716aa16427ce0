"""State changes of the kode billing and of SIMPONI's notifications (issue #8; STYLE.md habit 2).

The billing app stands between the order and the treasury on the money path (docs/architecture.md):
it imports ``shop.order`` and ``shop.pricing``, never the treasury or the delivery. What the
treasury must add to a billing step comes through the signals of :mod:`.signals`:
``billing_check`` (the treasury refuses a code for a paid invoice) and ``deposit_reported`` (the
treasury records the payment a notification reports, and answers with what it did).

Rules and where they come from:

- A kode billing per invoice, expiring after ``PNBP_BILLING_EXPIRY_DAYS`` (SIMPONI: 7 days);
  after expiry it is void and a new code is made (DOMAIN.md) -> :func:`billing_issue`,
  :func:`billing_reissue`.
- A machine notification is HMAC-signed and replay-safe (``simponi/signing.py``): its nonce is
  stored once (:class:`~.models.NotificationNonce`) before the deposit is reported
  -> :func:`notification_receive`.
- Every step locks what it changes and moves the order through ``shop.order.services`` (the
  order workflow's only door) with :func:`order_move`; the treasury and the delivery use the
  same door.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils import timezone

from pst.clock import office_today
from pst.errors import Refused
from pst.pdfdoc import format_date_id
from pst.uploads import UploadRejected, ValidatedUpload, validate_upload
from shop.order import services as order_services
from shop.order.models import Invoice
from shop.order.workflow import OrderStatus, transition_for

from . import signals
from .identifiers import is_valid_billing_code
from .models import Billing, BillingStatus, NotificationNonce
from .simponi import get_adapter, signing
from .simponi.interface import (
    BillingIssued,
    BillingRequest,
    BillingState,
    PaymentConfirmation,
)

logger = logging.getLogger(__name__)


class BillingError(Refused):
    """A guard refused the change; ``message`` is Indonesian, fit for the page."""


# --- the order workflow's door -----------------------------------------------------------------


def order_move(service: Callable, *, order, by=None, note: str = "") -> None:
    """Move the order with ``service`` (one of ``shop.order.services``' transitions, passed as
    the function) when the order is where that transition starts; an order already further
    along (e.g. a second path confirming the same payment) is left alone. The transition table
    lives in ``shop/order/workflow.py``, keyed by the service's name; ``by`` acts when the table
    lets that person make the move, else the site itself does (SYSTEM)."""
    order.refresh_from_db(fields=["status"])
    transition = transition_for(service.__name__, order.status)
    if transition is None:
        return
    actor = by if getattr(by, "is_authenticated", False) else None
    if actor is not None and not transition.actors & order_services.actor_kinds(order, actor):
        actor = None
    try:
        service(order=order, actor=actor, note=note)
    except order_services.OrderActionError as error:
        raise BillingError(error.message) from error


def lock_invoice(invoice) -> Invoice:
    """``invoice`` again, locked (``select_for_update``) with its order and buyer."""
    return (
        Invoice.objects.select_for_update(of=("self",))
        .select_related("order", "order__user")
        .get(pk=invoice.pk)
    )


def checked_upload(upload) -> ValidatedUpload:
    """A PDF, PNG or JPEG checked by content (``pst.uploads``, shared with the order's
    documents); raises ``BillingError`` with the reason for the form. Transfer proofs and
    signed SPPD scans come through here."""
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


def order_is_closed(order) -> bool:
    """Cancelled or rejected: the order takes no more money (docs/billing.md, rule 3)."""
    return order.status in (OrderStatus.CANCELLED, OrderStatus.REJECTED)


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
    signals.billing_check.send(sender=Billing, invoice=invoice)  # the treasury: paid?
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
        locked = lock_invoice(invoice)
        _billing_guards(locked)
    issued = _billing_ask(locked)
    with transaction.atomic():
        locked = lock_invoice(invoice)
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
    order_move(
        order_services.order_mark_awaiting_payment,
        order=order,
        by=by,
        note=f"Kode billing {billing.code}",
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
        invoice = lock_invoice(old.invoice)
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
        invoice = lock_invoice(old.invoice)
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


# --- SIMPONI's notifications -------------------------------------------------------------------


def deposit_report(*, confirmation: PaymentConfirmation, channel: str, by=None):
    """Report a deposit to the one receiver of :data:`.signals.deposit_reported` (the
    treasury, which records the payment or the exception) and return its answer (a
    ``shop.treasury.services.ConfirmationResult``). ``channel`` is ``"notification"`` or
    ``"bpn"``. A ``BillingError`` of the receiver (NTPN or amount refused) propagates."""
    answers = [
        answer
        for _receiver, answer in signals.deposit_reported.send(
            sender=Billing, confirmation=confirmation, channel=channel, by=by
        )
        if answer is not None
    ]
    if len(answers) != 1:
        raise ImproperlyConfigured(
            "exactly one receiver (shop.treasury) must record a reported deposit"
        )
    return answers[0]


class NotificationRefused(Exception):
    """Signature, timestamp, nonce or body refused; ``reason`` for the log and the response.

    ``status`` is the HTTP answer: 403 when the sender is not trusted (bad signature, stale
    timestamp, replayed nonce), 400 when a correctly signed body is malformed (issue #15,
    finding 12: a malformed amount is the sender's bug, not an intrusion)."""

    def __init__(self, reason: str, *, status: int = 403) -> None:
        self.reason = reason
        self.status = status
        super().__init__(reason)


def notification_receive(*, body: bytes, headers: Mapping[str, str]):
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
            return deposit_report(confirmation=confirmation, channel="notification")
        except BillingError as error:
            # Signed and fresh, but the body breaks a rule of its fields (NTPN, amount).
            raise NotificationRefused(error.message, status=400) from error
