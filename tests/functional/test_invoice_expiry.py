"""An invoice is valid for one month (DOMAIN.md, issue #7): unpaid after that, it lapses.

``manage.py expire_invoices`` (daily) cancels the order through the workflow (system actor,
reason "Invoice kedaluwarsa"), voids its unpaid kode billing codes, records the event and
e-mails the buyer; a deposit made later on such a code is an ``order_closed`` exception.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from pst import roles
from pst.clock import office_today
from shop.billing.models import Billing, BillingStatus, SimulatedBilling
from shop.billing.simponi.simulator import teller_pay
from shop.order import services as order_services
from shop.order.models import Invoice, OrderEvent
from shop.order.workflow import Actor, OrderStatus, transition_for
from shop.treasury import services
from shop.treasury.models import Payment, PaymentException
from shop.treasury.models import PaymentExceptionKind as ExceptionKind
from tests.factories import user_with_role
from tests.factories.billing import billed_order, invoiced_order
from tests.factories.orders import png_bytes

pytestmark = pytest.mark.django_db


def _lapse(order, days: int = 1) -> None:
    """Move the invoice's last valid day ``days`` before today."""
    Invoice.objects.filter(pk=order.current_invoice.pk).update(
        valid_until=office_today() - timedelta(days=days)
    )


def _run(*args) -> str:
    out = io.StringIO()
    call_command("expire_invoices", *args, stdout=out)
    return out.getvalue()


def test_the_system_may_cancel_an_invoiced_order_the_buyer_still_may():
    for status in (OrderStatus.INVOICED, OrderStatus.REINVOICED, OrderStatus.AWAITING_PAYMENT):
        assert Actor.SYSTEM in transition_for("order_cancel", status).actors
    assert Actor.BUYER in transition_for("order_cancel", OrderStatus.INVOICED).actors
    assert Actor.SYSTEM not in transition_for("order_cancel", OrderStatus.SUBMITTED).actors


def test_a_lapsed_invoice_cancels_the_order_voids_the_code_and_tells_the_buyer(
    django_capture_on_commit_callbacks,
):
    order, billing = billed_order()
    unbilled = invoiced_order()
    _lapse(order)
    _lapse(unbilled, days=3)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        output = _run()
    assert "2 order(s) cancelled, 0 skipped" in output
    assert order.number in output and unbilled.number in output
    for lapsed in (order, unbilled):
        lapsed.refresh_from_db()
        assert lapsed.status == "cancelled" and lapsed.closed_at is not None
        event = OrderEvent.objects.filter(order=lapsed, to_status="cancelled").get()
        assert event.actor is None and event.note.startswith("Invoice kedaluwarsa")
        assert lapsed.current_invoice.number in event.note
    billing.refresh_from_db()
    assert billing.status == BillingStatus.VOID
    assert billing.code in OrderEvent.objects.get(order=order, to_status="cancelled").note
    recipients = {message.to[0]: message for message in mail.outbox}
    assert set(recipients) == {order.user.email, unbilled.user.email}
    assert "Invoice kedaluwarsa" in recipients[order.user.email].body
    assert order.number in recipients[order.user.email].subject


def test_expiry_is_idempotent():
    order, _billing = billed_order()
    _lapse(order)
    assert "1 order(s) cancelled" in _run()
    assert "0 order(s) cancelled, 0 skipped" in _run()
    assert OrderEvent.objects.filter(order=order, to_status="cancelled").count() == 1


def test_an_invoice_is_valid_through_its_last_day():
    order, billing = billed_order()
    valid_until = order.current_invoice.valid_until
    assert "0 order(s) cancelled" in _run("--date", valid_until.isoformat())
    order.refresh_from_db()
    assert order.status == "awaiting_payment"
    next_day = (valid_until + timedelta(days=1)).isoformat()
    assert "would cancel " + order.number in _run("--date", next_day, "--dry-run")
    order.refresh_from_db()
    assert order.status == "awaiting_payment"  # a dry run changes nothing
    assert "1 order(s) cancelled" in _run("--date", next_day)
    billing.refresh_from_db()
    assert billing.status == BillingStatus.VOID


