"""Cash book balances and the deposit rule (PMK 3/PMK.02/2013 via pst.workdays)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from pst.workdays import JAKARTA, WorkCalendar
from shop.treasury.cashbook import Movement, running_balances, undeposited_cash

CAL = WorkCalendar()


def at(month, day, hour=10, minute=0):
    return datetime(2026, month, day, hour, minute, tzinfo=JAKARTA)


def cash_in(key, moment, amount):
    return Movement(key, moment, "cash", debit=Decimal(amount))


def cash_out(key, moment, amount):
    return Movement(key, moment, "cash", credit=Decimal(amount))


def test_running_balance():
    rows = list(
        running_balances(
            [
                cash_in(1, at(11, 20), 100),
                cash_in(2, at(11, 20), 50),
                cash_out(3, at(11, 20, 15), 120),
            ]
        )
    )
    assert [r.balance for r in rows] == [Decimal(100), Decimal(150), Decimal(30)]


@pytest.mark.parametrize(
    ("received", "deposited", "now", "warned", "rule"),
    [
        (at(11, 20), at(11, 20, 15), at(11, 23), False, "Friday cash deposited the same day"),
        (at(11, 20), at(11, 23, 9), at(11, 24), True, "Friday cash deposited Monday: late"),
        (at(11, 21), at(11, 23, 15), at(11, 24), False, "Saturday cash: due Monday closing"),
        (at(11, 21), at(11, 24, 9), at(11, 25), True, "Saturday cash deposited Tuesday"),
        (at(11, 20), None, at(11, 20, 15), False, "not yet due"),
        (at(12, 24), at(12, 28, 10), at(12, 29), True, "Thursday 24 Dec is a working day"),
        (
            at(12, 24, 17),
            at(12, 28, 10),
            at(12, 29),
            False,
            "after closing on Thu 24th: Christmas Friday, due Monday",
        ),
        (at(12, 25), at(12, 29, 10), at(12, 30), True, "Christmas cash due Monday 28th"),
    ],
)
def test_deposit_deadline_warnings(received, deposited, now, warned, rule):
    deposits = [cash_out("d", deposited, 100)] if deposited else []
    warnings = undeposited_cash([cash_in("r", received, 100)], deposits, calendar=CAL, now=now)
    assert bool(warnings) is warned, rule


def test_fifo_partial_deposit_names_the_short_amount():
    receipts = [cash_in("a", at(11, 19), 100), cash_in("b", at(11, 19, 11), 60)]
    deposits = [cash_out("d", at(11, 19, 15), 120)]
    (warning,) = undeposited_cash(receipts, deposits, calendar=CAL, now=at(11, 25))
    assert warning.movement.key == "b"
    assert warning.short == Decimal(40)
