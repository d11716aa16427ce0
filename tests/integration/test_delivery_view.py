"""The buyer's delivery view (issue #20): every deliverable line of a paid order with its state
and why (``shop.delivery.selectors.line_deliveries``), the e-mail when a held or waiting line
becomes ready (once per file), and a newly published master delivering the orders that waited
for it (``catalogue.signals.master_published``)."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from PIL import Image

from catalogue import services as catalogue_services
from pst.formats import format_date
from shop.delivery import receivers
from shop.delivery import services as delivery_services
from shop.delivery.models import DeliveryItem
from shop.delivery.selectors import LineState, line_deliveries, orders_waiting_for
from shop.order.workflow import OrderStatus
from shop.treasury import selectors as treasury_selectors
from tests.factories.billing import invoiced_order, microdata_with_master, receipted_order
from tests.factories.catalogue import (
    CODEBOOK,
    SMALL_REGIONS,
    master_bytes,
    microdata_product,
    publication_product,
    wks_product,
)
from tests.factories.library import PublicationPageFactory
from tests.factories.orders import pdf_bytes

pytestmark = pytest.mark.django_db

SELECTION = {"variables": "region_code,B4K5", "regions": "7371"}


def _paid(products, options=None, *, kuitansi=True, lost=()):
    """Paid (and receipted); the masters of ``lost`` are withdrawn after the payment, before
    the kuitansi: a product without its master is not sold at all (issue #20)."""
    if not lost:
        return receipted_order(products=products, options=options, kuitansi=kuitansi)
    from catalogue.masters import master_withdraw

    order = receipted_order(products=products, options=options, kuitansi=False)
    for product in lost:
        master_withdraw(product=product, reason="berkas rusak")
    if kuitansi:
        _receipt(order)
    order.refresh_from_db()
    return order


def _receipt(order):
    """The bendahara's kuitansi and the delivery it starts, as her button does."""
    from pst import roles
    from shop.delivery import receivers as delivery_receivers
    from shop.treasury import services as treasury_services
    from shop.treasury.selectors import current_payment
    from tests.factories import user_with_role

    treasurer = user_with_role(roles.TREASURER)
    payment = current_payment(order.current_invoice)
    receipt = treasury_services.receipt_issue(payment=payment, by=treasurer)
    delivery_receivers.prepare_delivery(sender=None, receipt=receipt, by=treasurer)


def _publication():
    return publication_product(page=PublicationPageFactory(is_free=False))


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (80, 60), (190, 222, 160)).save(out, format="PNG")
    return out.getvalue()


def _download(item, user):
    stream = delivery_services.delivery_download(
        item=item, user=user, ip="127.0.0.1", user_agent="uji"
    )
    return b"".join(stream.chunks)


def _states(order) -> dict[str, str]:
    return {row.line.title: row.state for row in line_deliveries(order)}


def _sppd(order):
    delivery_services.sppd_upload(
        order=order, buyer=order.user, upload=SimpleUploadedFile("sppd.pdf", pdf_bytes())
    )


# --- the states -------------------------------------------------------------------------------


def test_an_unpaid_order_has_no_delivery_rows():
    order = invoiced_order(products=[_publication()])
    assert line_deliveries(order) == []


def test_paid_without_kuitansi_is_being_prepared_and_says_it_waits_for_the_kuitansi():
    order = _paid([_publication()], kuitansi=False)
    [row] = line_deliveries(order)
    assert row.state == LineState.PREPARING and row.item is None
    with translation.override("id"):
        assert "kuitansi" in line_deliveries(order)[0].reason


def test_a_ready_file_shows_its_downloads_left_and_expiry(settings):
    settings.PNBP_DELIVERY_MAX_DOWNLOADS = 3
    order = _paid([_publication()])
    [row] = line_deliveries(order)
    assert row.state == LineState.READY and row.can_download
    assert (row.downloads_used, row.downloads_left, row.max_downloads) == (0, 3, 3)
    assert row.expires_at == row.item.expires_at > timezone.now()
    with translation.override("en"):
        assert "not downloaded yet" in line_deliveries(order)[0].reason


