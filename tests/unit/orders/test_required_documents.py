"""What an online order needs uploaded (DOMAIN.md "Sale of statistical products", issue #17):
one table in ``catalogue.product_classes`` read by the product page and the checkout."""

import pytest

from catalogue import product_classes as pc
from shop.order.models import BUYER_DOCUMENT_KINDS
from shop.order.services import required_kinds_for


def test_every_kind_in_the_table_is_a_document_the_order_stores():
    kinds = {k for ks in pc.DOCUMENTS_BY_CLASS.values() for k in ks}
    kinds |= {*pc.SWASTA_DOCUMENTS, *pc.NOL_RUPIAH_DOCUMENTS}
    assert kinds <= {str(k) for k in BUYER_DOCUMENT_KINDS}
    assert set(pc.DOCUMENTS_BY_CLASS) == set(pc.PRODUCT_CLASSES)
    assert set(pc.DOCUMENT_DESCRIPTIONS) == kinds


@pytest.mark.parametrize(
    ("classes", "segment", "nol", "expected"),
    [
        pytest.param([pc.PUBLIKASI], "umum", False, [], id="publication: the account only"),
        pytest.param([pc.PUBLIKASI], "swasta", False, ["npwp"], id="swasta: NPWP"),
        pytest.param([pc.PUBLIKASI], "pemerintah", True, ["cover_letter"], id="Rp0: letter"),
        pytest.param([pc.DATA_MIKRO], "umum", False, ["abstraksi", "sppd"], id="microdata"),
        pytest.param([pc.PETA_WKS], "umum", False, ["abstraksi", "sppd"], id="maps"),
        pytest.param(
            [pc.PUBLIKASI, pc.DATA_MIKRO, pc.PETA_WKS],
            "swasta",
            True,
            ["abstraksi", "sppd", "npwp", "cover_letter"],
            id="mixed basket: each once",
        ),
    ],
)
def test_the_checkout_asks_for_what_the_basket_needs(classes, segment, nol, expected):
    assert (
        required_kinds_for(product_classes=classes, segment=segment, nol_rupiah_requested=nol)
        == expected
    )


def test_no_online_order_asks_for_an_identity_card():
    """KTP, SIM or passport is shown at the walk-in counter only (DOMAIN.md)."""
    every = required_kinds_for(
        product_classes=list(pc.PRODUCT_CLASSES), segment="swasta", nol_rupiah_requested=True
    )
    assert "identity" not in every


@pytest.mark.parametrize("slug", list(pc.PRODUCT_CLASSES))
def test_the_product_page_lists_the_same_documents(slug):
    listed = pc.PRODUCT_FACTS[slug].documents
    assert listed[0] == pc.ACCOUNT_REQUIREMENT
    kinds = required_kinds_for(product_classes=[slug], segment="swasta", nol_rupiah_requested=True)
    assert list(listed[1:]) == [pc.DOCUMENT_DESCRIPTIONS[k] for k in kinds]
