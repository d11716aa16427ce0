"""Orders placed the way the checkout places them: a basket priced by the PNBP strategy,
Oscar's (forked) OrderCreator, then ``order_submit`` with real, validated documents."""

from __future__ import annotations

import io

from django.conf import settings
from oscar.core.loading import get_class, get_model
from oscar.core.prices import Price
from pypdf import PdfWriter

from shop.order import services
from shop.order.uploads import validate_upload
from shop.order.utils import OrderCreator

from .accounts import UserFactory
from .catalogue import publication_product


def pdf_bytes(pages: int = 1) -> bytes:
    """A small, real PDF with ``pages`` blank A4 pages."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(out, format="PNG")
    return out.getvalue()


def valid_upload(name: str = "dokumen.pdf", pages: int = 1):
    return validate_upload(
        content=pdf_bytes(pages),
        original_name=name,
        max_bytes=settings.PST_ORDER_UPLOAD_MAX_BYTES,
        max_pages=settings.PST_ORDER_UPLOAD_MAX_PAGES,
    )


def basket_with(buyer, products, *, options: dict | None = None):
    Basket = get_model("basket", "Basket")
    Option = get_model("catalogue", "Option")
    Selector = get_class("partner.strategy", "Selector")
    basket = Basket.objects.create(owner=buyer)
    basket.strategy = Selector().strategy(user=buyer)
    for product in products:
        line_options = []
        for code, value in (options or {}).items():
            option, _ = Option.objects.get_or_create(code=code, defaults={"name": code})
            line_options.append({"option": option, "value": value})
        basket.add_product(product, 1, options=line_options)
    return basket


def place_order(*, buyer=None, products=None, options=None):
    """An Oscar order in the initial status, lines carrying their quote snapshot."""
    buyer = buyer or UserFactory()
    basket = basket_with(buyer, products or [publication_product()], options=options)
    NoShippingRequired = get_class("shipping.methods", "NoShippingRequired")
    method = NoShippingRequired()
    charge = method.calculate(basket)
    total = Price(
        currency=basket.currency,
        excl_tax=basket.total_excl_tax,
        incl_tax=basket.total_incl_tax,
    )
    return OrderCreator().place_order(
        basket=basket, total=total, shipping_method=method, shipping_charge=charge, user=buyer
    )


def submitted_order(*, buyer=None, products=None, options=None, nol_rupiah=False, purpose=""):
    """An order as the checkout leaves it: placed and submitted with every required document."""
    order = place_order(buyer=buyer, products=products, options=options)
    order.nol_rupiah_requested = nol_rupiah
    kinds = services.required_document_kinds(order)
    return services.order_submit(
        order=order,
        buyer=order.user,
        purpose=purpose or "Penelitian skripsi tentang ketenagakerjaan",
        nol_rupiah_requested=nol_rupiah,
        uploads={kind: valid_upload(f"{kind}.pdf") for kind in kinds},
    )
