"""The private master of a WKS map (issue #8, delivery of maps): checked by content before it is
stored, never public, replaced on a second attach."""

from __future__ import annotations

import io

import pytest

from catalogue import selectors, services
from tests.factories.catalogue import publication_product, wks_product
from tests.factories.orders import pdf_bytes

pytestmark = pytest.mark.django_db


def _jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (300, 200), (246, 190, 120)).save(out, format="JPEG")
    return out.getvalue()


def test_a_real_map_is_stored_privately_and_read_back():
    product = wks_product(deliverable=False)
    assert selectors.wks_map_master(product) is None
    content = _jpeg()
    services.wks_map_master_attach(product=product, content=content, filename="Peta Makassar.jpg")
    product.refresh_from_db()
    assert product.wks_master.name.startswith(f"wks/{product.pk}/")
    assert product.wks_master.name.endswith(".jpg")
    assert selectors.wks_map_master(product) == content
    with pytest.raises(ValueError, match="URL publik"):  # storages["private"]: never public
        product.wks_master.url  # noqa: B018


def test_a_second_attach_replaces_the_master():
    product = wks_product(deliverable=False)
    services.wks_map_master_attach(product=product, content=_jpeg(), filename="lama.jpg")
    old_name = product.wks_master.name
    storage = product.wks_master.storage
    services.wks_map_master_attach(product=product, content=pdf_bytes(2), filename="baru.pdf")
    product.refresh_from_db()
    assert product.wks_master.name.endswith(".pdf")
    assert not storage.exists(old_name)
    assert selectors.wks_map_master(product).startswith(b"%PDF")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "kosong"),
        (b"GIF89a not a map at all", "PDF, JPEG"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "tidak dapat dibaca"),
        (b"%PDF-1.7\n1 0 obj broken", "tidak dapat dibaca"),
    ],
)
def test_a_bad_file_is_refused_with_a_message_and_nothing_is_stored(content, message):
    product = wks_product(deliverable=False)
    with pytest.raises(services.WksMapMasterRejected) as refused:
        services.wks_map_master_attach(product=product, content=content, filename="peta.png")
    assert "Berkas induk peta ditolak" in refused.value.message
    assert message in refused.value.message
    product.refresh_from_db()
    assert not product.wks_master


def test_a_master_over_the_size_limit_is_refused(settings):
    settings.PST_WKS_MAP_MAX_BYTES = 1024
    product = wks_product(deliverable=False)
    with pytest.raises(services.WksMapMasterRejected, match="paling besar"):
        services.wks_map_master_attach(product=product, content=_jpeg() * 2, filename="p.jpg")


def test_only_a_wks_map_product_takes_a_map_master():
    with pytest.raises(services.WksMapMasterRejected, match="Hanya produk peta WKS"):
        services.wks_map_master_attach(
            product=publication_product(), content=_jpeg(), filename="peta.jpg"
        )
