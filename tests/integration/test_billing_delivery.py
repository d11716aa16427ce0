"""Delivery after the kuitansi: microdata cut from the master (size = quote), stamped
publications and WKS maps, per-buyer expiring count-limited links, every download logged
(issue #8)."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone

import watermark
from catalogue import services as catalogue_services
from catalogue.models import MicrodataDataset
from catalogue.selectors import microdata_selection
from pst import roles
from shop.billing import services as billing_services
from shop.billing.simponi.simulator import teller_pay
from shop.delivery import services as delivery_services
from shop.delivery.models import DeliveryDownload, DeliveryItem, DeliveryKind
from shop.treasury import services as treasury_services
from tests.factories import UserFactory, user_with_role
from tests.factories.billing import billed_order, microdata_with_master
from tests.factories.catalogue import publication_product, wks_product
from tests.factories.library import PublicationPageFactory
from tests.factories.orders import pdf_bytes

pytestmark = pytest.mark.django_db

SELECTION = {"variables": "region_code,B4K5,B7R12", "regions": "7371"}


def _receipted(products, options=None):
    order, billing = billed_order(products=products, options=options)
    _paid, result = teller_pay(code=billing.code)
    treasury_services.receipt_issue(payment=result.payment, by=user_with_role(roles.TREASURER))
    order.refresh_from_db()
    return order


def _download(item, user):
    stream = delivery_services.delivery_download(
        item=item, user=user, ip="127.0.0.1", user_agent="uji"
    )
    return b"".join(stream.chunks), stream


def test_microdata_is_the_buyers_selection_cut_from_the_master_with_codebook_and_mark():
    product = microdata_with_master()
    order = _receipted([product], SELECTION)
    result = delivery_services.delivery_prepare(order=order)
    assert result.complete and not result.held
    [item] = result.items
    assert item.kind == DeliveryKind.MICRODATA and item.buyer == order.user
    order.refresh_from_db()
    assert order.status == "delivered"

    data, stream = _download(item, order.user)
    assert stream.size == len(data)
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert sorted(archive.namelist()) == ["TANDA.txt", "codebook.csv", "data.csv"]
    csv_bytes = archive.read("data.csv")
    # the three Makassar (7371) records, three variables each, at codebook widths
    assert csv_bytes.splitlines() == [
        b"7371,25,002500000",
        b"7371,31,004100000",
        b"7371,52,003300000",
    ]
    selection = microdata_selection(
        dataset=MicrodataDataset.objects.get(product=product),
        variables=SELECTION["variables"].split(","),
        regions=["7371"],
    )
    assert len(csv_bytes) == selection.size_bytes  # the size the quote priced
    codebook = archive.read("codebook.csv").decode()
    assert "B4K5" in codebook and "B4K4" not in codebook
    mark = archive.read("TANDA.txt").decode()
    assert order.user.get_full_name() in mark and order.number in mark and order.user.email in mark


def test_publication_is_stamped_for_the_buyer_and_the_download_is_logged():
    page = PublicationPageFactory(is_free=False)
    order = _receipted([publication_product(page=page)])
    [item] = delivery_services.delivery_prepare(order=order).items
    assert item.kind == DeliveryKind.PUBLICATION
    data, stream = _download(item, order.user)
    assert data.startswith(b"%PDF") and len(data) == stream.size
    traced = watermark.trace(data)
    assert traced is not None and traced.download_id == stream.download.download_id
    log = DeliveryDownload.objects.get()
    assert (log.item, log.user, log.ip) == (item, order.user, "127.0.0.1")


def test_another_buyer_cannot_download_my_files():
    order = _receipted([publication_product(page=PublicationPageFactory(is_free=False))])
    [item] = delivery_services.delivery_prepare(order=order).items
    with pytest.raises(delivery_services.DeliveryRefused, match="bukan milik"):
        _download(item, UserFactory())
    assert not DeliveryDownload.objects.exists()


def test_no_download_after_expiry():
    order = _receipted([publication_product(page=PublicationPageFactory(is_free=False))])
    [item] = delivery_services.delivery_prepare(order=order).items
    DeliveryItem.objects.filter(pk=item.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(delivery_services.DeliveryRefused, match="kedaluwarsa"):
        _download(item, order.user)


def test_downloads_are_limited_in_count(settings):
    settings.PNBP_DELIVERY_MAX_DOWNLOADS = 2
    order = _receipted([microdata_with_master()], SELECTION)
    [item] = delivery_services.delivery_prepare(order=order).items
    _download(item, order.user)
    _download(item, order.user)
    with pytest.raises(delivery_services.DeliveryRefused, match="Batas 2"):
        _download(item, order.user)
    assert DeliveryDownload.objects.filter(item=item).count() == 2


def test_nothing_is_delivered_before_the_kuitansi():
    order, billing = billed_order(products=[microdata_with_master()], options=SELECTION)
    teller_pay(code=billing.code)
    with pytest.raises(billing_services.BillingError, match="kuitansi"):
        delivery_services.delivery_prepare(order=order)


def test_microdata_can_be_held_until_the_signed_sppd_is_uploaded(settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories.orders import pdf_bytes

    settings.PST_HOLD_MICRODATA_UNTIL_SPPD = True
    order = _receipted([microdata_with_master()], SELECTION)
    held = delivery_services.delivery_prepare(order=order)
    assert held.items == [] and held.held and not held.complete
    order.refresh_from_db()
    assert order.status == "receipt_issued"
    delivery_services.sppd_upload(
        order=order, buyer=order.user, upload=SimpleUploadedFile("sppd.pdf", pdf_bytes())
    )
    released = delivery_services.delivery_prepare(order=order)
    assert len(released.items) == 1 and released.complete
    order.refresh_from_db()
    assert order.status == "delivered"


def test_a_missing_master_holds_only_its_own_line():
    """A WKS map whose master the catalogue does not provide yet is listed as unavailable; the
    publication of the same order is delivered, and the order waits for the map."""
    from tests.factories.catalogue import wks_product

    order = _receipted(
        [publication_product(page=PublicationPageFactory(is_free=False)), wks_product()]
    )
    result = delivery_services.delivery_prepare(order=order)
    assert [item.kind for item in result.items] == [DeliveryKind.PUBLICATION]
    assert len(result.unavailable) == 1 and "peta WKS" in result.unavailable[0]
    assert not result.complete
    order.refresh_from_db()
    assert order.status == "receipt_issued"


def _map_png(size=(400, 300)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (190, 222, 160)).save(out, format="PNG")
    return out.getvalue()


def _map_with_master(content: bytes, filename: str = "peta.png"):
    product = wks_product()
    catalogue_services.wks_map_master_attach(product=product, content=content, filename=filename)
    return product


def test_a_map_is_delivered_stamped_for_the_buyer_and_the_order_is_delivered():
    from watermark.image import read_image_mark

    master = _map_png()
    order = _receipted([_map_with_master(master)])
    result = delivery_services.delivery_prepare(order=order)
    assert result.complete and not result.unavailable
    [item] = result.items
    assert item.kind == DeliveryKind.MAP and item.filename.endswith(".png")
    order.refresh_from_db()
    assert order.status == "delivered"

    data, stream = _download(item, order.user)
    assert stream.content_type == "image/png" and data != master
    mark = read_image_mark(data)
    assert mark["download_id"] == stream.download.download_id
    assert mark["email"] == order.user.email
    assert DeliveryDownload.objects.get(item=item).bytes == len(data)


def test_a_pdf_map_is_stamped_like_a_publication():
    order = _receipted([_map_with_master(pdf_bytes(1), "peta.pdf")])
    [item] = delivery_services.delivery_prepare(order=order).items
    data, stream = _download(item, order.user)
    assert stream.content_type == "application/pdf" and item.filename.endswith(".pdf")
    traced = watermark.trace(data)
    assert traced is not None and traced.download_id == stream.download.download_id


def test_another_buyer_cannot_download_my_map():
    order = _receipted([_map_with_master(_map_png())])
    [item] = delivery_services.delivery_prepare(order=order).items
    with pytest.raises(delivery_services.DeliveryRefused, match="bukan milik"):
        _download(item, UserFactory())
    assert not DeliveryDownload.objects.exists()


def test_a_map_without_master_is_held_and_delivered_once_attached():
    product = wks_product()
    order = _receipted([product])
    held = delivery_services.delivery_prepare(order=order)
    assert held.items == [] and not held.complete and "peta WKS" in held.unavailable[0]
    order.refresh_from_db()
    assert order.status == "receipt_issued"
    catalogue_services.wks_map_master_attach(
        product=product, content=_map_png(), filename="peta.png"
    )
    assert delivery_services.delivery_prepare(order=order).complete
    order.refresh_from_db()
    assert order.status == "delivered"


def test_a_master_replaced_after_the_order_delivers_the_version_it_was_priced_on():
    """Issue #20: the quote counted the bytes of the master (and codebook) of its day; a new
    master with another codebook, uploaded before the kuitansi, changes nothing for the order."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from catalogue import masters
    from tests.factories.catalogue import deliverable_microdata_product

    product = deliverable_microdata_product(title="Data Versi")
    order, billing = billed_order(products=[product], options={"regions": "7371"})
    (line,) = order.lines.all()
    first = masters.current_master_version(product)
    assert line.quote_snapshot["master_version"] == first.pk
    upload = masters.microdata_upload_start(
        product=product,
        upload=SimpleUploadedFile("krt.csv", b"region_code;NAMA_KRT\r\n7371;Andi\r\n"),
        codebook=SimpleUploadedFile(
            "codebook.csv",
            b"name;label;type;width;block\n"
            b"region_code;Kode wilayah;categorical;4;Blok I\n"
            b"NAMA_KRT;Nama kepala rumah tangga;string;12;Blok II\n",
        ),
        by=None,
    )
    assert masters.microdata_upload_convert(upload).status == "done"
    assert masters.current_master_version(product).number == 2

    _paid, result = teller_pay(code=billing.code)
    treasury_services.receipt_issue(payment=result.payment, by=user_with_role(roles.TREASURER))
    [item] = delivery_services.delivery_prepare(order=order).items
    archive = zipfile.ZipFile(io.BytesIO(_download(item, order.user)[0]))
    data = archive.read("data.csv").splitlines()
    # version 1's three Makassar records, cut by version 1's codebook (five variables)
    assert len(data) == 3 and all(row.count(b",") == 4 for row in data)
    assert b"NAMA_KRT" not in archive.read("codebook.csv")


def test_a_map_replaced_after_the_order_delivers_the_map_it_was_priced_on():
    from PIL import Image

    from catalogue.services import wks_map_master_attach
    from tests.factories.catalogue import deliverable_wks_product

    product = deliverable_wks_product(title="Peta Versi Lama")  # a 60 x 40 map
    order, billing = billed_order(products=[product])
    replacement = io.BytesIO()
    Image.new("RGB", (80, 50), "black").save(replacement, format="PNG")
    wks_map_master_attach(product=product, content=replacement.getvalue(), filename="baru.png")
    _paid, result = teller_pay(code=billing.code)
    treasury_services.receipt_issue(payment=result.payment, by=user_with_role(roles.TREASURER))
    [item] = delivery_services.delivery_prepare(order=order).items
    delivered = Image.open(io.BytesIO(_download(item, order.user)[0]))
    assert delivered.size == (60, 40)
