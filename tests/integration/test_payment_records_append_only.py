"""Issue #19: payments, kuitansi and payment exceptions are append-only
(``pst.appendonly.AppendOnlyModel``, STYLE.md habit 4). A saved row refuses ``save()``,
``delete()`` and queryset ``update()``/``delete()``; a payment exception is closed by a
resolution row of its own, never by an edit; treasury migration 0005 carried the resolutions
recorded as fields of the exception over into such rows, and back."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from pst import roles
from pst.appendonly import AppendOnlyError
from shop.billing import services as billing_services
from shop.billing.simponi.interface import PaymentConfirmation
from shop.billing.simponi.simulator import teller_pay
from shop.treasury import services
from shop.treasury.models import (
    Payment,
    PaymentException,
    PaymentExceptionResolution,
    PaymentSource,
    Receipt,
)
from tests.factories import user_with_role
from tests.factories.billing import billed_order
from tests.factories.migrations import migrate_to, migrate_to_latest


def _exception() -> PaymentException:
    _order, billing = billed_order()
    confirmation = PaymentConfirmation(
        billing_code=billing.code,
        ntpn="APPENDONLY000001",
        ntb="123456789012",
        amount=billing.amount + 1,
        paid_at=timezone.now(),
        bank_code="SIM",
    )
    result = services.payment_confirm(confirmation=confirmation, source=PaymentSource.BPN)
    assert result.exception is not None
    return result.exception


@pytest.mark.django_db
def test_payments_and_receipts_refuse_edits_and_deletions():
    _order, billing = billed_order()
    _paid, result = teller_pay(code=billing.code)
    receipt = services.receipt_issue(payment=result.payment, by=user_with_role(roles.TREASURER))
    for row in (result.payment, receipt):
        with pytest.raises(AppendOnlyError):
            row.save()
        with pytest.raises(AppendOnlyError):
            row.delete()
    with pytest.raises(AppendOnlyError):
        Payment.objects.filter(pk=result.payment.pk).update(amount=Decimal(1))
    with pytest.raises(AppendOnlyError):
        Receipt.objects.all().delete()
    assert receipt.pdf  # the PDF was rendered before the one save


@pytest.mark.django_db
def test_an_exception_is_resolved_by_a_row_of_its_own_once():
    exception = _exception()
    treasurer = user_with_role(roles.TREASURER)
    resolved = services.payment_exception_resolve(
        exception=exception, by=treasurer, resolution="Selisih dikembalikan ke pembayar."
    )
    assert resolved.is_resolved and resolved.resolved.note == "Selisih dikembalikan ke pembayar."
    assert resolved.resolved.resolved_by == treasurer
    with pytest.raises(billing_services.BillingError, match="sudah diselesaikan"):
        services.payment_exception_resolve(exception=exception, by=treasurer, resolution="Lagi.")
    assert PaymentExceptionResolution.objects.count() == 1
    with pytest.raises(AppendOnlyError):
        exception.save()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_resolutions_recorded_as_fields_are_carried_over_into_rows_and_back():
    exception = _exception()
    treasurer = user_with_role(roles.TREASURER)
    when = timezone.make_aware(datetime(2026, 11, 20, 10, 30))
    old_apps = migrate_to([("treasury", "0004_receipt_numbers_from_pst_sequence")])
    try:
        OldException = old_apps.get_model("treasury", "PaymentException")
        OldException.objects.filter(pk=exception.pk).update(
            resolved_at=when, resolved_by_id=treasurer.pk, resolution="Dikembalikan."
        )
    finally:
        migrate_to_latest()
    row = PaymentExceptionResolution.objects.get(exception_id=exception.pk)
    assert (row.resolved_at, row.resolved_by_id, row.note) == (when, treasurer.pk, "Dikembalikan.")
    old_apps = migrate_to([("treasury", "0004_receipt_numbers_from_pst_sequence")])
    try:
        back = old_apps.get_model("treasury", "PaymentException").objects.get(pk=exception.pk)
        assert (back.resolved_at, back.resolution) == (when, "Dikembalikan.")
    finally:
        migrate_to_latest()
