"""The Buku Kas Umum (general cash book) and its deposit rule, as pure functions.

DOMAIN.md, "The bendahara": the bendahara keeps a Buku Kas Umum and subsidiary books (cash,
bank), and deposits received cash by the end of the same working day, or the next working day
when it was received on a non-working day (PMK 3/PMK.02/2013;
:func:`pst.workdays.deposit_deadline`).

Decisions:

- A receipt is a debit of its account (cash or bank), a deposit to the state treasury a credit.
  A payment by kode billing goes straight to the treasury, so it is a bank receipt and a bank
  deposit at the same moment with the payment's NTPN (the book still shows it, and nets to 0).
- Deposits settle cash first in, first out: cash received is deposited in time when the cash
  deposited by its deadline covers everything received up to and including it. That is how a
  treasurer counts the cash box; it needs no link from a deposit to particular receipts.

No Django import: the selectors feed these functions rows read from the database.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from pst.workdays import WorkCalendar, deposit_deadline

__all__ = ["BookRow", "DepositWarning", "Movement", "running_balances", "undeposited_cash"]


@dataclass(frozen=True, slots=True)
class Movement:
    """One cash book entry: ``debit`` for money in, ``credit`` for money out (deposited)."""

    key: object
    occurred_at: datetime
    account: str
    debit: Decimal = Decimal(0)
    credit: Decimal = Decimal(0)


@dataclass(frozen=True, slots=True)
class BookRow:
    movement: Movement
    balance: Decimal


def running_balances(movements: Iterable[Movement]) -> Iterator[BookRow]:
    """Each movement with the balance after it, in the order given (the caller orders by time,
    then by entry id, so two entries of the same minute keep the order they were recorded in)."""
    balance = Decimal(0)
    for movement in movements:
        balance += movement.debit - movement.credit
        yield BookRow(movement, balance)


@dataclass(frozen=True, slots=True)
class DepositWarning:
    """Cash received at ``movement.occurred_at`` that was not deposited by ``deadline``;
    ``short`` is how much of it was still in the cash box at the deadline."""

    movement: Movement
    deadline: datetime
    short: Decimal


def undeposited_cash(
    receipts: Iterable[Movement],
    deposits: Iterable[Movement],
    *,
    calendar: WorkCalendar,
    now: datetime,
) -> list[DepositWarning]:
    """Cash receipts whose deposit deadline has passed (``deadline < now``) without enough cash
    deposited by then, oldest first (first in, first out; see the module docstring)."""
    receipts = sorted(receipts, key=lambda m: (m.occurred_at, str(m.key)))
    deposits = sorted(deposits, key=lambda m: (m.occurred_at, str(m.key)))
    deposit_times = [m.occurred_at for m in deposits]
    deposited_by = list(itertools.accumulate((m.credit for m in deposits), initial=Decimal(0)))
    warnings: list[DepositWarning] = []
    received = Decimal(0)
    for receipt in receipts:
        received += receipt.debit
        deadline = deposit_deadline(receipt.occurred_at, calendar)
        if deadline >= now:
            continue
        covered = deposited_by[bisect.bisect_right(deposit_times, deadline)]
        if covered < received:
            warnings.append(
                DepositWarning(receipt, deadline, min(receipt.debit, received - covered))
            )
    return warnings
