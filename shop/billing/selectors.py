"""Reads for the payment pages and the order panel (STYLE.md: reads in selectors)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from shop.order.workflow import OrderStatus

from .models import (
    Billing,
    BillingStatus,
    DeliveryItem,
    Payment,
    PaymentException,
    Receipt,
    TransferProof,
    TransferProofStatus,
)

#: Where an unpaid invoice can lapse (DOMAIN.md: valid for one month): the buyer holds the order.
#: Not while the buyer's correction request is with the officer (the office holds it then).
LAPSING_STATUSES = frozenset(
    {OrderStatus.INVOICED, OrderStatus.REINVOICED, OrderStatus.AWAITING_PAYMENT}
)


@dataclass(frozen=True)
class PaymentPanel:
    """Everything the order page's payment panel shows (``_order_payment_panel.html``)."""

    invoice: object | None
    billing: Billing | None
    billing_history: list[Billing]
    payment: Payment | None
    receipt: Receipt | None
    transfer_proofs: list[TransferProof]
    deliveries: list[DeliveryItem]
    sppd_uploads: list
    microdata_held: bool
    order_closed: bool = False
    lapses_on: date | None = None  # the invoice's last valid day, while it can still lapse

    @property
    def payable(self) -> bool:
        return (
            self.invoice is not None
            and self.payment is None
            and self.invoice.total > 0
            and not self.order_closed
        )

    @property
    def can_create_billing(self) -> bool:
        return self.payable and self.billing is None

    @property
    def can_reissue(self) -> bool:
        return self.payable and self.billing is not None and self.billing.is_expired

    @property
    def sppd_uploaded(self) -> bool:
        return bool(self.sppd_uploads)

    @property
    def transfer_pending(self) -> bool:
        return any(p.status == TransferProofStatus.PENDING for p in self.transfer_proofs)


def payment_panel(order) -> PaymentPanel:
    from .services import microdata_held, order_is_closed

    invoice = order.current_invoice
    billings = list(Billing.objects.filter(invoice=invoice)) if invoice else []
    live = next((b for b in billings if b.status != BillingStatus.VOID), None)
    payment = Payment.objects.filter(invoice=invoice).first() if invoice else None
    receipt = (
        Receipt.objects.filter(payment=payment, replaced_by__isnull=True).first()
        if payment
        else None
    )
    return PaymentPanel(
        invoice=invoice,
        billing=live,
        billing_history=[b for b in billings if b is not live],
        payment=payment,
        receipt=receipt,
        transfer_proofs=list(TransferProof.objects.filter(invoice=invoice)) if invoice else [],
        deliveries=list(DeliveryItem.objects.filter(order=order).prefetch_related("downloads")),
        sppd_uploads=list(order.sppd_uploads.all()),
        microdata_held=microdata_held(order),
        order_closed=order_is_closed(order),
        lapses_on=invoice.valid_until
        if invoice is not None
        and payment is None
        and invoice.total > 0
        and order.status in LAPSING_STATUSES
        else None,
    )


def payments_awaiting_receipt() -> QuerySet[Payment]:
    """Confirmed payments without a kuitansi: the bendahara's first queue (step 8)."""
    return (
        Payment.objects.filter(~Exists(Receipt.objects.filter(payment=OuterRef("pk"))))
        .select_related("invoice__order", "billing")
        .order_by("paid_at")
    )


def open_exceptions() -> QuerySet[PaymentException]:
    return PaymentException.objects.filter(resolved_at__isnull=True).order_by("recorded_at")


def pending_transfer_proofs() -> QuerySet[TransferProof]:
    return TransferProof.objects.filter(status=TransferProofStatus.PENDING).select_related(
        "invoice__order", "submitted_by"
    )


def cash_awaiting_deposit() -> QuerySet[Payment]:
    """Cash payments with their deposit deadline, oldest first; the deposits themselves are
    the treasury's cash book (issue #9)."""
    return Payment.objects.filter(method="tunai", deposit_due_at__isnull=False).order_by(
        "deposit_due_at"
    )


def recent_receipts(limit: int = 50) -> QuerySet[Receipt]:
    return Receipt.objects.select_related("invoice__order").order_by("-issued_at")[:limit]


def orders_with_lapsed_invoice(*, today: date) -> QuerySet:
    """Orders whose invoice lapsed unpaid (DOMAIN.md: valid for one month), the candidates of
    ``services.invoices_expire``: still invoiced, re-invoiced or awaiting payment (not while the
    buyer's correction request is with the officer), the invoice in force ended before
    ``today`` and bills a positive total, no payment on any of the order's invoices, and no
    transfer proof waiting for the bendahara."""
    from shop.order.models import Order

    lapsed = Order.objects.filter(
        status__in=sorted(LAPSING_STATUSES),
        invoices__voided_at__isnull=True,
        invoices__valid_until__lt=today,
        invoices__total__gt=0,
    )
    return (
        lapsed.exclude(Exists(Payment.objects.filter(invoice__order=OuterRef("pk"))))
        .exclude(
            Exists(
                TransferProof.objects.filter(
                    invoice__order=OuterRef("pk"), status=TransferProofStatus.PENDING
                )
            )
        )
        .distinct()
        .order_by("pk")
    )


def receipt_for_verification(token: str) -> Receipt | None:
    return Receipt.objects.filter(verification_token=token).select_related("replaced_by").first()


def deliveries_for(user) -> QuerySet[DeliveryItem]:
    return DeliveryItem.objects.filter(buyer=user, expires_at__gt=timezone.now())


def buyer_payment_panels(user) -> list[tuple]:
    """(order, panel) of the buyer's orders that have an invoice, newest first: what the
    buyer's payment page (``/bayar/``) lists as open bills and receipts (issue #16)."""
    from shop.order.models import Order

    orders = (
        Order.objects.filter(user=user, invoices__voided_at__isnull=True)
        .distinct()
        .order_by("-date_placed", "-pk")
    )
    return [(order, payment_panel(order)) for order in orders]
