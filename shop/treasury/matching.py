"""Matching statement lines against the office's billing records (pure, no Django).

DOMAIN.md, "The bendahara", Decision: reconciliation matches on kode billing, NTPN and amount,
and lists every difference for a person to resolve. Issue #9 names the results:

- per statement line: **matched**, **amount differs**, **unknown code**, **paid after expiry**,
  **duplicate payment**;
- the reverse lists: **billings marked paid with no statement line**, **receipts without
  payment** (a kuitansi whose NTPN no statement line shows).

Rules, in the order they are applied to one line:

1. The billing is found by the line's kode billing; a line whose code is unknown but whose NTPN
   is the recorded NTPN of a billing is taken as that billing (a bank that mistyped the code
   still paid the right bill). Otherwise: *unknown code*.
2. A billing is paid once. When the billing's payment is recorded with an NTPN, the line with
   that NTPN is the payment and any other line for the code is a *duplicate payment*; when no
   NTPN is recorded yet, the first line in statement order is the payment and later ones are
   duplicates. So the answer does not depend on how a bank sorts its export when the office
   knows the NTPN, and is repeatable either way.
3. The amount must equal the billed amount (SIMPONI takes exactly the billed amount; a
   difference means a wrong bill or a wrong statement): else *amount differs*.
4. Paid after the billing expired (DOMAIN.md: after expiry the code is void): *paid after
   expiry*.
5. Otherwise *matched*.

:class:`Matcher` consumes lines one at a time and holds only the billings (which it must) and
one small entry per billing seen, so a statement of any length is matched in constant extra
memory per line; :meth:`Matcher.finish` gives the reverse lists for the reconciled period.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple

from pst.workdays import JAKARTA

__all__ = [
    "BillingRecord",
    "LineResult",
    "MatchKind",
    "Matcher",
    "ReceiptRecord",
    "ReverseFindings",
    "StatementEntry",
    "match_statement",
]


class MatchKind(enum.StrEnum):
    MATCHED = "matched"
    AMOUNT_DIFFERS = "amount_differs"
    UNKNOWN_CODE = "unknown_code"
    PAID_AFTER_EXPIRY = "paid_after_expiry"
    DUPLICATE_PAYMENT = "duplicate_payment"
    PAID_WITHOUT_STATEMENT = "paid_without_statement"
    RECEIPT_WITHOUT_PAYMENT = "receipt_without_payment"


_MATCHED = MatchKind.MATCHED
_AMOUNT_DIFFERS = MatchKind.AMOUNT_DIFFERS
_UNKNOWN_CODE = MatchKind.UNKNOWN_CODE
_PAID_AFTER_EXPIRY = MatchKind.PAID_AFTER_EXPIRY
_DUPLICATE_PAYMENT = MatchKind.DUPLICATE_PAYMENT

#: The kinds a person has to look at (every kind but MATCHED).
EXCEPTION_KINDS = tuple(kind for kind in MatchKind if kind is not MatchKind.MATCHED)
__all__ += ["EXCEPTION_KINDS"]


@dataclass(frozen=True, slots=True)
class BillingRecord:
    """What reconciliation needs to know of one kode billing."""

    code: str
    amount: Decimal
    expires_at: datetime
    is_paid: bool = False
    paid_ntpn: str = ""
    paid_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ReceiptRecord:
    """A kuitansi the bendahara issued; ``ntpn`` is the NTPN of the payment it acknowledges
    (for cash, the NTPN of the deposit). ``is_cash`` receipts without an NTPN yet are the cash
    book's business (deposit deadline), not a reconciliation difference."""

    number: str
    amount: Decimal
    issued_on: date
    ntpn: str = ""
    billing_code: str = ""
    is_cash: bool = False


