"""Reconciliation against real billings (issue #9 "Done when": each exception kind; matching is
repeatable; resolutions are kept) and the cash book entries the billing seam makes."""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from pst import roles
from pst.workdays import JAKARTA
from shop.billing.simponi.interface import PaymentConfirmation
from shop.treasury import selectors, services
from shop.treasury.models import (
    Account,
    CashBookEntry,
    ColumnMapping,
    EntryKind,
    ExceptionKind,
    ExceptionResolution,
    PaymentSource,
    ReconciliationException,
    ResolutionAction,
)
from shop.treasury.services import payments as payment_services
from tests.factories import user_with_role
from tests.factories.billing import billed_order

pytestmark = pytest.mark.django_db


def _pay(billing, ntpn, *, when):
    result = services.payment_confirm(
        confirmation=PaymentConfirmation(
            billing_code=billing.code,
            ntpn=ntpn,
            ntb="NTB" + ntpn[:6],
            amount=billing.amount,
            paid_at=when,
        ),
        source=PaymentSource.NOTIFICATION,
    )
    assert result.accepted
    return result.payment


def _statement(rows) -> io.BytesIO:
    text = "Kode Billing;NTPN;Jumlah;Tanggal\n" + "".join(
        f"{code};{ntpn};{amount};{when.astimezone(JAKARTA):%d/%m/%Y %H:%M}\n"
        for code, ntpn, amount, when in rows
    )
    return io.BytesIO(text.encode())


@pytest.fixture
def world(office_afternoon):
    """Four billings: two paid (one with a kuitansi), one unpaid, one that expired unpaid, all
    within one office day (the statement's period is the days its lines were paid on, and the
    kuitansi must be issued within it)."""
    treasurer = user_with_role(roles.TREASURER)
    ColumnMapping.objects.create(
        name="MPN",
        billing_code_column="Kode Billing",
        ntpn_column="NTPN",
        amount_column="Jumlah",
        paid_at_column="Tanggal",
    )
    now = timezone.now().replace(second=0, microsecond=0)
    paid_a = billed_order()[1]
    paid_b = billed_order()[1]
    unpaid = billed_order()[1]
    expired = billed_order()[1]
    pay_a = _pay(paid_a, "AAAAAAAAAAAAAAA1", when=now - timedelta(hours=3))
    pay_b = _pay(paid_b, "BBBBBBBBBBBBBBB1", when=now - timedelta(hours=2))
    receipt_b = services.receipt_issue(payment=pay_b, by=treasurer)
    expired_at = now - timedelta(hours=1)
    type(expired).objects.filter(pk=expired.pk).update(expires_at=expired_at)
    expired.refresh_from_db()
    return {
        "treasurer": treasurer,
        "now": now,
        "paid_a": paid_a,
        "paid_b": paid_b,
        "unpaid": unpaid,
        "expired": expired,
        "pay_a": pay_a,
        "receipt_b": receipt_b,
    }


def _kinds(result):
    return {(e.kind, e.receipt_number or e.billing_code) for e in result.exceptions.all()}


def test_each_exception_kind_and_repeatability(world):
    w = world
    now = w["now"]
    rows = [
        (w["paid_a"].code, "AAAAAAAAAAAAAAA1", w["paid_a"].amount, now - timedelta(hours=3)),
        (w["paid_a"].code, "AAAAAAAAAAAAAAA2", w["paid_a"].amount, now - timedelta(hours=2)),
        (w["unpaid"].code, "CCCCCCCCCCCCCCC1", w["unpaid"].amount + 1000, now - timedelta(hours=2)),
        ("899999999999999", "DDDDDDDDDDDDDDD1", Decimal(50000), now - timedelta(hours=2)),
        (w["expired"].code, "EEEEEEEEEEEEEEE1", w["expired"].amount, now - timedelta(minutes=30)),
    ]
    imported = services.statement_import(file=_statement(rows), bank="MPN", user=w["treasurer"])
    first = services.reconcile_run(user=w["treasurer"], statement_file=imported.statement_file)
    expected = {
        (ExceptionKind.DUPLICATE_PAYMENT, w["paid_a"].code),
        (ExceptionKind.AMOUNT_DIFFERS, w["unpaid"].code),
        (ExceptionKind.UNKNOWN_CODE, "899999999999999"),
        (ExceptionKind.PAID_AFTER_EXPIRY, w["expired"].code),
        (ExceptionKind.PAID_WITHOUT_STATEMENT, w["paid_b"].code),
        (ExceptionKind.RECEIPT_WITHOUT_PAYMENT, w["receipt_b"].number),
    }
    assert _kinds(first) == expected
    assert first.lines_matched == 1
    assert first.amount_matched == w["paid_a"].amount
    assert first.counts["matched"] == 1

    second = services.reconcile_run(user=w["treasurer"], statement_file=imported.statement_file)
    assert second.counts == first.counts
    assert set(second.exceptions.values_list("pk", flat=True)) == set(
        first.exceptions.values_list("pk", flat=True)
    )
    assert ReconciliationException.objects.count() == len(expected)


