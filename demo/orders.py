"""Demo orders built through the real code paths (STYLE.md habit 12): a basket priced by the
PNBP strategy, Oscar's (forked) order creator, ``order_submit`` with real documents, then the
officer's services. The test factories place orders the same way.

``seed_demo_orders`` leaves one order in each state the order desk owns (submitted … reinvoiced,
rejected, cancelled); the payment states are shop/billing's, whose records must exist with them.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from django.conf import settings
from django.db import transaction
from oscar.core.loading import get_class, get_model
from oscar.core.prices import Price
from pypdf import PdfWriter

from pst.uploads import ValidatedUpload, validate_upload
from shop.order import services
from shop.order.utils import OrderCreator
from shop.order.workflow import OrderStatus

__all__ = ["blank_pdf", "place_order", "seed_demo_orders", "submit_order"]


def blank_pdf(pages: int = 1) -> bytes:
    """A small, real PDF of ``pages`` blank A4 pages (a stand-in for a scanned document)."""

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _upload(name: str) -> ValidatedUpload:
    return validate_upload(
        content=blank_pdf(),
        original_name=name,
        max_bytes=settings.PST_ORDER_UPLOAD_MAX_BYTES,
        max_pages=settings.PST_ORDER_UPLOAD_MAX_PAGES,
    )


def basket_for(buyer, products: Sequence, *, options: Mapping[str, str] | None = None):
    """An open basket of ``buyer`` holding ``products`` (one each) with line ``options``."""
    Basket = get_model("basket", "Basket")
    Option = get_model("catalogue", "Option")
    Selector = get_class("partner.strategy", "Selector")
    basket = Basket.objects.create(owner=buyer)
    basket.strategy = Selector().strategy(user=buyer)
    line_options = []
    for code, value in (options or {}).items():
        option, _ = Option.objects.get_or_create(code=code, defaults={"name": code})
        line_options.append({"option": option, "value": value})
    for product in products:
        basket.add_product(product, 1, options=line_options)
    return basket


def place_order(*, buyer, products: Sequence, options: Mapping[str, str] | None = None):
    """Oscar's order in the initial status, each line keeping its quote (``utils.OrderCreator``)."""
    basket = basket_for(buyer, products, options=options)
    NoShippingRequired = get_class("shipping.methods", "NoShippingRequired")
    method = NoShippingRequired()
    total = Price(
        currency=basket.currency, excl_tax=basket.total_excl_tax, incl_tax=basket.total_incl_tax
    )
    order = OrderCreator().place_order(
        basket=basket,
        total=total,
        shipping_method=method,
        shipping_charge=method.calculate(basket),
        user=buyer,
    )
    basket.submit()
    return order


def submit_order(
    *,
    buyer,
    products: Sequence,
    options: Mapping[str, str] | None = None,
    nol_rupiah: bool = False,
    purpose: str = "Penelitian skripsi tentang ketenagakerjaan daerah",
):
    """An order as the checkout leaves it: placed and submitted with every required document."""
    with transaction.atomic():
        order = place_order(buyer=buyer, products=products, options=options)
        order.nol_rupiah_requested = nol_rupiah
        kinds = services.required_document_kinds(order)
        return services.order_submit(
            order=order,
            buyer=buyer,
            purpose=purpose,
            nol_rupiah_requested=nol_rupiah,
            uploads={kind: _upload(f"{kind}.pdf") for kind in kinds},
        )


def verified_order(*, buyer, officer, products: Sequence, **submit):
    """An order whose documents ``officer`` has checked (steps 1-2, through the services)."""
    order = services.order_start_review(
        order=submit_order(buyer=buyer, products=products, **submit), officer=officer
    )
    return services.order_verify_documents(order=order, officer=officer)


def invoiced_order(*, buyer, officer, products: Sequence, **submit):
    """An order as far as its invoice (steps 1-3): what the payment demo starts from."""
    order = verified_order(buyer=buyer, officer=officer, products=products, **submit)
    return services.order_issue_invoice(order=order, officer=officer)


def seed_demo_orders(*, buyer, officer, products: Sequence) -> dict[str, object]:
    """One order per state of the order desk for ``buyer``, moved by ``officer`` through the
    services. Idempotent: a buyer who already has orders gets none."""
    if not products or buyer.orders.exists():
        return {}
    product = products[0]
    made: dict[str, object] = {}

    def new():
        return submit_order(buyer=buyer, products=[product])

    made[OrderStatus.SUBMITTED] = new()
    order = services.order_start_review(order=new(), officer=officer)
    made[OrderStatus.UNDER_REVIEW] = order
    made[OrderStatus.NEEDS_REVISION] = services.order_request_revision(
        order=services.order_start_review(order=new(), officer=officer),
        officer=officer,
        note="Pindaian KTP tidak terbaca; unggah ulang yang lebih jelas.",
    )
    made[OrderStatus.REJECTED] = services.order_reject(
        order=services.order_start_review(order=new(), officer=officer),
        officer=officer,
        note="Abstraksi penggunaan data tidak sesuai dengan data yang diminta.",
    )
    made[OrderStatus.CANCELLED] = services.order_cancel(order=new(), actor=buyer)

    def invoiced():
        return invoiced_order(buyer=buyer, officer=officer, products=[product])

    made[OrderStatus.VERIFIED] = verified_order(buyer=buyer, officer=officer, products=[product])
    made[OrderStatus.INVOICED] = invoiced()
    order = invoiced()
    made[OrderStatus.CORRECTION_REQUESTED] = services.order_request_correction(
        order=order, buyer=buyer, note="Nama instansi di invoice salah."
    )
    order = services.order_request_correction(
        order=invoiced(),
        buyer=buyer,
        note="Mohon cantumkan NPWP instansi.",
    )
    made[OrderStatus.REINVOICED] = services.order_answer_correction(
        order=order, officer=officer, note="Invoice diterbitkan ulang.", reissue=True
    )
    return made
