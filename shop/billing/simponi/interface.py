"""The boundary between the shop and SIMPONI (the state's PNBP billing system), as data.

DOMAIN.md "Payment into the state treasury": a kode billing is created for an amount, the payer
pays it at a bank (teller, ATM, internet banking), MPN issues an NTPN when the money reaches the
treasury account, and the bank gives its own NTB. This module is the *contract* every adapter
implements (STYLE.md habit 6, saleor's ``payment/interface.py``): dataclass DTOs in and out, no
Django model crosses it, so a production adapter (a SIMPONI web-service client, or an H2H feed
from a bank) plugs in by the dotted path in ``SIMPONI_ADAPTER`` without touching the services.

Contract (docs/billing.md, "SIMPONI adapter"):

- :meth:`SimponiAdapter.create_billing` returns a unique 15-digit PNBP code (first digit
  7-9, ``identifiers.is_valid_billing_code``) for exactly ``request.amount``, valid until
  ``expires_at``. It raises :class:`SimponiUnavailable` when SIMPONI cannot be reached (the
  service then creates nothing).
- ``create_billing`` is **idempotent on** ``request.reference`` (the invoice number): while the
  code last issued for that reference is unpaid and unexpired, a retry (a timeout, a second
  click, two requests racing) returns that same code, with its own ``issued_at`` and
  ``expires_at``, never a second one; a retry with another amount is refused
  (:class:`SimponiRefused`), and so is a reference whose code is paid. Once the code has
  expired, a request with the same reference makes a new code (the reissue). The service calls
  the adapter outside its row locks and relies on this to keep one code per invoice (issue #15,
  finding 11).
- :meth:`SimponiAdapter.query_status` returns what SIMPONI knows of a code now, or None for a
  code it never issued.
- Payment confirmations arrive as :class:`PaymentConfirmation`: from the signed notification
  endpoint, from the bendahara's BPN form, or (simulator) from the bank teller page. Every path
  ends in ``services.payment_confirm``; the adapter never changes the shop's records itself.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol, runtime_checkable

from pst.money import amount_within_bounds

__all__ = [
    "BillingIssued",
    "BillingRequest",
    "BillingState",
    "BillingStatus",
    "PaymentConfirmation",
    "SimponiAdapter",
    "SimponiError",
    "SimponiRefused",
    "SimponiUnavailable",
]


class SimponiError(Exception):
    """Any failure at the SIMPONI boundary."""


class SimponiUnavailable(SimponiError):
    """SIMPONI (or the simulator) could not be reached; try again later."""


class SimponiRefused(SimponiError):
    """SIMPONI refused the request (e.g. the bank cannot pay an expired or paid code)."""


class BillingState(enum.StrEnum):
    """SIMPONI's view of a code (DOMAIN.md: status unpaid/paid/expired)."""

    UNPAID = "unpaid"
    PAID = "paid"
    EXPIRED = "expired"


@dataclass(frozen=True)
class BillingRequest:
    """What the office asks SIMPONI to bill: one invoice, one payer, one amount, one account."""

    reference: str  # the invoice number, printed on the billing slip
    payer_name: str
    amount: Decimal
    description: str
    account_code: str  # kode akun, 6 digits (e.g. 425411)
    expires_at: datetime


@dataclass(frozen=True)
class BillingIssued:
    code: str
    amount: Decimal
    issued_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class BillingStatus:
    code: str
    state: BillingState
    amount: Decimal
    expires_at: datetime
    ntpn: str = ""
    ntb: str = ""
    bank_code: str = ""
    paid_at: datetime | None = None


@dataclass(frozen=True)
class PaymentConfirmation:
    """One deposit as the bank/MPN reports it: enough to confirm a payment (NTPN + amount)."""

    billing_code: str
    ntpn: str
    ntb: str
    amount: Decimal
    paid_at: datetime
    bank_code: str = ""

    def as_payload(self) -> dict:
        """JSON body of a notification (amount as a string of whole rupiah, time ISO 8601)."""
        return {
            "billing_code": self.billing_code,
            "ntpn": self.ntpn,
            "ntb": self.ntb,
            "amount": str(self.amount),
            "paid_at": self.paid_at.isoformat(),
            "bank_code": self.bank_code,
        }

    @classmethod
    def from_payload(cls, data: dict) -> PaymentConfirmation:
        """The inverse of :meth:`as_payload`; raises ``ValueError`` on a malformed body."""
        try:
            paid_at = datetime.fromisoformat(str(data["paid_at"]))
            amount = Decimal(str(data["amount"]))
            confirmation = cls(
                billing_code=str(data["billing_code"]).strip(),
                ntpn=str(data["ntpn"]).strip().upper(),
                ntb=str(data.get("ntb", "")).strip(),
                amount=amount,
                paid_at=paid_at,
                bank_code=str(data.get("bank_code", "")).strip(),
            )
        except (KeyError, TypeError, ArithmeticError) as error:
            raise ValueError(f"malformed payment notification: {error!r}") from error
        if paid_at.tzinfo is None:
            raise ValueError("paid_at must carry a time zone")
        if not amount_within_bounds(amount) or amount != amount.to_integral_value():
            raise ValueError("amount must be whole rupiah above zero, at most money.MAX_AMOUNT")
        return confirmation


@runtime_checkable
class SimponiAdapter(Protocol):
    """What the services need from SIMPONI. See the module docstring for the contract."""

    def create_billing(self, request: BillingRequest) -> BillingIssued: ...

    def query_status(self, code: str) -> BillingStatus | None: ...
