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
5. Paid at the bank in time and in full, but the office's records do not show the billing as
   paid (the SIMPONI notification never arrived): *paid, not recorded*, so the bendahara
   confirms the payment by hand (an addition to the issue's list, which it would otherwise
   count as matched).
6. Otherwise *matched*.

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
    # Hash as the plain string (equality already is the string's): Enum's own __hash__ is a
    # Python-level call, paid once per statement line when results are counted.
    __hash__ = str.__hash__

    MATCHED = "matched"
    AMOUNT_DIFFERS = "amount_differs"
    UNKNOWN_CODE = "unknown_code"
    PAID_AFTER_EXPIRY = "paid_after_expiry"
    DUPLICATE_PAYMENT = "duplicate_payment"
    PAID_WITHOUT_STATEMENT = "paid_without_statement"
    RECEIPT_WITHOUT_PAYMENT = "receipt_without_payment"
    PAID_NOT_RECORDED = "paid_not_recorded"


_MATCHED = MatchKind.MATCHED
_AMOUNT_DIFFERS = MatchKind.AMOUNT_DIFFERS
_UNKNOWN_CODE = MatchKind.UNKNOWN_CODE
_PAID_AFTER_EXPIRY = MatchKind.PAID_AFTER_EXPIRY
_DUPLICATE_PAYMENT = MatchKind.DUPLICATE_PAYMENT
_PAID_NOT_RECORDED = MatchKind.PAID_NOT_RECORDED

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


_UNSEEN, _DUPLICATES_ONLY, _TAKEN = 0, 1, 2


class Matcher:
    """Match lines against ``billings`` (an iterable of :class:`BillingRecord`, read once).

    The billings are kept in a list, found by code or by the NTPN of their payment through
    dicts of positions, with a ``bytearray`` saying whether each billing's payment line has
    been seen: a line costs one dict look-up for the billing and one for the receipts, and no
    per-billing Python objects are made beyond the records (which keeps the garbage collector
    from rescanning a growing heap). Only NTPNs that a receipt names are remembered, so memory
    is bounded by the records the office holds, never by the length of the statement.
    """

    def __init__(
        self, billings: Iterable[BillingRecord], receipts: Iterable[ReceiptRecord] = ()
    ) -> None:
        self._receipts: list[ReceiptRecord] = list(receipts)
        self._receipt_at: dict[str, int] = {
            r.ntpn: position for position, r in enumerate(self._receipts) if r.ntpn
        }
        self._receipt_seen = bytearray(len(self._receipts))
        self._billings: list[BillingRecord] = list(billings)
        self._at_code: dict[str, int] = {b.code: i for i, b in enumerate(self._billings)}
        self._at_ntpn: dict[str, int] = {
            b.paid_ntpn: i for i, b in enumerate(self._billings) if b.paid_ntpn
        }
        self._state = bytearray(len(self._billings))

    def match(self, entry: StatementEntry | Any) -> LineResult:
        """The result for one line (see :meth:`match_all` for many)."""
        return next(self.match_all((entry,)))

    def match_all(self, entries: Iterable[StatementEntry | Any]) -> Iterator[LineResult]:
        """Results for ``entries`` in their order, as a generator (the rules are in the module
        docstring). The look-up tables are bound to locals once: this loop runs per line."""
        receipt_at = self._receipt_at.get
        receipt_seen = self._receipt_seen
        at_code = self._at_code.get
        at_ntpn = self._at_ntpn.get
        billings = self._billings
        states = self._state
        _result = tuple.__new__  # LineResult without its Python-level __new__: once per line
        for entry in entries:
            ntpn = entry.ntpn
            receipt = receipt_at(ntpn)
            if receipt is not None:
                receipt_seen[receipt] = 1
            position = at_code(entry.billing_code)
            if position is None:
                position = at_ntpn(ntpn)
                if position is None:
                    yield _result(LineResult, (entry, _UNKNOWN_CODE, entry.billing_code, None))
                    continue
            billing = billings[position]
            state = states[position]
            if state == _TAKEN or (billing.paid_ntpn and ntpn != billing.paid_ntpn):
                if state == _UNSEEN:
                    states[position] = _DUPLICATES_ONLY
                yield _result(LineResult, (entry, _DUPLICATE_PAYMENT, billing.code, billing.amount))
                continue
            states[position] = _TAKEN
            if entry.amount != billing.amount:
                yield _result(LineResult, (entry, _AMOUNT_DIFFERS, billing.code, billing.amount))
            elif entry.paid_at > billing.expires_at:
                yield _result(LineResult, (entry, _PAID_AFTER_EXPIRY, billing.code, billing.amount))
            elif not billing.is_paid:
                yield _result(LineResult, (entry, _PAID_NOT_RECORDED, billing.code, billing.amount))
            else:
                yield _result(LineResult, (entry, _MATCHED, billing.code, billing.amount))

    def finish(self, *, period: tuple[date, date]) -> ReverseFindings:
        """The reverse lists for billings paid, and receipts issued, within ``period``
        (inclusive, Asia/Jakarta dates): a statement covers some days, and a billing paid
        outside them is not expected on it. Sorted by code / number, so repeatable."""
        start, end = period
        findings = ReverseFindings()
        for billing, state in zip(self._billings, self._state, strict=True):
            if state or not billing.is_paid or billing.paid_at is None:
                continue
            if start <= billing.paid_at.astimezone(JAKARTA).date() <= end:
                findings.paid_without_statement.append(billing)
        for receipt, seen in zip(self._receipts, self._receipt_seen, strict=True):
            if seen or not start <= receipt.issued_on <= end:
                continue
            if receipt.is_cash and not receipt.ntpn:
                continue
            findings.receipts_without_payment.append(receipt)
        # Sorted at the end (the lists are short), so the answer never depends on the order
        # the records were read in.
        findings.paid_without_statement.sort(key=lambda b: b.code)
        findings.receipts_without_payment.sort(key=lambda r: r.number)
        return findings


def match_statement(
    entries: Iterable[StatementEntry], billings: Iterable[BillingRecord]
) -> Iterator[LineResult]:
    """Results for ``entries`` in their order (a generator; see :class:`Matcher`)."""
    yield from Matcher(billings).match_all(entries)
