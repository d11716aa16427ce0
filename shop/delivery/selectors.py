"""Reads for the buyer's payment pages and the order page's payment panel (STYLE.md: reads in
selectors). The panel follows one order along the whole money path (invoice, kode billing,
payment, kuitansi, transfer proofs, SPPD, delivered files), so it lives in the delivery, the one
app that may read every step before it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from shop.billing.models import Billing, BillingStatus
from shop.billing.services import order_is_closed
from shop.order.models import Order
from shop.treasury.models import Payment, Receipt, TransferProof, TransferProofStatus
from shop.treasury.selectors import LAPSING_STATUSES, current_payment

from .models import DeliveryItem


def microdata_held(order) -> bool:
    """``PST_HOLD_MICRODATA_UNTIL_SPPD``: microdata waits for the signed SPPD upload (step 7)."""
    return bool(settings.PST_HOLD_MICRODATA_UNTIL_SPPD) and not order.sppd_uploads.exists()


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
    invoice = order.current_invoice
    billings = list(Billing.objects.filter(invoice=invoice)) if invoice else []
    live = next((b for b in billings if b.status != BillingStatus.VOID), None)
    payment = current_payment(invoice)
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


def deliveries_for(user) -> QuerySet[DeliveryItem]:
    return DeliveryItem.objects.filter(buyer=user, expires_at__gt=timezone.now())


def buyer_payment_panels(user) -> list[tuple]:
    """(order, panel) of the buyer's orders that have an invoice, newest first: what the
    buyer's payment page (``/bayar/``) lists as open bills and receipts (issue #16)."""
    orders = (
        Order.objects.filter(user=user, invoices__voided_at__isnull=True)
        .distinct()
        .order_by("-date_placed", "-pk")
    )
    return [(order, payment_panel(order)) for order in orders]
