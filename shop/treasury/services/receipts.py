"""Kuitansi (issue #8, in the treasury since issue #19): the bendahara issues the receipt of a
confirmed payment (step 8) and corrects a wrong one by a new one (STYLE.md habit 4).

Numbers are gap-free per office and year: the sequence row (``pst.sequences``) is locked
until the receipt's transaction ends, and the database's unique constraint is the last word.
After a kuitansi the bendahara's desk sends :data:`shop.treasury.signals.receipt_issued`, on
which the delivery prepares the buyer's files (step 9).
"""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from pst.links import absolute_url
from pst.money import format_rupiah
from pst.pdfdoc import (
    AmountInWords,
    Document,
    KeyValues,
    Note,
    Signature,
    TableBlock,
    format_date_id,
    render_pdf,
)
from pst.sequences import next_number
from shop.billing.services import BillingError, order_move
from shop.order import services as order_services

from ..models import Payment, Receipt
from .payments import _require_treasurer

#: The kuitansi's numbering scheme in :class:`pst.models.DocumentSequence` (per office and year;
#: treasury migration 0004 carried the last numbers of the old ``ReceiptCounter`` over).
RECEIPT_SCHEME = "kuitansi"


def _next_receipt_number(office_code: str, year: int) -> int:
    """Draw the next sequence from the one sequence service (:func:`pst.sequences.next_number`):
    the row stays locked until the receipt's transaction ends, so a rolled-back receipt gives
    its number back (gap-free) and two issuers queue."""
    return next_number(RECEIPT_SCHEME, year, office=office_code)


def receipt_number(sequence: int, office_code: str, year: int) -> str:
    return f"{sequence:05d}/KW/{office_code}/{year}"


def _receipt_items(invoice) -> list[dict]:
    """The kuitansi's items: the invoice's priced lines (what the buyer was billed), falling
    back to the order lines for an invoice without a quote snapshot."""
    quantities = dict(invoice.order.lines.values_list("pk", "quantity"))
    lines = (invoice.quote or {}).get("lines") or []
    if lines:
        return [
            {
                "description": line.get("title", ""),
                "quantity": quantities.get(line.get("order_line_id"), 1),
                "amount": str(line.get("quote", {}).get("total", "0")),
            }
            for line in lines
        ]
    return [
        {
            "description": line.title,
            "quantity": line.quantity,
            "amount": str(line.line_price_incl_tax),
        }
        for line in invoice.order.lines.all()
    ]


def verification_url(receipt: Receipt) -> str:
    path = reverse("billing:receipt-verify", args=[receipt.verification_token])
    return absolute_url(path)


def receipt_document(receipt: Receipt) -> Document:
    """What the kuitansi PDF prints (issue #8): buyer, amount in figures and words, items,
    kode billing and NTPN, date, the bendahara's name, and the verification QR."""
    paid_on = timezone.localtime(receipt.paid_at).date()
    rows = [
        ("Sudah terima dari", receipt.buyer_name),
        ("Instansi", receipt.buyer_institution or "-"),
        ("Uang sejumlah", format_rupiah(receipt.amount)),
        ("Untuk pembayaran", f"PNBP produk statistik, invoice {receipt.invoice.number}"),
        ("Cara bayar", receipt.get_payment_method_display()),
        ("Kode billing", receipt.billing_code or "-"),
        ("NTPN", receipt.ntpn or "-"),
        ("Tanggal bayar", format_date_id(paid_on)),
    ]
    blocks: list[object] = [
        KeyValues(rows),
        TableBlock(
            header=("Uraian", "Jumlah", "Nilai"),
            rows=[(i["description"], i["quantity"], Decimal(i["amount"])) for i in receipt.items],
            money_columns=frozenset({2}),
            right_columns=frozenset({1}),
            footer=[("Total", "", receipt.amount)],
            widths=(0.6, 0.1, 0.3),
        ),
        AmountInWords(receipt.amount),
    ]
    if receipt.replaces_id:
        blocks.insert(
            0,
            Note(
                f"Kuitansi ini menggantikan kuitansi nomor {receipt.replaces.number}: "
                f"{receipt.correction_reason}"
            ),
        )
    blocks.append(
        Signature(
            role="Bendahara Penerimaan",
            name=receipt.treasurer_name,
            nip=receipt.treasurer_nip,
            on=timezone.localtime(receipt.issued_at).date(),
        )
    )
    return Document(
        title="Kuitansi",
        number=receipt.number,
        blocks=blocks,
        verification_url=verification_url(receipt),
        footer_note="Kuitansi sah bila nomor dan nilainya sama dengan halaman verifikasi.",
    )


