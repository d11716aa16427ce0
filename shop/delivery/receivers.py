"""The delivery's answer to the treasury's kuitansi (``shop/treasury/signals.py``); connected by
:meth:`shop.delivery.apps.DeliveryConfig.ready`."""

from __future__ import annotations

from django.contrib import messages
from django.dispatch import receiver
from django.utils.translation import gettext as _

from shop.treasury import signals as treasury_signals
from shop.treasury.models import Receipt

from .services import delivery_prepare


@receiver(treasury_signals.receipt_issued, sender=Receipt)
def prepare_delivery(sender, *, receipt, by, **kwargs) -> list[tuple[int, str]]:
    """Offer the bought files once the kuitansi exists (step 9); the notes tell the bendahara
    what is still held (microdata until the signed SPPD) or missing (a master file)."""
    result = delivery_prepare(order=receipt.invoice.order, by=by)
    notes = []
    if result.held:
        notes.append((messages.INFO, _("Microdata is held until the signed SPPD is uploaded.")))
    notes.extend((messages.WARNING, reason) for reason in result.unavailable)
    return notes
