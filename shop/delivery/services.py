"""State changes of the delivery (issue #8; its own app since issue #19): the signed SPPD the
buyer uploads (step 7) and the bought files offered after the kuitansi (step 9): publications
and WKS maps stamped per download, microdata cut once into a ZIP.

The delivery is the end of the money path (docs/architecture.md): it may read the treasury, the
billing and the order, and none of them imports it. The bendahara's kuitansi reaches it through
``shop.treasury.signals.receipt_issued`` (``receivers.py``).

Rules: delivery after the receipt (or straight from a Rp0/gratis invoice); links per buyer,
expiring after ``PNBP_DELIVERY_LINK_DAYS`` and limited to ``PNBP_DELIVERY_MAX_DOWNLOADS``;
every download logged (:class:`~.models.DeliveryDownload`); microdata held until the signed SPPD
is uploaded when ``PST_HOLD_MICRODATA_UNTIL_SPPD`` is on.
"""

from __future__ import annotations

import csv
import io
import secrets
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

import watermark
from catalogue.models import Product
from catalogue.selectors import (
    LineMaster,
    line_map_master,
    line_microdata_master,
    wks_map_master,
)
from library.models import PublicationPage
from pst import roles
from pst.clock import local_date
from pst.errors import Refused
from pst.formats import format_datetime
from pst.stamping import downloader_identity, new_download_id, stamped_copy
from pst.storage import private_storage
from shop.billing.services import BillingError, checked_upload, order_move
from shop.order import services as order_services
from shop.order.models import Order
from shop.pricing.quotes import OPTION_REGIONS, OPTION_VARIABLES, line_options
from shop.treasury.selectors import refund_cases_for

from .models import DeliveryDownload, DeliveryItem, DeliveryKind, SppdUpload
from .notify import item_ready_mail
from .selectors import delivery_may_start, line_kind, microdata_held

# --- SPPD ------------------------------------------------------------------------------------


@transaction.atomic
def sppd_upload(*, order, buyer, upload) -> SppdUpload:
    """The buyer uploads the scan of the signed SPPD (step 7). With the hold configured, this
    is what releases held microdata."""
    if order.user_id != buyer.pk:
        raise BillingError("Pesanan ini bukan milik Anda.")
    checked = checked_upload(upload)
    sppd = SppdUpload(order=order, uploaded_by=buyer, content_type=checked.content_type)
    sppd.file.save(
        f"sppd-{secrets.token_hex(8)}.{checked.extension}", ContentFile(checked.content), save=False
    )
    sppd.save()
    return sppd


@transaction.atomic
def sppd_mark_originals_received(*, sppd: SppdUpload, by) -> SppdUpload:
    """The officer records that the two signed originals on meterai arrived by post."""
    if not (roles.user_has_role(by, roles.OFFICER) or roles.user_has_role(by, roles.TREASURER)):
        raise BillingError("Hanya petugas yang boleh mencatat ini.")
    sppd = SppdUpload.objects.select_for_update().get(pk=sppd.pk)
    if sppd.originals_received_at is None:
        sppd.originals_received_at = timezone.now()
        sppd.save(update_fields=["originals_received_at"])
    return sppd


# --- delivery --------------------------------------------------------------------------------


class DeliveryRefused(Refused):
    """A buyer may not download this file now; ``message`` is Indonesian for the page."""


class MasterMissing(BillingError):
    """The product's master file is not there yet: the other lines are still delivered and a
    later call (once the officer attached it) delivers this one."""


def _new_item(*, order, line, kind, title, filename, size=0, source_id=None) -> DeliveryItem:
    return DeliveryItem(
        order=order,
        line=line,
        buyer=order.user,
        kind=kind,
        title=title[:255],
        token=secrets.token_urlsafe(32),
        filename=filename[:255],
        size=size,
        source_id=source_id,
        expires_at=timezone.now() + timedelta(days=settings.PNBP_DELIVERY_LINK_DAYS),
        max_downloads=settings.PNBP_DELIVERY_MAX_DOWNLOADS,
    )


def _mark_text(order, buyer, title: str) -> str:
    now = timezone.localtime()
    return (
        f"{settings.PST_OFFICE_NAME} - {settings.PST_SITE_NAME}\n"
        f"Produk      : {title}\n"
        f"Pembeli     : {buyer.get_full_name()} <{buyer.email}>\n"
        f"Instansi    : {getattr(buyer, 'institution', '') or '-'}\n"
        f"Pesanan     : {order.number}\n"
        f"Disiapkan   : {format_datetime(now, language='id')}\n\n"
        "Data ini hanya untuk pembeli di atas dan tujuan penggunaan dalam SPPD-nya.\n"
        "Dilarang menyebarluaskan atau menjual kembali data ini.\n"
    )


