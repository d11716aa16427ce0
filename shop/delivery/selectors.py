"""Reads for the buyer's payment pages and the order page's payment panel (STYLE.md: reads in
selectors). The panel follows one order along the whole money path (invoice, kode billing,
payment, kuitansi, transfer proofs, SPPD, delivered files), so it lives in the delivery, the one
app that may read every step before it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db import models
from django.db.models import Count, Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from catalogue.product_classes import DATA_MIKRO, PETA_WKS, PUBLIKASI
from catalogue.selectors import deliverability
from pst.formats import format_date, format_money
from shop.billing.models import Billing, BillingStatus
from shop.billing.services import order_is_closed
from shop.order.models import Line, Order
from shop.order.workflow import OrderStatus
from shop.treasury import selectors as treasury_selectors
from shop.treasury.models import Payment, Receipt, TransferProof, TransferProofStatus
from shop.treasury.selectors import LAPSING_STATUSES, current_payment
from shop.treasury.services import current_receipt

from .models import DeliveryItem, DeliveryKind


def microdata_held(order) -> bool:
    """``PST_HOLD_MICRODATA_UNTIL_SPPD``: microdata waits for the signed SPPD upload (step 7)."""
    return bool(settings.PST_HOLD_MICRODATA_UNTIL_SPPD) and not order.sppd_uploads.exists()


def line_kind(line) -> str | None:
    """The delivery kind of an order line's product class, or None for what the office hands
    over itself (no file to offer)."""
    product = line.product
    if product is None:
        return None
    slug = getattr(product.get_product_class(), "slug", "")
    return {
        PUBLIKASI: DeliveryKind.PUBLICATION,
        DATA_MIKRO: DeliveryKind.MICRODATA,
        PETA_WKS: DeliveryKind.MAP,
    }.get(slug)


# --- the buyer's delivery view: one row per line of a paid order (issue #20) -------------------


class LineState(models.TextChoices):
    """Where a bought line stands between the payment and the buyer's file. The buyer reads it
    on the order page, with the reason (:class:`LineDelivery`)."""

    PREPARING = "preparing", gettext_lazy("Being prepared")
    HELD_SPPD = "held_sppd", gettext_lazy("Held for the signed SPPD")
    READY = "ready", gettext_lazy("Ready to download")
    DELIVERED = "delivered", pgettext_lazy("line delivery", "Delivered")
    EXPIRED = "expired", gettext_lazy("Link expired")
    REFUND_PENDING = "refund_pending", gettext_lazy("Refund in progress")
    REFUNDED = "refunded", gettext_lazy("Refunded")


_STATE_BADGES = {
    LineState.PREPARING: "badge-info",
    LineState.HELD_SPPD: "badge-warning",
    LineState.READY: "badge-success",
    LineState.DELIVERED: "badge-primary",
    LineState.EXPIRED: "badge-secondary",
    LineState.REFUND_PENDING: "badge-danger",
    LineState.REFUNDED: "badge-secondary",
}


@dataclass(frozen=True)
class LineDelivery:
    """One line of a paid order as its buyer follows it: its ``state``, why (``reason``, in
    the reader's language) and, once a file is offered, the newest link's counts and expiry."""

    line: object
    kind: str
    state: str
    reason: str
    item: DeliveryItem | None = None
    downloads_used: int = 0
    refund: object | None = None

    @property
    def state_label(self) -> str:
        return LineState(self.state).label

    @property
    def kind_label(self) -> str:
        return DeliveryKind(self.kind).label

    @property
    def badge_class(self) -> str:
        return _STATE_BADGES[self.state]

    @property
    def max_downloads(self) -> int:
        return self.item.max_downloads if self.item else 0

    @property
    def downloads_left(self) -> int:
        return max(self.max_downloads - self.downloads_used, 0)

    @property
    def expires_at(self) -> datetime | None:
        return self.item.expires_at if self.item else None

    @property
    def can_download(self) -> bool:
        return (
            self.state in (LineState.READY, LineState.DELIVERED)
            and self.downloads_left > 0
            and not self.item.is_expired
        )


def _free(invoice) -> bool:
    """A Rp0/gratis invoice: nothing to pay and no kuitansi, delivered straight from it."""
    return invoice is not None and invoice.total == 0


def delivery_may_start(order) -> bool:
    """The files are offered once the kuitansi exists, or straight from a Rp0/gratis invoice
    (DOMAIN.md step 9): what ``services.delivery_prepare`` requires, and what the officer's
    hand-over and the delivery check ask before preparing."""
    return current_receipt(order) is not None or _free(order.current_invoice)


def line_deliveries(order) -> list[LineDelivery]:
    """Every line of a paid ``order`` that delivery offers a file for, with its state and why
    (issue #20: "every line of a paid order shows its state ... and why"); ``[]`` before the
    payment.

    Reads a fixed number of queries (lines, links with their download counts, SPPD, refund
    cases); only a line still without a file asks ``deliverability`` why.
    """
    invoice = order.current_invoice
    if invoice is None or not (_free(invoice) or current_payment(invoice) is not None):
        return []
    return _line_rows(order, invoice=invoice, receipt=current_receipt(order))


def _line_rows(order, *, invoice, receipt) -> list[LineDelivery]:
    free = _free(invoice)
    lines = [
        (line, kind)
        for line in order.kept_lines.select_related(
            "product__product_class", "product__parent__product_class"
        ).order_by("pk")
        if (kind := line_kind(line)) is not None
    ]
    if not lines:
        return []
    newest: dict[int, DeliveryItem] = {}
    for item in (
        DeliveryItem.objects.filter(order=order, line__isnull=False)
        .annotate(used=Count("downloads"), last_download=Max("downloads__downloaded_at"))
        .order_by("pk")
    ):
        newest[item.line_id] = item  # a renewed link replaces an expired one
    held = any(kind == DeliveryKind.MICRODATA for _line, kind in lines) and microdata_held(order)
    refunds = treasury_selectors.refund_cases_for(order)
    rows = []
    for line, kind in lines:
        item = newest.get(line.pk)
        case = refunds.get(line.pk)
        if case is not None:
            rows.append(_refund_row(line, kind, case, item))
        elif item is not None:
            rows.append(_item_row(line, kind, item))
        elif kind == DeliveryKind.MICRODATA and held:
            reason = _("The microdata is prepared once the signed SPPD is uploaded.")
            rows.append(LineDelivery(line, kind, LineState.HELD_SPPD, reason))
        elif receipt is None and not free:
            reason = _("Paid; the file is offered once the bendahara issues the kuitansi.")
            rows.append(LineDelivery(line, kind, LineState.PREPARING, reason))
        else:
            rows.append(LineDelivery(line, kind, LineState.PREPARING, _waiting_reason(line)))
    return rows


def _waiting_reason(line) -> str:
    state = deliverability(line.product)
    if not state.deliverable:
        return _(
            "The file is not available yet: %(reason)s. The office is preparing it; "
            "you will get an e-mail when it is ready."
        ) % {"reason": state.reason}
    return _("The office is preparing the file; you will get an e-mail when it is ready.")


def _item_row(line, kind, item: DeliveryItem) -> LineDelivery:
    used = item.used
    expired = item.is_expired
    on = {"date": format_date(item.expires_at)}
    if used == 0 and expired:
        state = LineState.EXPIRED
        reason = (
            _(
                "The link expired on %(date)s before any download; "
                "ask the PST officer for a new one."
            )
            % on
        )
    elif used == 0:
        state = LineState.READY
        reason = _("Ready since %(date)s; not downloaded yet.") % {
            "date": format_date(item.created_at)
        }
    else:
        state = LineState.DELIVERED
        last = {"count": used, "date": format_date(item.last_download)}
        reason = (
            ngettext(
                "Downloaded %(count)s time, last on %(date)s.",
                "Downloaded %(count)s times, last on %(date)s.",
                used,
            )
            % last
        )
        if expired:
            reason += " " + _("The link expired on %(date)s.") % on
        elif used >= item.max_downloads:
            reason += " " + _("All downloads of this link are used.")
    return LineDelivery(line, kind, state, reason, item=item, downloads_used=used)


def _refund_row(line, kind, case, item) -> LineDelivery:
    amount = case.amount
    if case.settled:
        state = LineState.REFUNDED
        reason = _("This line could not be delivered and was refunded.")
    else:
        state = LineState.REFUND_PENDING
        reason = _("This line cannot be delivered; the bendahara is refunding it.")
    if amount:
        reason += " " + _("Amount: %(amount)s.") % {"amount": format_money(amount)}
    used = getattr(item, "used", 0) if item is not None else 0
    return LineDelivery(line, kind, state, reason, item=item, downloads_used=used, refund=case)


@dataclass(frozen=True)
class PaymentPanel:
    """Everything the order page's payment panel shows (``_order_payment_panel.html``)."""

    invoice: object | None
    billing: Billing | None
    billing_history: list[Billing]
    payment: Payment | None
    receipt: Receipt | None
    transfer_proofs: list[TransferProof]
    sppd_uploads: list
    microdata_held: bool
    order_closed: bool = False
    lapses_on: date | None = None  # the invoice's last valid day, while it can still lapse
    lines: tuple[LineDelivery, ...] = ()  # every deliverable line of a paid order (issue #20)

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
        sppd_uploads=list(order.sppd_uploads.all()),
        microdata_held=microdata_held(order),
        lines=tuple(_line_rows(order, invoice=invoice, receipt=receipt))
        if payment is not None or _free(invoice)
        else (),
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


def orders_waiting_for(product) -> QuerySet[Order]:
    """Paid orders (kuitansi issued, not yet all delivered) with a line of ``product`` that has
    no live download link: those a newly published master lets delivery finish (issue #20)."""
    live = DeliveryItem.objects.filter(line=models.OuterRef("pk"), expires_at__gt=timezone.now())
    waiting_lines = Line.objects.filter(product=product).exclude(models.Exists(live))
    return Order.objects.filter(
        status=OrderStatus.RECEIPT_ISSUED,
        pk__in=waiting_lines.values("order_id"),
    ).order_by("pk")
