"""Kode billing, payment confirmation and its exceptions, through the SIMPONI simulator
(issue #8, "Done when")."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone

from pst import roles
from shop.billing import services as billing_services
from shop.billing.identifiers import is_valid_billing_code, is_valid_ntpn
from shop.billing.models import Billing, BillingStatus
from shop.billing.simponi import get_adapter, signing
from shop.billing.simponi.interface import BillingState, PaymentConfirmation, SimponiRefused
from shop.billing.simponi.simulator import teller_pay
from shop.treasury import services as treasury_services
from shop.treasury.models import (
    Payment,
    PaymentException,
    PaymentSource,
)
from shop.treasury.models import (
    PaymentExceptionKind as ExceptionKind,
)
from tests.factories import user_with_role
from tests.factories.billing import billed_order, expire, invoiced_order

pytestmark = pytest.mark.django_db


def _notify(confirmation: PaymentConfirmation, *, nonce=None, now=None, secret=None):
    body = json.dumps(confirmation.as_payload()).encode()
    headers = signing.signed_headers(
        secret or settings.SIMPONI_NOTIFICATION_SECRET,
        body,
        now=now or int(timezone.now().timestamp()),
        nonce=nonce,
    )
    return body, headers


def _confirmation(billing, **changes) -> PaymentConfirmation:
    values = {
        "billing_code": billing.code,
        "ntpn": "0123456789ABCDEF",
        "ntb": "000111222333",
        "amount": billing.amount,
        "paid_at": timezone.now(),
        "bank_code": "009",
    }
    values.update(changes)
    return PaymentConfirmation(**values)


def test_billing_issue_makes_a_pnbp_code_that_expires_after_the_configured_days():
    order, billing = billed_order()
    assert is_valid_billing_code(billing.code) and billing.code[0] in "789"
    assert billing.amount == order.current_invoice.total > 0
    expected = billing.issued_at + timedelta(days=settings.PNBP_BILLING_EXPIRY_DAYS)
    assert abs((billing.expires_at - expected).total_seconds()) < 5
    assert order.status == "awaiting_payment"
    assert get_adapter().query_status(billing.code).state is BillingState.UNPAID
    with pytest.raises(billing_services.BillingError):
        billing_services.billing_issue(invoice=order.current_invoice, by=order.user)


def test_bank_teller_pays_the_code_and_the_order_is_paid():
    order, billing = billed_order()
    paid, result = teller_pay(code=billing.code)
    assert is_valid_ntpn(paid.ntpn) and paid.ntb
    assert result.accepted and not result.duplicate
    payment = result.payment
    assert (payment.ntpn, payment.amount, payment.billing) == (paid.ntpn, billing.amount, billing)
    assert payment.source == PaymentSource.NOTIFICATION
    billing.refresh_from_db()
    order.refresh_from_db()
    assert billing.status == BillingStatus.PAID
    assert order.status == "paid"
    assert get_adapter().query_status(billing.code).state is BillingState.PAID
    with pytest.raises(SimponiRefused):
        teller_pay(code=billing.code)


def test_the_same_notification_twice_gives_one_payment():
    order, billing = billed_order()
    confirmation = _confirmation(billing)
    first = billing_services.notification_receive(
        body=_notify(confirmation)[0], headers=_notify(confirmation)[1]
    )
    body, headers = _notify(confirmation)  # the sender retries: new nonce, same deposit
    second = billing_services.notification_receive(body=body, headers=headers)
    assert first.accepted and second.duplicate and second.payment == first.payment
    assert Payment.objects.count() == 1
    assert PaymentException.objects.count() == 0


def test_a_replayed_notification_is_refused():
    _order, billing = billed_order()
    body, headers = _notify(_confirmation(billing))
    billing_services.notification_receive(body=body, headers=headers)
    with pytest.raises(billing_services.NotificationRefused, match="replayed"):
        billing_services.notification_receive(body=body, headers=headers)


@pytest.mark.parametrize(
    ("tamper", "reason"),
    [
        (lambda body, headers: (body.replace(b"0123", b"0124"), headers), "bad signature"),
        (
            lambda body, headers: (body, {**headers, signing.HEADER_SIGNATURE: "0" * 64}),
            "bad signature",
        ),
        (lambda body, headers: (body, {}), "missing"),
    ],
)
def test_an_unsigned_or_tampered_notification_is_refused(tamper, reason):
    _order, billing = billed_order()
    body, headers = tamper(*_notify(_confirmation(billing)))
    with pytest.raises(billing_services.NotificationRefused, match=reason):
        billing_services.notification_receive(body=body, headers=headers)
    assert Payment.objects.count() == 0


def test_a_stale_notification_is_refused():
    _order, billing = billed_order()
    old = int(timezone.now().timestamp()) - settings.SIMPONI_NOTIFICATION_MAX_AGE - 5
    body, headers = _notify(_confirmation(billing), now=old)
    with pytest.raises(billing_services.NotificationRefused, match="stale"):
        billing_services.notification_receive(body=body, headers=headers)


def test_a_wrong_amount_lands_in_the_exceptions():
    order, billing = billed_order()
    result = treasury_services.payment_confirm(
        confirmation=_confirmation(billing, amount=billing.amount - 1000),
        source=PaymentSource.NOTIFICATION,
    )
    assert not result.accepted
    assert result.exception.kind == ExceptionKind.AMOUNT_MISMATCH
    assert result.exception.expected_amount == billing.amount
    order.refresh_from_db()
    assert order.status == "awaiting_payment" and Payment.objects.count() == 0


def test_a_payment_for_a_cancelled_order_is_an_exception_and_the_order_stays_cancelled():
    from shop.order import services as order_services

    order, billing = billed_order()
    order_services.order_cancel(
        order=order, actor=user_with_role(roles.OFFICER), note="Pembeli membatalkan lewat telepon."
    )
    order.refresh_from_db()
    assert order.status == "cancelled"
    result = treasury_services.payment_confirm(
        confirmation=_confirmation(billing), source=PaymentSource.NOTIFICATION
    )
    assert not result.accepted
    assert result.exception.kind == ExceptionKind.ORDER_CLOSED
    assert result.exception.billing == billing
    assert PaymentException.objects.filter(resolved__isnull=True).count() == 1
    again = treasury_services.payment_confirm(
        confirmation=_confirmation(billing), source=PaymentSource.NOTIFICATION
    )
    assert again.duplicate and again.exception == result.exception
    order.refresh_from_db()
    billing.refresh_from_db()
    assert order.status == "cancelled" and billing.status == BillingStatus.UNPAID
    assert Payment.objects.count() == 0


def test_a_payment_on_an_expired_code_lands_in_the_exceptions():
    _order, billing = billed_order()
    expire(billing)
    result = treasury_services.payment_confirm(
        confirmation=_confirmation(billing), source=PaymentSource.NOTIFICATION
    )
    assert result.exception.kind == ExceptionKind.EXPIRED_CODE
    assert Payment.objects.count() == 0


def test_an_unknown_code_lands_in_the_exceptions_once():
    treasurer = user_with_role(roles.TREASURER)
    values = dict(
        billing_code="899999999999999",
        ntpn="ZZZZ1111YYYY2222",
        ntb="1",
        amount=Decimal(50_000),
        paid_at=timezone.now(),
        bank_code="008",
        by=treasurer,
    )
    first = treasury_services.bpn_record(**values)
    second = treasury_services.bpn_record(**values)
    assert first.exception.kind == ExceptionKind.UNKNOWN_CODE
    assert second.duplicate and second.exception == first.exception
    assert PaymentException.objects.count() == 1
    assert first.exception.source == PaymentSource.BPN


def test_a_second_payment_of_a_paid_invoice_is_an_exception():
    _order, billing = billed_order()
    treasury_services.payment_confirm(confirmation=_confirmation(billing), source=PaymentSource.BPN)
    again = treasury_services.payment_confirm(
        confirmation=_confirmation(billing, ntpn="FFFF0000EEEE1111"), source=PaymentSource.BPN
    )
    assert again.exception.kind == ExceptionKind.ALREADY_PAID
    assert Payment.objects.count() == 1


def test_only_the_bendahara_enters_a_bpn():
    _order, billing = billed_order()
    officer = user_with_role(roles.OFFICER)
    with pytest.raises(billing_services.BillingError):
        treasury_services.bpn_record(
            billing_code=billing.code,
            ntpn="0123456789ABCDEF",
            ntb="1",
            amount=billing.amount,
            paid_at=timezone.now(),
            bank_code="009",
            by=officer,
        )


def test_an_expired_unpaid_billing_is_reissued_with_a_new_code_and_the_old_kept_void():
    order, billing = billed_order()
    with pytest.raises(billing_services.BillingError, match="masih berlaku"):
        billing_services.billing_reissue(billing=billing, by=order.user)
    expire(billing)
    new = billing_services.billing_reissue(billing=billing, by=order.user)
    billing.refresh_from_db()
    assert billing.status == BillingStatus.VOID and new.replaces == billing
    assert new.code != billing.code and new.status == BillingStatus.UNPAID
    assert Billing.objects.filter(invoice=order.current_invoice).count() == 2
    # the old code can no longer be paid at the bank, the new one can
    with pytest.raises(SimponiRefused):
        teller_pay(code=billing.code)
    _paid, result = teller_pay(code=new.code)
    assert result.accepted


def test_a_late_payment_of_the_void_code_is_an_exception():
    _order, billing = billed_order()
    expire(billing)
    billing_services.billing_reissue(billing=billing, by=None)
    result = treasury_services.payment_confirm(
        confirmation=_confirmation(billing, paid_at=billing.expires_at - timedelta(hours=1)),
        source=PaymentSource.BPN,
    )
    assert result.exception.kind == ExceptionKind.EXPIRED_CODE


def test_a_rp0_invoice_gets_no_billing(monkeypatch):
    order = invoiced_order()
    invoice = order.current_invoice
    type(invoice).objects.filter(pk=invoice.pk).update(total=0)
    invoice.refresh_from_db()
    with pytest.raises(billing_services.BillingError, match="Rp0"):
        billing_services.billing_issue(invoice=invoice, by=order.user)


def test_the_simulator_draws_again_when_a_code_is_taken(monkeypatch):
    """Codes are unique by the database; a collision is caught and another code drawn."""
    from shop.billing.simponi import simulator

    _order, first = billed_order()
    drawn = iter([first.code, "912345678901234"])
    monkeypatch.setattr(simulator, "generate_billing_code", lambda *a, **k: next(drawn))
    order = invoiced_order()
    second = billing_services.billing_issue(invoice=order.current_invoice, by=order.user)
    assert second.code == "912345678901234"


def test_no_billing_while_the_buyer_asks_for_an_invoice_correction():
    from shop.order import services as order_services

    order = invoiced_order()
    order = order_services.order_request_correction(
        order=order, buyer=order.user, note="Nama instansi salah"
    )
    with pytest.raises(billing_services.BillingError, match="menunggu pembayaran"):
        billing_services.billing_issue(invoice=order.current_invoice, by=order.user)
    assert not Billing.objects.exists()
