"""Matching rules (issue #9; DOMAIN.md "The bendahara", Decision on reconciliation)."""

from __future__ import annotations

import random
from datetime import date, datetime
from decimal import Decimal

import pytest

from pst.workdays import JAKARTA
from shop.treasury.matching import (
    BillingRecord,
    Matcher,
    MatchKind,
    ReceiptRecord,
    StatementEntry,
    match_statement,
)


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=JAKARTA)


UNPAID = BillingRecord("820261101000001", Decimal(50000), expires_at=at(27))
PAID = BillingRecord(
    "820261101000002",
    Decimal(70000),
    expires_at=at(27),
    is_paid=True,
    paid_ntpn="NTPN000000000002",
    paid_at=at(20),
)
BILLINGS = [UNPAID, PAID]


def entry(code, ntpn, amount, day=20, key=1):
    return StatementEntry(key, code, ntpn, Decimal(amount), at(day))


@pytest.mark.parametrize(
    ("line", "kind", "rule"),
    [
        (
            entry(UNPAID.code, "NTPNAAAAAAAAAAAA", 50000),
            MatchKind.PAID_NOT_RECORDED,
            "paid at the bank, the billing not recorded as paid",
        ),
        (entry(PAID.code, PAID.paid_ntpn, 70000), MatchKind.MATCHED, "code, NTPN, amount"),
        (entry(UNPAID.code, "NTPNAAAAAAAAAAAA", 50001), MatchKind.AMOUNT_DIFFERS, "amount"),
        (entry("820261101999999", "NTPNAAAAAAAAAAAA", 50000), MatchKind.UNKNOWN_CODE, "code"),
        (
            entry("820261101999999", PAID.paid_ntpn, 70000),
            MatchKind.MATCHED,
            "mistyped code, NTPN recorded for a billing",
        ),
        (entry(UNPAID.code, "NTPNAAAAAAAAAAAA", 50000, day=28), MatchKind.PAID_AFTER_EXPIRY, ""),
        (
            entry(PAID.code, "NTPNBBBBBBBBBBBB", 70000),
            MatchKind.DUPLICATE_PAYMENT,
            "a second NTPN for a code paid with another",
        ),
    ],
)
def test_one_line(line, kind, rule):
    (result,) = match_statement([line], BILLINGS)
    assert result.kind is kind, rule


def test_duplicate_is_the_line_without_the_recorded_ntpn_whatever_the_order():
    original = entry(PAID.code, PAID.paid_ntpn, 70000, key="a")
    second = entry(PAID.code, "NTPNBBBBBBBBBBBB", 70000, key="b")
    for order in ([original, second], [second, original]):
        kinds = {r.entry.key: r.kind for r in match_statement(order, BILLINGS)}
        assert kinds == {"a": MatchKind.MATCHED, "b": MatchKind.DUPLICATE_PAYMENT}


def test_without_recorded_ntpn_the_first_line_is_the_payment():
    lines = [entry(UNPAID.code, f"NTPN{n:012d}", 50000, key=n) for n in range(3)]
    kinds = [r.kind for r in match_statement(lines, BILLINGS)]
    assert kinds == [
        MatchKind.PAID_NOT_RECORDED,
        MatchKind.DUPLICATE_PAYMENT,
        MatchKind.DUPLICATE_PAYMENT,
    ]


def test_reverse_lists_only_cover_the_period():
    old_paid = BillingRecord(
        "820261001000003", Decimal(10), at(27), True, "NTPN000000000003", at(1)
    )
    receipts = [
        ReceiptRecord("KW-3", Decimal(1), date(2026, 11, 20), ntpn="NTPNZZZZZZZZZZZZ"),
        ReceiptRecord("KW-1", Decimal(1), date(2026, 11, 20), ntpn="NTPNAAAAAAAAAAAA"),
        ReceiptRecord("KW-2", Decimal(1), date(2026, 11, 20), is_cash=True),
        ReceiptRecord("KW-0", Decimal(1), date(2026, 11, 2), ntpn="NTPNYYYYYYYYYYYY"),
        ReceiptRecord("KW-4", Decimal(1), date(2026, 11, 20)),
    ]
    matcher = Matcher([UNPAID, PAID, old_paid], receipts)
    matcher.match(entry(UNPAID.code, "NTPNAAAAAAAAAAAA", 50000))
    found = matcher.finish(period=(date(2026, 11, 15), date(2026, 11, 30)))
    assert [b.code for b in found.paid_without_statement] == [PAID.code]
    assert [r.number for r in found.receipts_without_payment] == ["KW-3", "KW-4"]


def test_repeatable():
    rng = random.Random(9)
    billings = [
        BillingRecord(f"8202611{n:08d}", Decimal(rng.randrange(1, 9) * 1000), at(27))
        for n in range(200)
    ]
    lines = [
        entry(rng.choice(billings).code, f"N{n:015d}", rng.randrange(1, 9) * 1000, key=n)
        for n in range(300)
    ]
    first = [(r.entry.key, r.kind) for r in match_statement(lines, billings)]
    again = [(r.entry.key, r.kind) for r in match_statement(list(lines), list(billings))]
    assert first == again
    assert {kind for _, kind in first} >= {
        MatchKind.PAID_NOT_RECORDED,
        MatchKind.DUPLICATE_PAYMENT,
        MatchKind.AMOUNT_DIFFERS,
    }