def build_microdata_zip(*, master: LineMaster, selection, order, buyer, out) -> int:
    """Write the buyer's microdata ZIP to the binary file ``out``: ``data.csv`` cut from the
    line's master (``catalogue.selectors.line_microdata_master``: the version the line was
    priced on, by its own codebook, so its size is the quote's ``selection.size_bytes``),
    ``codebook.csv`` of the selected variables, and ``TANDA.txt`` naming the buyer and the
    order. Returns the size of ``data.csv``.
    """
    all_variables = master.variables
    dataset = master.dataset
    chosen = {name for name, _ in selection.variables}
    data_size = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("data.csv", "w") as data:
            for chunk in master.chunks(selection):
                data.write(chunk)
                data_size += len(chunk)
        codebook = io.StringIO()
        writer = csv.writer(codebook)
        writer.writerow(["posisi", "blok", "nama", "label", "tipe", "lebar_byte", "kategori"])
        position = 0
        for variable in all_variables:
            if variable.name not in chosen:
                continue
            position += 1
            categories = "; ".join(f"{code}={label}" for code, label in variable.categories)
            writer.writerow(
                [
                    position,
                    variable.block,
                    variable.name,
                    variable.label,
                    variable.type,
                    variable.width,
                    categories,
                ]
            )
        archive.writestr("codebook.csv", codebook.getvalue())
        archive.writestr("TANDA.txt", _mark_text(order, buyer, str(dataset)))
    if data_size != selection.size_bytes:
        raise MasterMissing(
            "Ukuran data mikro yang dipotong tidak sama dengan perkiraan pada invoice; "
            "periksa master dan codebook."
        )
    return data_size


def _microdata_item(order, line) -> DeliveryItem:
    master = line_microdata_master(line)
    if master is None:
        raise MasterMissing(f"Master data mikro {line.title} belum tersedia.")
    options = line_options(line)

    def as_list(value):
        return None if value is None else [p.strip() for p in str(value).split(",") if p.strip()]

    selection = master.selection(
        variables=as_list(options.get(OPTION_VARIABLES)),
        regions=as_list(options.get(OPTION_REGIONS)),
    )
    item = _new_item(
        order=order,
        line=line,
        kind=DeliveryKind.MICRODATA,
        title=line.title,
        filename=f"datamikro-{order.number}-{line.pk}.zip",
    )
    buffer = io.BytesIO()
    build_microdata_zip(
        master=master, selection=selection, order=order, buyer=order.user, out=buffer
    )
    item.file.save(item.filename, ContentFile(buffer.getvalue()), save=False)
    item.size = len(buffer.getvalue())
    return item


def _publication_item(order, line) -> DeliveryItem:
    page = line.product.publication_page
    if page is None or not page.master_dir:
        raise MasterMissing(f"Berkas publikasi {line.title} belum tersedia.")
    master = watermark.PreparedMaster.load(private_storage().path(page.master_dir))
    return _new_item(
        order=order,
        line=line,
        kind=DeliveryKind.PUBLICATION,
        title=line.title,
        filename=page.download_filename,
        size=master.file_size,
        source_id=page.pk,
    )


def _map_item(order, line) -> DeliveryItem:
    master = line_map_master(line)
    if not master:
        raise MasterMissing(f"Berkas peta WKS {line.title} belum tersedia.")
    extension, _content_type = _map_format(master)
    return _new_item(
        order=order,
        line=line,
        kind=DeliveryKind.MAP,
        title=line.title,
        filename=f"peta-wks-{order.number}-{line.pk}.{extension}",
        size=len(master),
        source_id=line.product.pk,
    )


def _map_format(data: bytes) -> tuple[str, str]:
    """Extension and content type of a WKS map master (checked PNG, JPEG or PDF at attach)."""
    if b"%PDF-" in data[:1024]:
        return "pdf", "application/pdf"
    if data[:3] == b"\xff\xd8\xff":
        return "jpg", "image/jpeg"
    return "png", "image/png"


def _stamped_map(data: bytes, identity) -> bytes:
    """The buyer's copy of a map: images get ``watermark.stamp_image`` (tiled mark, footer and
    the identity in the metadata); a PDF map is prepared and stamped like a publication, so
    ``watermark.trace`` finds the buyer in a leaked copy of either."""
    if _map_format(data)[0] != "pdf":
        return watermark.stamp_image(data, identity)
    with tempfile.TemporaryDirectory() as scratch:
        return watermark.stamp_bytes(watermark.prepare(data, scratch), identity)


_ITEM_BUILDERS = {
    DeliveryKind.PUBLICATION: _publication_item,
    DeliveryKind.MICRODATA: _microdata_item,
    DeliveryKind.MAP: _map_item,
}


@dataclass(frozen=True)
class DeliveryResult:
    items: list[DeliveryItem]
    held: list[str]  # titles held until the signed SPPD arrives
    unavailable: list[str]  # why a line could not be prepared yet (its master is missing)
    complete: bool


@transaction.atomic
def delivery_hand_over(*, order, actor, note: str = ""):
    """The officer's "mark delivered" (issue #20): first offer what can be offered now (a Rp0
    order has no kuitansi to start its delivery; a master attached since the kuitansi), then
    move the order, which ``delivery_check`` refuses, naming the lines, while one is held."""
    if order.user_id and delivery_may_start(order):
        delivery_prepare(order=order, by=actor, mark=False)
    return order_services.order_mark_delivered(order=order, actor=actor, note=note)


