"""Refund cases (issue #20): "a line that cannot be delivered after payment becomes a refund case
for the bendahara (recorded as such, with the amount), not a silent gap".

- :func:`refund_case_open`: a Petugas PST (who answers for what the buyer receives) or the
  bendahara records that a paid line cannot be handed over. The amount is the line's total on
  the paid invoice; the buyer gets a written apology by e-mail saying what will be returned, what
  to send (the account to pay it into) and whom to ask.
- :func:`refund_case_settle`: the bendahara records that the money is back with the buyer (the
  date, transfer with its SP2D or bank reference, or cash); the buyer is told.

Both records are append-only and unique (one case per line, one settlement per case), so a
double click or a retried request neither records nor mails twice: the second call is refused
before anything is written, and the mail leaves only after the first one's commit
(``pst.notify``). Money is never moved here, and the Buku Kas Umum is not written: it books
money received and its deposit to the state treasury, while a PNBP refund is paid out of the
state treasury (the KPPN's SP2D), not out of the bendahara's cash box or account.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from pst import roles
from pst.clock import local_date, office_today
from pst.links import absolute_url
from pst.money import MAX_AMOUNT, amount_within_bounds, format_rupiah
from pst.notify import mail_after_commit
from pst.pdfdoc import format_date_id
from pst.terbilang import terbilang
from shop.order import services as order_services
from shop.order.models import Order

from .. import signals
from ..models import RefundCase, RefundMethod, RefundSettlement
from .books import TreasuryError
from .receipts import current_receipt

__all__ = [
    "RefundError",
    "invoiced_line_amount",
    "refund_case_open",
    "refund_case_settle",
]


class RefundError(TreasuryError):
    """A refused step of a refund case; ``message`` (Indonesian) is shown as it is."""


def invoiced_line_amount(invoice, line) -> Decimal | None:
    """What the invoice charged for ``line``: its total in the invoice's quote snapshot (the
    schedule in force on the invoice date, with the Rp0 approval), else the line's price
    including tax when the snapshot does not list it (an invoice made before snapshots)."""
    for entry in (invoice.quote or {}).get("lines", []):
        if entry.get("order_line_id") == line.pk:
            inner = entry.get("quote") or {}
            if "total" in inner:
                return Decimal(str(inner["total"]))
    price = line.line_price_incl_tax
    return None if price is None else Decimal(price)


def _mail_buyer(case: RefundCase, *, template: str, subject: str, **context) -> None:
    """The buyer's letter, in Indonesian (the office's language), after the commit."""
    order = case.order
    buyer = order.user
    address = buyer.email if buyer is not None else order.email
    if not address:
        return
    with translation.override("id"):
        body = render_to_string(
            f"treasury/email/{template}.txt",
            {
                "case": case,
                "order": order,
                "buyer_name": (buyer.get_full_name() if buyer else "") or address,
                "amount": format_rupiah(case.amount),
                "amount_words": terbilang(case.amount),
                "opened_on": format_date_id(local_date(case.opened_at)),
                "order_url": absolute_url(
                    reverse("customer:order", kwargs={"order_number": order.number})
                ),
                "letter_url": absolute_url(reverse("billing:refund-letter", args=[case.pk])),
                "office_name": settings.PST_OFFICE_NAME,
                "office_address": settings.PST_OFFICE_ADDRESS,
                **context,
            },
        )
        subject = translation.gettext(subject) % {"number": order.number}
    mail_after_commit(subject=subject, message=body, recipients=[address])


def refund_case_open(*, line, by, reason: str) -> RefundCase:
    """Record that ``line`` of a paid order cannot be delivered: the office owes its invoiced
    amount back. Refused (before anything is written) unless ``by`` is a Petugas PST or the
    bendahara, the reason is given, the order has a kuitansi in force (the money was received
    and acknowledged), the line was charged more than Rp0, it has no case yet, and no receiver
    of :data:`shop.treasury.signals.refund_case_check` objects (the delivery: the file was
    handed over)."""
    if not roles.has_role(by, roles.OFFICER, roles.TREASURER):
        raise RefundError(
            "Hanya Petugas PST atau Bendahara yang dapat membuka kasus pengembalian dana.",
            code="role",
        )
    reason = (reason or "").strip()
    if not reason:
        raise RefundError(
            "Tuliskan mengapa produk ini tidak dapat diserahkan kepada pembeli.", code="reason"
        )
    try:
        with transaction.atomic():
            order = (
                Order.objects.select_for_update(of=("self",))
                .select_related("user")
                .get(pk=line.order_id)
            )
            receipt = current_receipt(order)
            if receipt is None:
                raise RefundError(
                    "Pesanan ini belum dibayar atau kuitansinya belum terbit, sehingga belum "
                    "ada dana yang dapat dikembalikan.",
                    code="unpaid",
                )
            if RefundCase.objects.filter(line_id=line.pk).exists():
                raise RefundError(
                    "Produk ini sudah memiliki kasus pengembalian dana.", code="duplicate"
                )
            payment = receipt.payment
            amount = invoiced_line_amount(payment.invoice, line)
            if amount is None or amount <= 0:
                raise RefundError(
                    "Produk ini tidak dibayar (tarif Rp0); tidak ada dana yang dikembalikan.",
                    code="nothing_paid",
                )
            if not amount_within_bounds(amount) or amount != amount.to_integral_value():
                raise RefundError(
                    "Jumlah pengembalian harus rupiah bulat, lebih dari nol dan paling banyak "
                    f"{format_rupiah(MAX_AMOUNT)}.",
                    code="amount",
                )
            signals.refund_case_check.send(sender=RefundCase, line=line, order=order)
            case = RefundCase.objects.create(
                order=order,
                line=line,
                payment=payment,
                amount=amount,
                reason=reason,
                opened_by=by,
            )
            order_services.order_record_refund(
                order=order,
                actor=by,
                note=f"Kasus pengembalian dana {format_rupiah(amount)} dibuka untuk "
                f"{line.title}: {reason}",
            )
            _mail_buyer(
                case,
                template="refund_opened",
                subject=translation.gettext_noop(
                    "Order %(number)s: our apology and the refund of your payment"
                ),
                receipt_number=receipt.number,
            )
            return case
    except IntegrityError:
        # A second officer's click won the race for the one case of the line.
        if RefundCase.objects.filter(line_id=line.pk).exists():
            raise RefundError(
                "Produk ini sudah memiliki kasus pengembalian dana.", code="duplicate"
            ) from None
        raise


def refund_case_settle(
    *, case: RefundCase, by, paid_on: date, method: str, reference: str = ""
) -> RefundSettlement:
    """The bendahara records that the money of ``case`` is back with the buyer: on ``paid_on``
    (an office-local date, not in the future nor before the case was opened), by transfer with
    its reference (the SP2D number or the bank's transfer reference) or in cash. Once per
    case."""
    if not roles.has_role(by, roles.TREASURER):
        raise RefundError("Hanya Bendahara yang dapat mencatat pengembalian dana.", code="role")
    if method not in RefundMethod.values:
        raise RefundError("Pilih cara pengembalian: transfer atau tunai.", code="method")
    reference = (reference or "").strip()[:64]
    if method == RefundMethod.TRANSFER and not reference:
        raise RefundError(
            "Isi nomor SP2D atau referensi transfer pengembalian dana.", code="reference"
        )
    if paid_on > office_today():
        raise RefundError("Tanggal pengembalian tidak boleh di masa depan.", code="paid_on")
    opened_on = local_date(case.opened_at)
    if paid_on < opened_on:
        raise RefundError(
            f"Tanggal pengembalian tidak boleh sebelum kasus dibuka ({format_date_id(opened_on)}).",
            code="paid_on",
        )
    try:
        with transaction.atomic():
            case = (
                RefundCase.objects.select_for_update(of=("self",))
                .select_related("order__user")
                .get(pk=case.pk)
            )
            if RefundSettlement.objects.filter(case=case).exists():
                raise RefundError("Pengembalian dana ini sudah dicatat selesai.", code="settled")
            settlement = RefundSettlement.objects.create(
                case=case,
                paid_on=paid_on,
                method=method,
                reference=reference,
                recorded_by=by,
            )
            order_services.order_record_refund(
                order=case.order,
                actor=by,
                note=f"Dana {format_rupiah(case.amount)} dikembalikan pada "
                f"{format_date_id(paid_on)}" + (f" (referensi {reference})" if reference else ""),
            )
            _mail_buyer(
                case,
                template="refund_settled",
                subject=translation.gettext_noop("Order %(number)s: your refund has been paid"),
                settlement=settlement,
                paid_on_text=format_date_id(paid_on),
            )
            return settlement
    except IntegrityError:
        if RefundSettlement.objects.filter(case_id=case.pk).exists():
            raise RefundError(
                "Pengembalian dana ini sudah dicatat selesai.", code="settled"
            ) from None
        raise