def test_resolutions_are_kept_and_close_the_exception(world):
    w = world
    rows = [("899999999999999", "DDDDDDDDDDDDDDD1", Decimal(50000), w["now"])]
    imported = services.statement_import(file=_statement(rows), bank="MPN", user=w["treasurer"])
    services.reconcile_run(user=w["treasurer"], statement_file=imported.statement_file)
    exception = ReconciliationException.objects.get(kind=ExceptionKind.UNKNOWN_CODE)
    assert selectors.open_exceptions().filter(pk=exception.pk).exists()
    with pytest.raises(services.TreasuryError):
        services.exception_resolve(
            exception=exception, user=w["treasurer"], action=ResolutionAction.REFUND, note=" "
        )
    services.exception_resolve(
        exception=exception,
        user=w["treasurer"],
        action=ResolutionAction.REFUND,
        note="Bukan setoran kantor ini; diajukan pengembalian.",
    )
    assert not selectors.open_exceptions().filter(pk=exception.pk).exists()
    with pytest.raises(services.TreasuryError):
        services.exception_resolve(
            exception=exception, user=w["treasurer"], action=ResolutionAction.ACCEPTED, note="x"
        )
    services.exception_resolve(
        exception=exception, user=w["treasurer"], action=ResolutionAction.REOPENED, note="Cek lagi"
    )
    assert selectors.open_exceptions().filter(pk=exception.pk).exists()
    # Re-running keeps the exception and its history.
    services.reconcile_run(user=w["treasurer"], statement_file=imported.statement_file)
    assert ExceptionResolution.objects.filter(exception=exception).count() == 2
    with pytest.raises(Exception, match="append-only"):
        ExceptionResolution.objects.filter(exception=exception).delete()


def test_confirmed_billing_payment_enters_the_bank_book_received_and_deposited(world):
    entries = CashBookEntry.objects.filter(source_key__startswith=f"payment:{world['pay_a'].pk}")
    kinds = sorted(entries.values_list("kind", "account", "ntpn"))
    assert kinds == [
        (EntryKind.DEPOSIT, Account.BANK, "AAAAAAAAAAAAAAA1"),
        (EntryKind.RECEIPT, Account.BANK, "AAAAAAAAAAAAAAA1"),
    ]
    receipt = entries.get(kind=EntryKind.RECEIPT)
    assert sum(line.amount for line in receipt.lines.all()) == world["paid_a"].amount
    assert {line.product_type for line in receipt.lines.all()} <= {
        "publikasi_elektronik",
        "data_mikro",
        "peta_wks",
        "lainnya",
    }
    # The seam is idempotent, and a sync finds nothing missing.
    services.cashbook_record_receipt(payment=world["pay_a"])
    assert services.cashbook_sync_payments() == 0
    assert entries.count() == 2


def test_sync_enters_a_payment_the_seam_missed(world, monkeypatch):
    monkeypatch.setattr(payment_services, "cashbook_record_receipt", lambda **kwargs: None)
    unpaid = world["unpaid"]
    payment = _pay(unpaid, "CCCCCCCCCCCCCCC9", when=world["now"] - timedelta(minutes=5))
    monkeypatch.undo()
    assert [p.pk for p in selectors.payments_missing_from_cashbook()] == [payment.pk]
    assert services.cashbook_sync_payments() == 1
    assert CashBookEntry.objects.filter(source_key=f"payment:{payment.pk}").exists()
    assert selectors.payments_missing_from_cashbook() == []


def test_paid_at_the_bank_but_not_recorded(world):
    w = world
    rows = [(w["unpaid"].code, "FFFFFFFFFFFFFFF1", w["unpaid"].amount, w["now"])]
    imported = services.statement_import(file=_statement(rows), bank="MPN", user=w["treasurer"])
    run = services.reconcile_run(user=w["treasurer"], statement_file=imported.statement_file)
    assert (ExceptionKind.PAID_NOT_RECORDED, w["unpaid"].code) in _kinds(run)
    assert run.counts["matched"] == 0
