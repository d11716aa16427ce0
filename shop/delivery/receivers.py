"""The delivery's answers to the treasury's kuitansi (``shop/treasury/signals.py``) and to a
newly published product master (``catalogue/signals.py``); connected by
:meth:`shop.delivery.apps.DeliveryConfig.ready`."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.dispatch import receiver
from django.utils.translation import gettext as _

from catalogue import signals as catalogue_signals
from pst.errors import Refused
from shop.treasury import signals as treasury_signals
from shop.treasury.models import Receipt

from .selectors import orders_waiting_for
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
