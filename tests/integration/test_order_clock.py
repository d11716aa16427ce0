"""The order's service-time clock, late notice and auto-close (issue #7, DOMAIN.md: product sale
online, 10 working days after the request is clear and complete; written notice when late; the
transaction closes by itself after delivery)."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation

from pst.models import OfficeDay, OfficeDayKind
from pst.ratings import RatingError
from shop.order import selectors, services
from shop.order.models import OrderEvent
from shop.order.workflow import OrderStatus
from tests.factories import UserFactory
from tests.factories.delivery import offered_files
from tests.factories.orders import submitted_order

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")


def _verified(officer, *, submitted_at: datetime):
    order = submitted_order()
    order.documents_submitted_at = submitted_at
    order.save(update_fields=["documents_submitted_at"])
    services.order_start_review(order=order, officer=officer)
    return services.order_verify_documents(order=order, officer=officer)


@pytest.mark.parametrize(
    ("submitted", "due"),
    [
        pytest.param(
            datetime(2026, 11, 23, 10, 0, tzinfo=WIB),
            datetime(2026, 12, 7, 16, 0, tzinfo=WIB),
            id="Mon 10.00: two weeks later at closing",
        ),
        pytest.param(
            datetime(2026, 11, 20, 17, 0, tzinfo=WIB),
            datetime(2026, 12, 7, 16, 0, tzinfo=WIB),
            id="Fri after closing: starts Mon",
        ),
        pytest.param(
            datetime(2026, 12, 21, 9, 0, tzinfo=WIB),
            datetime(2027, 1, 7, 16, 0, tzinfo=WIB),
            id="over Natal, Tahun Baru and Isra Mikraj 2027 (Tue 5-1)",
        ),
        pytest.param(
            datetime(2026, 3, 16, 9, 0, tzinfo=WIB),
            datetime(2026, 3, 31, 16, 0, tzinfo=WIB),
            id="over Nyepi 2026 (Thu); Idul Fitri falls on the weekend",
        ),
    ],
)
def test_verification_starts_the_clock_from_the_complete_submission(officer, submitted, due):
    order = _verified(officer, submitted_at=submitted)
    assert order.request_completed_at == submitted
    assert order.service_due_at == due


def test_office_collective_leave_moves_the_due_date(officer):
    OfficeDay.objects.create(date=datetime(2026, 12, 24).date(), kind=OfficeDayKind.CUTI_BERSAMA)
    order = _verified(officer, submitted_at=datetime(2026, 12, 21, 9, 0, tzinfo=WIB))
    assert order.service_due_at == datetime(2027, 1, 8, 16, 0, tzinfo=WIB)  # one day later


def test_the_clock_pauses_while_the_buyer_pays(officer):
    order = _verified(officer, submitted_at=timezone.now() - timedelta(days=1))
    due = order.service_due_at
    order = services.order_issue_invoice(order=order, officer=officer)
    assert order.clock_paused_at is not None
    services.order_mark_awaiting_payment(order=order, actor=order.user)
    # the buyer took three weeks to pay
    order.clock_paused_at = timezone.now() - timedelta(days=21)
    order.save(update_fields=["clock_paused_at"])
    order = services.order_mark_paid(order=order, actor=None)
    assert order.clock_paused_at is None
    assert order.service_due_at > due + timedelta(days=14)


def test_late_orders_get_one_written_notice(officer, django_capture_on_commit_callbacks):
    order = _verified(officer, submitted_at=timezone.now() - timedelta(days=40))
    clock = selectors.order_clock(order)
    assert clock.flag == "late"
    # "sisa -2 hari kerja" was shown; a late order counts the days past the due date
    assert clock.working_days_left < 0
    assert clock.working_days_overdue == -clock.working_days_left
    with django_capture_on_commit_callbacks(execute=True):
        call_command("orders_check_service_time", stdout=io.StringIO())
    order.refresh_from_db()
    assert order.late_notice_sent_at is not None
    notice = OrderEvent.objects.get(order=order, kind="late_notice")
    assert "10" in notice.note
    to_buyer = [m for m in mail.outbox if m.to == [order.user.email]]
    assert len(to_buyer) == 1  # the written notice, once
    from layanan.models import Complaint

    complaint = Complaint.objects.get(automatic=True)  # the priority complaint (issue #10)
    assert complaint.priority and complaint.notice_text == notice.note
    assert services.orders_check_service_time() == 0  # once per order


def test_orders_on_time_or_waiting_for_the_buyer_get_no_notice(officer):
    on_time = _verified(officer, submitted_at=timezone.now())
    assert selectors.order_clock(on_time).flag in ("", "soon")
    waiting = _verified(officer, submitted_at=timezone.now() - timedelta(days=40))
    services.order_issue_invoice(order=waiting, officer=officer)
    assert services.orders_check_service_time() == 0


def test_the_queue_flags_orders_due_soon(officer):
    order = _verified(officer, submitted_at=timezone.now() - timedelta(days=12))
    clock = selectors.order_clock(order)
    assert clock.state == "running"
    assert clock.flag in ("soon", "late")
    rows = dict(selectors.officer_queue())
    assert order in rows


def test_an_unverified_order_has_a_provisional_clock():
    order = submitted_order()
    clock = selectors.order_clock(order)
    assert clock.state == "provisional" and clock.due_at is not None


@pytest.mark.parametrize(
    ("state", "label"),
    [("provisional", "sementara"), ("running", "berjalan"), ("stopped", "selesai")],
)
def test_the_officer_reads_the_clock_state_in_indonesian(state, label):
    """The order page showed the raw state ("paused", "stopped") in English."""
    with translation.override("id"):
        assert selectors.Clock(None, state, "", None).state_label == label


def _delivered(officer, *, days_ago: int):
    order = _verified(officer, submitted_at=timezone.now())
    services.order_issue_invoice(order=order, officer=officer)
    services.order_mark_awaiting_payment(order=order, actor=None)
    services.order_mark_paid(order=order, actor=None)
    services.order_mark_receipt_issued(order=order, actor=None)
    offered_files(order)
    order = services.order_mark_delivered(order=order, actor=officer)
    order.delivered_at = timezone.now() - timedelta(days=days_ago)
    order.save(update_fields=["delivered_at"])
    return order


def test_autoclose_after_the_correction_period(
    officer, settings, django_capture_on_commit_callbacks
):
    settings.PST_ORDER_AUTOCLOSE_DAYS = 7
    old = _delivered(officer, days_ago=8)
    recent = _delivered(officer, days_ago=2)
    disputed = _delivered(officer, days_ago=30)
    services.order_request_delivery_correction(order=disputed, buyer=disputed.user, note="Rusak")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("orders_autoclose", stdout=io.StringIO())
    for order in (old, recent, disputed):
        order.refresh_from_db()
    assert old.status == OrderStatus.COMPLETED and old.closed_at is not None
    assert old.events.last().actor is None  # the site closed it
    assert recent.status == OrderStatus.DELIVERED
    assert disputed.status == OrderStatus.DELIVERY_CORRECTION
    assert len(mail.outbox) == 1 and "1" in mail.outbox[0].body and "5" in mail.outbox[0].body


def test_the_buyer_rates_once_after_delivery(officer):
    order = _delivered(officer, days_ago=0)
    rating = services.order_rate(order=order, buyer=order.user, score=5, comment="Cepat")
    assert rating.service == "penjualan" and rating.score == 5
    with pytest.raises(RatingError):
        services.order_rate(order=order, buyer=order.user, score=4)
    with pytest.raises(services.OrderActionError):
        services.order_rate(order=order, buyer=UserFactory(), score=4)


def test_rating_before_delivery_is_refused():
    order = submitted_order()
    with pytest.raises(services.OrderActionError):
        services.order_rate(order=order, buyer=order.user, score=5)