@transaction.atomic
def delivery_prepare(*, order, by=None, mark: bool = True, announce: bool = True) -> DeliveryResult:
    """Offer the bought files to the buyer (step 9), once the kuitansi exists.

    Lines already offered with a live link are skipped (a second call adds only what was held).
    Microdata waits for the signed SPPD when ``PST_HOLD_MICRODATA_UNTIL_SPPD`` is on. When every
    line is offered the order moves to "delivered" (``mark``; the officer's hand-over moves it
    itself, with its note).

    ``announce``: e-mail the buyer each file offered (``notify.item_ready_mail``, once per
    file): a line that was held or waiting became ready. The kuitansi's own first call passes
    False (``receivers.prepare_delivery``): its files are the news of the kuitansi itself.
    """
    order = Order.objects.select_for_update().get(pk=order.pk)
    if not delivery_may_start(order):
        raise BillingError("Produk diserahkan setelah kuitansi terbit.")
    if order.user is None:
        raise BillingError("Pesanan tanpa akun pembeli tidak dapat diunduh.")
    now = timezone.now()
    items, held, unavailable = [], [], []
    pending = False
    refunded = refund_cases_for(order)  # a refund case replaces the file (issue #20)
    for line in order.kept_lines.select_related("product"):
        kind = line_kind(line)
        if kind is None or line.pk in refunded:
            continue
        if DeliveryItem.objects.filter(line=line, expires_at__gt=now).exists():
            continue
        if kind == DeliveryKind.MICRODATA and microdata_held(order):
            held.append(line.title)
            pending = True
            continue
        try:
            with transaction.atomic():
                item = _ITEM_BUILDERS[kind](order, line)
                item.save()
        except MasterMissing as missing:
            unavailable.append(missing.message)
            pending = True
            continue
        items.append(item)
        if announce:
            item_ready_mail(item)
    if not pending and mark:
        order_move(
            order_services.order_mark_delivered, order=order, by=by, note="Tautan unduhan tersedia"
        )
    return DeliveryResult(items=items, held=held, unavailable=unavailable, complete=not pending)


@dataclass(frozen=True)
class DeliveryStream:
    download: DeliveryDownload
    chunks: Iterator[bytes]
    size: int | None
    filename: str
    content_type: str


def delivery_download(
    *, item: DeliveryItem, user, ip: str | None, user_agent: str
) -> DeliveryStream:
    """Record one download of a delivered file and return its bytes (issue #8).

    Guards, under a lock on the item: the item is the asking buyer's; not expired; fewer than
    ``max_downloads`` downloads so far. Publications and maps are stamped for this download
    (``watermark``), naming the buyer and the download id; microdata is the prepared ZIP.
    """
    with transaction.atomic():
        item = DeliveryItem.objects.select_for_update().get(pk=item.pk)
        if item.buyer_id != getattr(user, "pk", None):
            raise DeliveryRefused("Berkas ini bukan milik Anda.")
        now = timezone.now()
        if item.expires_at <= now:
            raise DeliveryRefused("Tautan unduhan ini sudah kedaluwarsa; hubungi petugas PST.")
        used = item.downloads.count()
        if used >= item.max_downloads:
            raise DeliveryRefused(
                f"Batas {item.max_downloads} kali unduh untuk berkas ini sudah tercapai."
            )
        today = local_date(now)
        download = DeliveryDownload.objects.create(
            item=item,
            user=user,
            download_id=new_download_id(today),
            downloaded_at=now,
            ip=ip or None,
            user_agent=(user_agent or "")[:255],
            bytes=item.size,
        )
        if item.kind == DeliveryKind.PUBLICATION:
            # The reader's download and the buyer's copy carry the same mark (pst.stamping).
            page = PublicationPage.objects.get(pk=item.source_id)
            copy = stamped_copy(
                user=user, master_dir=page.master_dir, download_id=download.download_id, on=today
            )
            return DeliveryStream(
                download, copy.chunks, copy.size, item.filename, "application/pdf"
            )
        if item.kind == DeliveryKind.MAP:
            # the line's own version (the one it was priced on), else the current master
            data = (
                line_map_master(item.line)
                if item.line_id
                else wks_map_master(Product.objects.get(pk=item.source_id))
            )
            if not data:
                raise DeliveryRefused("Berkas peta ini sedang tidak tersedia; hubungi petugas PST.")
            identity = downloader_identity(user=user, download_id=download.download_id, on=today)
            stamped = _stamped_map(data, identity)
            download.bytes = len(stamped)  # each stamped copy has its own size
            download.save(update_fields=["bytes"])
            return DeliveryStream(
                download, iter((stamped,)), len(stamped), item.filename, _map_format(data)[1]
            )
    handle = item.file.open("rb")
    return DeliveryStream(
        download, _read_chunks(handle), item.size, item.filename, "application/zip"
    )


def _read_chunks(handle, size: int = 64 * 1024) -> Iterator[bytes]:
    try:
        while chunk := handle.read(size):
            yield chunk
    finally:
        handle.close()