@dataclass(frozen=True, slots=True)
class StatementEntry:
    """A statement line as matching sees it; ``key`` identifies it to the caller (a database
    id, a line number). Any object with ``billing_code``, ``ntpn``, ``amount`` and ``paid_at``
    will do, e.g. a parsed :class:`~shop.treasury.statements.StatementLine`."""

    key: object
    billing_code: str
    ntpn: str
    amount: Decimal
    paid_at: datetime


class LineResult(NamedTuple):
    """The verdict on one line (a tuple: one is made per statement line, so it must be cheap)."""

    entry: StatementEntry | Any
    kind: MatchKind
    billing_code: str
    expected_amount: Decimal | None = None


@dataclass
class ReverseFindings:
    paid_without_statement: list[BillingRecord] = field(default_factory=list)
    receipts_without_payment: list[ReceiptRecord] = field(default_factory=list)


class Matcher:
    """Match lines against ``billings`` (an iterable of :class:`BillingRecord`, read once)."""

    def __init__(
        self, billings: Iterable[BillingRecord], receipts: Iterable[ReceiptRecord] = ()
    ) -> None:
        self._receipts = sorted(receipts, key=lambda r: r.number)
        # Only the NTPNs a receipt names are remembered, so memory stays bounded by the
        # records the office holds, not by the length of the statement.
        self._receipt_ntpns = {r.ntpn for r in self._receipts if r.ntpn}
        self._by_code: dict[str, BillingRecord] = {}
        self._by_ntpn: dict[str, BillingRecord] = {}
        for billing in billings:
            self._by_code[billing.code] = billing
            if billing.paid_ntpn:
                self._by_ntpn[billing.paid_ntpn] = billing
        # Code -> whether its payment line has been seen (False: only duplicates so far).
        self._seen: dict[str, bool] = {}
        self._seen_ntpns: set[str] = set()

    def match(self, entry: StatementEntry | Any) -> LineResult:
        ntpn = entry.ntpn
        if ntpn in self._receipt_ntpns:
            self._seen_ntpns.add(ntpn)
        billing = self._by_code.get(entry.billing_code) or self._by_ntpn.get(ntpn)
        if billing is None:
            return LineResult(entry, _UNKNOWN_CODE, entry.billing_code)
        code = billing.code
        taken = self._seen.get(code, False)
        if taken or (billing.paid_ntpn and ntpn != billing.paid_ntpn):
            self._seen[code] = taken
            return LineResult(entry, _DUPLICATE_PAYMENT, code, billing.amount)
        self._seen[code] = True
        if entry.amount != billing.amount:
            return LineResult(entry, _AMOUNT_DIFFERS, code, billing.amount)
        if entry.paid_at > billing.expires_at:
            return LineResult(entry, _PAID_AFTER_EXPIRY, code, billing.amount)
        return LineResult(entry, _MATCHED, code, billing.amount)

    def finish(self, *, period: tuple[date, date]) -> ReverseFindings:
        """The reverse lists for billings paid, and receipts issued, within ``period``
        (inclusive, Asia/Jakarta dates): a statement covers some days, and a billing paid
        outside them is not expected on it. Sorted by code / number, so repeatable."""
        start, end = period
        findings = ReverseFindings()
        for code in sorted(self._by_code):
            billing = self._by_code[code]
            if not billing.is_paid or billing.paid_at is None or code in self._seen:
                continue
            if start <= billing.paid_at.astimezone(JAKARTA).date() <= end:
                findings.paid_without_statement.append(billing)
        for receipt in self._receipts:
            if not start <= receipt.issued_on <= end:
                continue
            if receipt.ntpn in self._seen_ntpns:
                continue
            if receipt.is_cash and not receipt.ntpn:
                continue
            findings.receipts_without_payment.append(receipt)
        return findings


def match_statement(
    entries: Iterable[StatementEntry], billings: Iterable[BillingRecord]
) -> Iterator[LineResult]:
    """Results for ``entries`` in their order (a generator; see :class:`Matcher`)."""
    matcher = Matcher(billings)
    for entry in entries:
        yield matcher.match(entry)
