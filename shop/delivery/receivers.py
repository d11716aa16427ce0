"""The delivery's answers to the apps before it (connected by
:meth:`shop.delivery.apps.DeliveryConfig.ready`): the treasury's kuitansi starts the delivery
(``shop/treasury/signals.py``), the order asks, before it is marked delivered, which lines
are not handed over yet (``shop/order/signals.py`` ``delivery_check``), and a newly published
product master delivers the paid orders that waited for it (``catalogue/signals.py``)."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.dispatch import receiver
from django.utils.translation import gettext as _

from catalogue import signals as catalogue_signals
from catalogue.selectors import deliverability
from pst.errors import Refused
from shop.order import signals as order_signals
from shop.order.models import Order
from shop.treasury import signals as treasury_signals
from shop.treasury.models import Receipt, RefundCase
from shop.treasury.selectors import refund_cases_for

from .models import DeliveryItem, DeliveryKind
from .selectors import delivery_may_start, line_kind, microdata_held, orders_waiting_for
from .services import delivery_prepare

logger = logging.getLogger(__name__)


@receiver(treasury_signals.receipt_issued, sender=Receipt)
def prepare_delivery(sender, *, receipt, by, **kwargs) -> list[tuple[int, str]]:
    """Offer the bought files once the kuitansi exists (step 9); the notes tell the bendahara
    what is still held (microdata until the signed SPPD) or missing (a master file)."""
    result = delivery_prepare(order=receipt.invoice.order, by=by, announce=False)
    notes = []
    if result.held:
        notes.append((messages.INFO, _("Microdata is held until the signed SPPD is uploaded.")))
    notes.extend((messages.WARNING, reason) for reason in result.unavailable)
    return notes


@receiver(catalogue_signals.master_published)
def deliver_waiting_orders(sender, *, product, **kwargs) -> int:
    """A master became current (the officer uploaded or replaced it): the paid orders that
    waited for it get their file now, and the buyer an e-mail (``notify.item_ready_mail``),
    instead of waiting for someone to remember them. One order's failure leaves the others."""
    delivered = 0
    for order in orders_waiting_for(product):
        try:
            result = delivery_prepare(order=order)
        except Refused as refusal:
            logger.warning("order %s not delivered after a new master: %s", order.number, refusal)
            continue
        except Exception:  # a broken order must not keep the others from their files
            logger.exception("delivery of order %s after a new master failed", order.number)
            continue
        delivered += len(result.items)
    return delivered


@receiver(order_signals.delivery_check, sender=Order)
def lines_not_handed_over(sender, *, order, strict: bool = True, **kwargs) -> list[str]:
    """One reason per line of ``order`` whose file is not offered to the buyer (issue #20).

    ``strict`` (the move itself): every line needs its offered file. Not strict (whether to
    show the officer's button, whose hand-over prepares what it can first,
    :func:`~.services.delivery_hand_over`): only what preparing cannot mend counts: microdata
    held for the signed SPPD, a product whose file is missing, nothing paid yet.
    """
    offered = set(DeliveryItem.objects.filter(order=order).values_list("line_id", flat=True))
    paid = delivery_may_start(order)
    held = microdata_held(order)
    refunded = refund_cases_for(order)  # a refund case stands for the file: nothing to hand over
    reasons = []
    for line in order.kept_lines.select_related("product__product_class", "product__parent"):
        kind = line_kind(line)
        if kind is None or line.pk in offered or line.pk in refunded:
            continue
        if kind == DeliveryKind.MICRODATA and held:
            reasons.append(
                _("%(title)s is held until the signed SPPD is uploaded") % {"title": line.title}
            )
        elif strict or not paid:
            reasons.append(_("the file of %(title)s is not prepared yet") % {"title": line.title})
        elif line.product is None or not (state := deliverability(line.product)).deliverable:
            why = state.reason if line.product is not None else _("the product was removed")
            reasons.append(
                _("%(title)s cannot be delivered: %(reason)s")
                % {"title": line.title, "reason": why}
            )
    return reasons


@receiver(treasury_signals.refund_case_check, sender=RefundCase)
def refuse_refund_of_a_delivered_line(sender, *, line, order, **kwargs) -> None:
    """A file of the line was handed over to the buyer: that is a delivery correction, not a
    refund (issue #20)."""
    if DeliveryItem.objects.filter(line_id=line.pk).exists():
        raise Refused(
            "Berkas produk ini sudah diserahkan kepada pembeli, sehingga tidak dapat menjadi "
            "kasus pengembalian dana.",
            code="delivered",
        )
