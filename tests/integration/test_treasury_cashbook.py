"""Buku Kas Umum (issue #9 "Done when"): the cash-not-deposited warning across a weekend and a
national holiday (PMK 3/PMK.02/2013 via ``pst.workdays.deposit_deadline`` and the office
calendar), deposits with their NTPN, running balances, and monthly totals equal to the sum of
the receipts of a generated month."""

from __future__ import annotations

import io
import random
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from pst import roles
from pst.workdays import JAKARTA
from shop.treasury import exports, selectors, services
from shop.treasury.models import Account, AppendOnlyError, CashBookEntry
from shop.treasury.services import IncomeLine
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def wib(y, m, d, hh=10, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=JAKARTA)


@pytest.fixture
def treasurer():
    return user_with_role(roles.TREASURER)


def cash_in(when, amount, ref):
    return services.cashbook_record_income(
        account=Account.CASH,
        received_at=when,
        lines=[IncomeLine("publikasi_elektronik", "EPUB_FIRST_50", Decimal(amount))],
        description=f"Tunai {ref}",
        reference=ref,
        source_key=f"test:{ref}",
    )


def deposit(treasurer, when, amount, ntpn):
    return services.cashbook_record_deposit(
        account=Account.CASH, amount=Decimal(amount), deposited_at=when, ntpn=ntpn, user=treasurer
    )


def warned_refs():
    return {w.movement.key.reference for w in selectors.deposit_warnings()}


@pytest.mark.parametrize(
    ("received", "deposited", "late", "rule"),
    [
        (wib(2026, 11, 13, 10), wib(2026, 11, 13, 15), False, "Friday cash deposited Friday"),
        (wib(2026, 11, 13, 10), wib(2026, 11, 16, 9), True, "Friday cash kept over the weekend"),
        (wib(2026, 11, 14, 10), wib(2026, 11, 16, 15), False, "Saturday cash: due Monday"),
        (wib(2026, 11, 14, 10), wib(2026, 11, 17, 9), True, "Saturday cash deposited Tuesday"),
        (wib(2026, 11, 13, 17), wib(2026, 11, 16, 15), False, "after closing Friday: Monday"),
        (wib(2026, 8, 15, 10), wib(2026, 8, 18, 15), False, "Sat 15 Aug; Mon 17 Aug holiday"),
        (wib(2026, 8, 14, 17), wib(2026, 8, 18, 10), False, "Fri after closing; due Tue 18 Aug"),
        (wib(2026, 8, 15, 10), wib(2026, 8, 19, 9), True, "Sat 15 Aug deposited Wed 19 Aug"),
        (wib(2026, 8, 14, 10), wib(2026, 8, 18, 9), True, "Fri 14 Aug cash due the same day"),
    ],
)
def test_cash_not_deposited_warning(treasurer, received, deposited, late, rule):
    cash_in(received, 150000, "KW-1")
    deposit(treasurer, deposited, 150000, "DEPOSIT000000001")
    assert ("KW-1" in warned_refs()) is late, rule


def test_never_deposited_cash_is_warned_and_partial_deposit_names_the_rest(treasurer):
    cash_in(wib(2026, 11, 10, 9), 100000, "KW-A")
    cash_in(wib(2026, 11, 10, 11), 60000, "KW-B")
    deposit(treasurer, wib(2026, 11, 10, 15), 120000, "DEPOSIT000000002")
    (warning,) = selectors.deposit_warnings()
    assert warning.movement.key.reference == "KW-B"
    assert warning.short == Decimal(40000)


def test_deposit_needs_an_ntpn_and_the_money(treasurer):
    cash_in(wib(2026, 11, 10, 9), 100000, "KW-C")
    with pytest.raises(services.TreasuryError):
        deposit(treasurer, wib(2026, 11, 10, 15), 100000, "short")
    with pytest.raises(services.TreasuryError):
        deposit(treasurer, wib(2026, 11, 10, 15), 100001, "DEPOSIT000000003")
    with pytest.raises(services.TreasuryError):
        deposit(treasurer, wib(2026, 11, 10, 8), 100000, "DEPOSIT000000003")  # before receipt
    deposit(treasurer, wib(2026, 11, 10, 15), 100000, "DEPOSIT000000003")
    cash_in(wib(2026, 11, 11, 9), 100000, "KW-D")
    with pytest.raises(services.TreasuryError):
        deposit(treasurer, wib(2026, 11, 11, 15), 100000, "DEPOSIT000000003")  # NTPN used
    officer = user_with_role(roles.OFFICER)
    with pytest.raises(services.TreasuryError):
        services.cashbook_record_deposit(
            account=Account.CASH,
            amount=Decimal(1),
            deposited_at=wib(2026, 11, 11, 15),
            ntpn="DEPOSIT000000004",
            user=officer,
        )


def test_running_balances_and_append_only(treasurer):
    cash_in(wib(2026, 11, 2, 9), 50000, "KW-1")
    cash_in(wib(2026, 11, 2, 10), 70000, "KW-2")
    deposit(treasurer, wib(2026, 11, 2, 15), 120000, "DEPOSIT000000005")
    book = selectors.cashbook_rows(
        start=datetime(2026, 11, 1).date(), end=datetime(2026, 11, 30).date(), account="cash"
    )
    assert [row.balance for row in book["rows"]] == [Decimal(50000), Decimal(120000), Decimal(0)]
    entry = CashBookEntry.objects.first()
    entry.description = "diubah"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        CashBookEntry.objects.all().delete()
    reversal = services.cashbook_reverse_entry(entry=entry, user=treasurer, reason="salah catat")
    assert reversal.credit == entry.debit
    with pytest.raises(services.TreasuryError):
        services.cashbook_reverse_entry(entry=entry, user=treasurer, reason="lagi")


def test_monthly_totals_equal_the_sum_of_the_receipts_of_a_generated_month():
    rng = random.Random(2026)
    items = [
        ("publikasi_elektronik", "EPUB_FIRST_50", 50000),
        ("publikasi_elektronik", "EPUB_NEXT_50", 15000),
        ("data_mikro", "MICRODATA_FIRST_MB", 20000),
        ("peta_wks", "WKS_KABKOTA_DESA", 70000),
    ]
    in_october = Decimal(0)
    for n in range(120):
        # Around the month's edges in WIB: 30 Sep 23:59 and 1 Nov 00:00 are not October.
        when = wib(2026, 9, 30, 23, 59) + timedelta(minutes=1 + rng.randrange(31 * 24 * 60 + 1))
        lines = [
            IncomeLine(kind, item, Decimal(price * rng.randint(1, 3)))
            for kind, item, price in rng.sample(items, rng.randint(1, 3))
        ]
        services.cashbook_record_income(
            account=rng.choice([Account.CASH, Account.BANK]),
            received_at=when,
            lines=lines,
            description=f"Penerimaan {n}",
            source_key=f"gen:{n}",
        )
        if when.month == 10:
            in_october += sum(line.amount for line in lines)
    start, end = selectors.month_bounds(2026, 10)
    report = selectors.report(start=start, end=end)
    assert report.total == in_october
    assert sum(Decimal(r["amount"]) for r in report.rows) == in_october
    assert sum(Decimal(r["amount"]) for r in report.by_product_type) == in_october
    assert sum(Decimal(r["amount"]) for r in report.by_day) == in_october
    assert len(report.by_day) == 31
    sheet = load_workbook(io.BytesIO(exports.report_xlsx(report)))["Per tarif"]
    assert Decimal(sheet.cell(sheet.max_row, 4).value) == in_october