def test_a_bad_date_is_refused():
    with pytest.raises(CommandError):
        _run("--date", "31-12-2026")


def _paid():
    order, billing = billed_order()
    teller_pay(code=billing.code)
    return order


def _proof_pending():
    order, _billing = billed_order()
    services.transfer_proof_submit(
        invoice=order.current_invoice,
        buyer=order.user,
        upload=SimpleUploadedFile("bukti.png", png_bytes(), content_type="image/png"),
        sender_name="John Smith",
        sender_bank="HSBC London",
        transfer_date=date(2026, 11, 2),
        amount=Decimal("12.50"),
        currency="USD",
    )
    return order


def _correction_with_the_officer():
    order = invoiced_order()
    order_services.order_request_correction(order=order, buyer=order.user, note="Salah jumlah")
    return order


def _rp0_invoice():
    """Nothing to pay: the officer delivers straight from the invoice (workflow.py)."""
    order = invoiced_order()
    Invoice.objects.filter(pk=order.current_invoice.pk).update(total=0)
    return order


@pytest.mark.parametrize(
    ("make", "status"),
    [
        pytest.param(_paid, "paid", id="paid"),
        pytest.param(_proof_pending, "awaiting_payment", id="transfer-proof-pending"),
        pytest.param(_correction_with_the_officer, "correction_requested", id="correction"),
        pytest.param(_rp0_invoice, "invoiced", id="rp0"),
    ],
)
def test_orders_that_must_not_lapse(make, status):
    order = make()
    _lapse(order)
    assert "0 order(s) cancelled" in _run()
    order.refresh_from_db()
    assert order.status == status


def test_a_code_paid_at_the_bank_but_not_yet_confirmed_is_left_for_the_next_run():
    order, billing = billed_order()
    teller_pay(code=billing.code, notify=False)  # SIMPONI knows; the notification is late
    _lapse(order)
    output = _run()
    assert f"skipped {order.number}" in output and billing.code in output
    order.refresh_from_db()
    billing.refresh_from_db()
    assert order.status == "awaiting_payment" and billing.status == BillingStatus.UNPAID


def test_a_payment_after_the_lapse_lands_in_the_order_closed_exceptions(client):
    """End to end with the simulator: SIMPONI does not know the shop voided the code, so the
    bank still takes it; the notification must not reopen the order."""
    order, billing = billed_order()
    _lapse(order)
    _run()
    assert SimulatedBilling.objects.get(code=billing.code).paid_at is None
    confirmation, result = teller_pay(code=billing.code)
    assert not result.accepted
    assert result.exception.kind == ExceptionKind.ORDER_CLOSED
    assert result.exception.ntpn == confirmation.ntpn
    order.refresh_from_db()
    assert order.status == "cancelled" and not Payment.objects.exists()
    client.force_login(user_with_role(roles.TREASURER))
    home = client.get(reverse("treasury:payments")).content.decode()
    assert confirmation.ntpn in home
    assert PaymentException.objects.filter(resolved__isnull=True).count() == 1


def test_a_new_kode_billing_is_refused_once_the_invoice_lapsed(client):
    order = invoiced_order()
    _lapse(order)
    client.force_login(order.user)
    response = client.post(reverse("billing:billing-create", args=[order.number]), follow=True)
    assert response.status_code == 200
    assert not Billing.objects.exists()
    order.refresh_from_db()
    assert order.status == "invoiced"


def test_the_order_page_says_until_when_the_invoice_is_valid(client):
    order = invoiced_order()
    client.force_login(order.user)
    url = reverse("customer:order", kwargs={"order_number": order.number})
    page = client.get(url).content.decode()
    valid_until = order.current_invoice.valid_until
    assert 'id="invoice-valid-until"' in page
    assert f"Invoice berlaku sampai {valid_until.day} " in page
    _lapse(order)
    _run()
    page = client.get(url).content.decode()
    assert 'id="invoice-valid-until"' not in page and 'id="payment-closed"' in page
