"""Orders ready to pay, built through the real order services (submit, review, verify, invoice),
and microdata products whose private master file really exists, so delivery can cut it."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from catalogue.microdata import FIELD_SEPARATOR, RECORD_END
from catalogue.models import MicrodataDataset
from pst import roles
from shop.billing import services as billing_services
from shop.billing.models import Billing
from shop.billing.simponi.simulator import teller_pay
from shop.order import services as order_services
from shop.treasury import services as treasury_services

from .accounts import user_with_role
from .catalogue import CODEBOOK, microdata_product
from .orders import png_bytes, submitted_order


def transfer_proof_post(proof: SimpleUploadedFile | None = None) -> dict:
    """What a buyer abroad posts on the transfer proof page: a readable PNG unless ``proof``."""
    return {
        "proof": proof or SimpleUploadedFile("bukti.png", png_bytes()),
        "sender_name": "Jane",
        "sender_bank": "DBS",
        "transfer_date": "2026-11-02",
        "amount": "10",
        "currency": "SGD",
    }


#: Five records over two regions, in the layout of ``tests.factories.catalogue.CODEBOOK``.
SMALL_REGIONS = (("7371", "Kota Makassar", 3), ("7315", "Kabupaten Pinrang", 2))
MASTER_ROWS = (
    ("7371", "1", "25", "002500000", "0000012.50"),
    ("7371", "2", "31", "004100000", "0000011.00"),
    ("7315", "1", "44", "001900000", "0000009.75"),
    ("7371", "2", "52", "003300000", "0000010.25"),
    ("7315", "2", "19", "000000000", "0000013.00"),
)


def master_bytes(rows=MASTER_ROWS) -> bytes:
    return b"".join(FIELD_SEPARATOR.join(v.encode() for v in row) + RECORD_END for row in rows)


def microdata_with_master(**kwargs):
    """A Data Mikro product whose master file holds :data:`MASTER_ROWS`."""
    product = microdata_product(
        regions=SMALL_REGIONS, codebook=CODEBOOK, deliverable=False, **kwargs
    )
    dataset = MicrodataDataset.objects.get(product=product)
    dataset.master.save("master.csv", ContentFile(master_bytes()), save=True)
    return product


def invoiced_order(*, buyer=None, products=None, options=None, officer=None):
    """An order whose invoice the officer has issued (step 3): ready for a kode billing."""
    order = submitted_order(buyer=buyer, products=products, options=options)
    officer = officer or user_with_role(roles.OFFICER)
    order = order_services.order_start_review(order=order, officer=officer)
    order = order_services.order_verify_documents(order=order, officer=officer)
    return order_services.order_issue_invoice(order=order, officer=officer)


def billed_order(**kwargs):
    """An invoiced order with its kode billing (awaiting payment); returns (order, billing)."""
    order = invoiced_order(**kwargs)
    billing = billing_services.billing_issue(invoice=order.current_invoice, by=order.user)
    order.refresh_from_db()
    return order, billing


def expire(billing: Billing) -> Billing:
    """Move a billing's expiry into the past, on both sides (shop and simulated SIMPONI)."""
    from shop.billing.models import SimulatedBilling

    past = timezone.now() - timedelta(minutes=1)
    Billing.objects.filter(pk=billing.pk).update(expires_at=past)
    SimulatedBilling.objects.filter(code=billing.code).update(expires_at=past)
    billing.refresh_from_db()
    return billing


def bank_paid(billing: Billing, *, ntpn: str, paid_at=None):
    """The bank's notification that ``billing`` was paid in full (NTB from the NTPN); returns the
    Payment."""
    from shop.billing.simponi.interface import PaymentConfirmation
    from shop.treasury.models import PaymentSource

    confirmation = PaymentConfirmation(
        billing_code=billing.code,
        ntpn=ntpn,
        ntb="NTB" + ntpn[:6],
        amount=billing.amount,
        paid_at=paid_at or timezone.now(),
    )
    result = treasury_services.payment_confirm(
        confirmation=confirmation, source=PaymentSource.NOTIFICATION
    )
    assert result.accepted, result
    return result.payment


def column_mapping(name: str = "Bank Persepsi Uji", **columns):
    """A bank's statement layout saved by name: Kode Billing, NTPN, NTB, Jumlah, Tanggal."""
    from shop.treasury.models import ColumnMapping

    fields = {
        "billing_code_column": "Kode Billing",
        "ntpn_column": "NTPN",
        "ntb_column": "NTB",
        "amount_column": "Jumlah",
        "paid_at_column": "Tanggal",
    }
    return ColumnMapping.objects.create(name=name, **(fields | columns))


def receipted_order(*, kuitansi: bool = True, **kwargs):
    """An invoiced order paid at the demo bank and, with ``kuitansi``, receipted by the
    bendahara, its files offered as her kuitansi button offers them
    (``shop.delivery.receivers.prepare_delivery``). ``kwargs`` go to :func:`billed_order`."""
    from shop.billing.simponi.simulator import teller_pay
    from shop.delivery import receivers

    order, billing = billed_order(**kwargs)
    _confirmation, result = teller_pay(code=billing.code)
    if kuitansi:
        treasurer = user_with_role(roles.TREASURER)
        receipt = treasury_services.receipt_issue(payment=result.payment, by=treasurer)
        receivers.prepare_delivery(sender=None, receipt=receipt, by=treasurer)
    order.refresh_from_db()
    return order


def paid_order_with_receipt(*, products=None, receipt: bool = True):
    """An order paid at the simulated teller and, unless ``receipt`` is False, given its kuitansi
    by the bendahara (through the service, so no file is prepared for delivery); returns
    (order, payment, receipt or None)."""
    order, billing = billed_order(products=products)
    _paid, result = teller_pay(code=billing.code)
    issued = None
    if receipt:
        issued = treasury_services.receipt_issue(
            payment=result.payment, by=user_with_role(roles.TREASURER)
        )
    order.refresh_from_db()
    return order, result.payment, issued
