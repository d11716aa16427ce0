"""The treasury's answers to the billing app's signals (``shop/billing/signals.py``); connected
by :meth:`shop.treasury.apps.TreasuryConfig.ready`."""

from __future__ import annotations

from django.dispatch import receiver

from shop.billing import signals as billing_signals
from shop.billing.models import Billing
from shop.billing.services import BillingError

from .models import Payment, PaymentSource
from .services.payments import ConfirmationResult, payment_confirm

#: The billing app's channel names, as the payment's source.
_SOURCES = {"notification": PaymentSource.NOTIFICATION, "bpn": PaymentSource.BPN}


@receiver(billing_signals.billing_check, sender=Billing)
def refuse_code_for_paid_invoice(sender, *, invoice, **kwargs) -> None:
    """A paid invoice gets no kode billing (a first one or a re-issue)."""
    if Payment.objects.filter(invoice=invoice).exists():
        raise BillingError("Invoice ini sudah dibayar.")


@receiver(billing_signals.deposit_reported, sender=Billing)
def record_reported_deposit(
    sender, *, confirmation, channel: str, by=None, **kwargs
) -> ConfirmationResult:
    """A deposit SIMPONI reported: confirmed as a payment or kept as an exception."""
    return payment_confirm(confirmation=confirmation, source=_SOURCES[channel], by=by)
