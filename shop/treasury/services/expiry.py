"""Invoices lapse unpaid (DOMAIN.md: "Invoices are valid for one month"; issue #8, in the
treasury since issue #19 because only the treasury knows whether an invoice was paid).
``manage.py expire_invoices`` runs :func:`invoices_expire` daily."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from pst.clock import office_today
from pst.pdfdoc import format_date_id
from shop.billing.models import Billing, BillingStatus
from shop.billing.services import BillingError, lock_invoice
from shop.billing.simponi import get_adapter
from shop.billing.simponi.interface import BillingState, SimponiError
from shop.order import services as order_services

from .. import selectors
from ..models import Payment, TransferProof, TransferProofStatus

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
    invoice = order.current_invoice
    if invoice is None:
        raise BillingError("Pesanan ini tidak memiliki invoice yang berlaku.")
    invoice = lock_invoice(invoice)
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