def test_a_downloaded_file_is_delivered_and_can_be_downloaded_again_until_used_up(settings):
    settings.PNBP_DELIVERY_MAX_DOWNLOADS = 2
    order = _paid([_publication()])
    item = DeliveryItem.objects.get(order=order)
    _download(item, order.user)
    [row] = line_deliveries(order)
    assert row.state == LineState.DELIVERED and row.can_download and row.downloads_left == 1
    _download(item, order.user)
    [row] = line_deliveries(order)
    assert row.state == LineState.DELIVERED and not row.can_download
    with translation.override("en"):
        reason = line_deliveries(order)[0].reason
    assert "Downloaded 2 times" in reason and "All downloads" in reason


def test_a_link_that_expired_unused_is_its_own_state_and_one_used_stays_delivered():
    order = _paid([_publication(), _publication()])
    first, second = DeliveryItem.objects.filter(order=order).order_by("pk")
    _download(first, order.user)
    DeliveryItem.objects.filter(order=order).update(expires_at=timezone.now() - timedelta(days=1))
    rows = line_deliveries(order)
    assert [row.state for row in rows] == [LineState.DELIVERED, LineState.EXPIRED]
    assert not any(row.can_download for row in rows)
    with translation.override("id"):
        assert "petugas PST" in line_deliveries(order)[1].reason


def test_microdata_is_held_for_the_signed_sppd_beside_a_ready_publication(settings):
    settings.PST_HOLD_MICRODATA_UNTIL_SPPD = True
    microdata = microdata_with_master(title="Sakernas Uji")
    order = _paid([_publication(), microdata], SELECTION)
    states = _states(order)
    assert states["Sakernas Uji"] == LineState.HELD_SPPD
    assert LineState.READY in states.values()
    with translation.override("id"):
        held = next(r for r in line_deliveries(order) if r.state == LineState.HELD_SPPD)
        assert "SPPD bertanda tangan" in held.reason


def test_a_line_whose_master_is_missing_is_being_prepared_and_names_what_is_missing():
    product = wks_product(title="Peta WKS Uji")
    order = _paid([product], lost=[product])
    [row] = line_deliveries(order)
    assert row.state == LineState.PREPARING
    with translation.override("id"):
        reason = line_deliveries(order)[0].reason
    assert "berkas induk peta" in reason and "e-mail" in reason


def test_a_refund_case_makes_the_line_refunded_or_in_refund(monkeypatch):
    """Through ``shop.treasury.selectors.refund_cases_for`` when the treasury has it (stubbed
    here: the refund cases are the treasury's)."""

    class Case:
        def __init__(self, settled):
            self.settled, self.amount = settled, 25_000

    order = _paid([wks_product(), wks_product()])
    first, second = order.lines.order_by("pk")
    cases = {first.pk: Case(False), second.pk: Case(True)}
    monkeypatch.setattr(treasury_selectors, "refund_cases_for", lambda o: cases, raising=False)
    rows = line_deliveries(order)
    assert [row.state for row in rows] == [LineState.REFUND_PENDING, LineState.REFUNDED]
    assert rows[0].refund is cases[first.pk] and not rows[0].can_download
    with translation.override("id"):
        assert "Rp 25.000" in line_deliveries(order)[0].reason


def test_the_rows_read_a_fixed_number_of_queries_whatever_the_number_of_lines():
    def count(order) -> int:
        with CaptureQueriesContext(connection) as queries:
            line_deliveries(order)
        return len(queries)

    one = _paid([_publication()])
    three = _paid([_publication(), _publication(), _publication()])
    for item in DeliveryItem.objects.filter(order=three)[:2]:
        _download(item, three.user)
    assert count(three) == count(one)


# --- the e-mail once a held line is ready ---------------------------------------------------------