def _receipt_create(*, payment: Payment, by, replaces: Receipt | None, reason: str, buyer_name=""):
    invoice = payment.invoice
    order = invoice.order
    buyer = order.user
    now = timezone.now()
    year = timezone.localtime(now).year
    office = settings.PST_OFFICE_CODE
    sequence = _next_receipt_number(office, year)
    receipt = Receipt(
        number=receipt_number(sequence, office, year),
        office_code=office,
        year=year,
        sequence=sequence,
        payment=payment,
        invoice=invoice,
        replaces=replaces,
        correction_reason=reason,
        buyer_name=buyer_name or (buyer.get_full_name() if buyer else order.email),
        buyer_institution=getattr(buyer, "institution", "") or "",
        amount=payment.amount,
        items=_receipt_items(invoice),
        billing_code=payment.billing.code if payment.billing_id else "",
        ntpn=payment.ntpn,
        payment_method=payment.method,
        paid_at=payment.paid_at,
        issued_at=now,
        issued_by=by,
        treasurer_name=by.get_full_name() or by.email,
        treasurer_nip=getattr(by, "nip", ""),
        verification_token=secrets.token_hex(16),
    )
    # Append-only (STYLE.md habit 4): the PDF is rendered before the one save of the row.
    pdf = render_pdf(receipt_document(receipt))
    receipt.pdf.save(receipt.pdf_filename, ContentFile(pdf), save=False)
    receipt.save()
    return receipt


@transaction.atomic
def receipt_issue(*, payment: Payment, by) -> Receipt:
    """The bendahara issues the kuitansi of a confirmed payment (step 8); the order moves to
    "receipt issued" and the delivery is prepared (step 9)."""
    _require_treasurer(by)
    payment = (
        Payment.objects.select_for_update(of=("self",))
        .select_related("invoice__order")
        .get(pk=payment.pk)
    )
    if Receipt.objects.filter(payment=payment, replaces__isnull=True).exists():
        raise BillingError("Kuitansi pembayaran ini sudah diterbitkan.")
    receipt = _receipt_create(payment=payment, by=by, replaces=None, reason="")
    order = payment.invoice.order
    order_move(order_services.order_mark_receipt_issued, order=order, by=by, note=receipt.number)
    return receipt


@transaction.atomic
def receipt_correct(*, receipt: Receipt, by, reason: str, buyer_name: str = "") -> Receipt:
    """A wrong kuitansi is corrected by a new one (new number) that voids it; the old one stays
    and its verification page says it was replaced (STYLE.md habit 4)."""
    _require_treasurer(by)
    receipt = Receipt.objects.select_for_update().get(pk=receipt.pk)
    if receipt.is_void:
        raise BillingError("Kuitansi ini sudah diganti.")
    if not reason.strip():
        raise BillingError("Tuliskan alasan koreksi.")
    return _receipt_create(
        payment=receipt.payment,
        by=by,
        replaces=receipt,
        reason=reason.strip(),
        buyer_name=buyer_name,
    )


def current_receipt(order) -> Receipt | None:
    """The order's kuitansi in force (not replaced by a correction), if any."""
    return (
        Receipt.objects.filter(invoice__order=order, replaced_by__isnull=True)
        .order_by("-issued_at")
        .first()
    )
