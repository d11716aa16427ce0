"""Orders placed the way the checkout places them (``demo.orders``, the same code path
``seed_demo`` uses): a basket priced by the PNBP strategy, Oscar's (forked) OrderCreator, then
``order_submit`` with real, validated documents."""

from __future__ import annotations

import io

from django.conf import settings

from demo import orders as demo
from pst.uploads import validate_upload

from .accounts import UserFactory
from .catalogue import publication_product

pdf_bytes = demo.blank_pdf


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
    """An open basket the buyer's session picks up (the checkout tests start from it)."""
    return demo.basket_for(buyer, products, options=options)


def place_order(*, buyer=None, products=None, options=None):
    """An Oscar order in the initial status, lines carrying their quote snapshot."""
    return demo.place_order(
        buyer=buyer or UserFactory(), products=products or [publication_product()], options=options
    )


def submitted_order(*, buyer=None, products=None, options=None, nol_rupiah=False, purpose=""):
    """An order as the checkout leaves it: placed and submitted with every required document."""
    kwargs = {"purpose": purpose} if purpose else {}
    return demo.submit_order(
        buyer=buyer or UserFactory(),
        products=products or [publication_product()],
        options=options,
        nol_rupiah=nol_rupiah,
        **kwargs,
    )