def test_the_buyer_is_mailed_once_when_the_held_microdata_becomes_ready(
    settings, django_capture_on_commit_callbacks
):
    settings.PST_HOLD_MICRODATA_UNTIL_SPPD = True
    with django_capture_on_commit_callbacks(execute=True):
        order = _paid([_publication(), microdata_with_master(title="Sakernas Uji")], SELECTION)
    kuitansi_mails = len(mail.outbox)
    # the kuitansi's own delivery is told by the kuitansi, not by a "ready" mail
    assert not DeliveryItem.objects.filter(notified_at__isnull=False).exists()

    with django_capture_on_commit_callbacks(execute=True):
        _sppd(order)
        delivery_services.delivery_prepare(order=order, by=order.user)
    ready = [m for m in mail.outbox[kuitansi_mails:] if "siap diunduh" in m.subject]
    assert len(ready) == 1
    [message] = ready
    assert message.to == [order.user.email]
    assert "Sakernas Uji" in message.subject and order.number in message.subject
    item = DeliveryItem.objects.get(order=order, title="Sakernas Uji")
    assert item.notified_at is not None
    assert f"/toko/accounts/orders/{order.number}/" in message.body
    assert f"{item.max_downloads} kali, sampai {format_date(item.expires_at, language='id')}" in (
        message.body
    )

    with django_capture_on_commit_callbacks(execute=True):
        delivery_services.delivery_prepare(order=order, by=order.user)
        from shop.delivery.notify import item_ready_mail

        assert item_ready_mail(item) is False  # told once
    assert len([m for m in mail.outbox if "siap diunduh" in m.subject]) == 1


# --- a master published delivers the orders that waited for it ---------------------------------


def test_a_map_master_attached_after_payment_delivers_the_waiting_order_and_mails_the_buyer(
    django_capture_on_commit_callbacks,
):
    product = wks_product(title="Peta WKS Uji")
    order = _paid([product], lost=[product])
    another = wks_product(title="Peta Lain")
    other = _paid([another], lost=[another])  # waits for another product's master
    assert list(orders_waiting_for(product)) == [order]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        catalogue_services.wks_map_master_attach(product=product, content=_png(), filename="p.png")

    [row] = line_deliveries(order)
    assert row.state == LineState.READY
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED
    assert [row.state for row in line_deliveries(other)] == [LineState.PREPARING]
    assert [m.to for m in mail.outbox if "siap diunduh" in m.subject] == [[order.user.email]]
    assert list(orders_waiting_for(product)) == []


def test_a_microdata_master_uploaded_after_payment_delivers_the_cut(
    django_capture_on_commit_callbacks,
):
    product = microdata_product(title="Susenas Uji", codebook=CODEBOOK, regions=SMALL_REGIONS)
    order = _paid([product], SELECTION, lost=[product])
    assert [row.state for row in line_deliveries(order)] == [LineState.PREPARING]
    with django_capture_on_commit_callbacks(execute=True):
        catalogue_services.microdata_master_attach(
            dataset=product.microdata,
            chunks=[master_bytes(CODEBOOK, SMALL_REGIONS)],
            filename="induk.csv",
        )
    [row] = line_deliveries(order)
    assert row.state == LineState.READY and row.item.size > 0


def test_one_broken_order_does_not_keep_the_others_from_their_file(
    monkeypatch, django_capture_on_commit_callbacks
):
    product = wks_product()
    broken, fine = _paid([product], kuitansi=False), _paid([product], kuitansi=False)
    from catalogue.masters import master_withdraw

    master_withdraw(product=product, reason="berkas rusak")
    for order in (broken, fine):
        _receipt(order)
    real = delivery_services.delivery_prepare

    def prepare(*, order, **kwargs):
        if order.pk == broken.pk:
            raise RuntimeError("disk full")
        return real(order=order, **kwargs)

    monkeypatch.setattr(receivers, "delivery_prepare", prepare)
    with django_capture_on_commit_callbacks(execute=True):
        catalogue_services.wks_map_master_attach(product=product, content=_png(), filename="p.png")
    assert [row.state for row in line_deliveries(fine)] == [LineState.READY]
    assert [row.state for row in line_deliveries(broken)] == [LineState.PREPARING]
