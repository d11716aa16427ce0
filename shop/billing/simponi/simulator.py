"""The embedded SIMPONI: a faithful local stand-in, not a mock (DOMAIN.md, Decision on SIMPONI).

It keeps SIMPONI's side in :class:`~shop.billing.models.SimulatedBilling`: 15-digit PNBP codes
(first digit 7-9, unique by a database constraint), an expiry, and the states unpaid / paid /
expired. The "bank teller" (:func:`teller_pay`, page ``/bayar/simulator/teller/``) pays a code
for exactly its amount, as SIMPONI requires, and gets an NTPN (16 letters and digits) and an NTB;
then the simulator notifies the shop the way a production feed would: a signed notification
handled by the same service the HTTP endpoint calls.
"""

from __future__ import annotations

import json
import random
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from pst.clock import local_date
from shop.billing import services
from shop.billing.identifiers import generate_billing_code, generate_ntpn, is_valid_billing_code
from shop.billing.models import SimulatedBilling

from . import signing
from .interface import (
    BillingIssued,
    BillingRequest,
    BillingState,
    BillingStatus,
    PaymentConfirmation,
    SimponiRefused,
)

__all__ = ["SimulatorAdapter", "teller_pay"]

_CODE_ATTEMPTS = 20
SIMULATED_BANK_CODE = "SIM"


def _state(row) -> BillingState:
    if row.paid_at is not None:
        return BillingState.PAID
    if row.expires_at <= timezone.now():
        return BillingState.EXPIRED
    return BillingState.UNPAID


def _issued(row) -> BillingIssued:
    return BillingIssued(
        code=row.code, amount=row.amount, issued_at=row.issued_at, expires_at=row.expires_at
    )


class SimulatorAdapter:
    """``SIMPONI_ADAPTER = "shop.billing.simponi.simulator.SimulatorAdapter"`` (the default)."""

    def create_billing(self, request: BillingRequest) -> BillingIssued:
        """Idempotent on ``request.reference`` (the interface contract): while the code last
        made for the reference is unpaid and unexpired, a retry gets that code back; once it
        has expired a new one is made (a reissue) and the old row is marked superseded. A
        partial unique constraint keeps one open row per reference, so two requests racing
        each other get one code."""
        source = secrets.SystemRandom()
        for _ in range(_CODE_ATTEMPTS):
            now = timezone.now()
            try:
                with transaction.atomic():
                    open_row = (
                        SimulatedBilling.objects.select_for_update()
                        .filter(reference=request.reference, superseded_at__isnull=True)
                        .first()
                    )
                    if open_row is not None:
                        state = _state(open_row)
                        if state is BillingState.UNPAID:
                            if open_row.amount != request.amount:
                                raise SimponiRefused(
                                    f"Referensi {request.reference} sudah ditagih dengan "
                                    "jumlah lain."
                                )
                            return _issued(open_row)
                        if state is BillingState.PAID:
                            raise SimponiRefused(f"Referensi {request.reference} sudah dibayar.")
                        open_row.superseded_at = now
                        open_row.save(update_fields=["superseded_at"])
                    code = generate_billing_code(
                        local_date(now), rng=source, first_digit=source.choice((7, 8, 9))
                    )
                    row = SimulatedBilling.objects.create(
                        code=code,
                        reference=request.reference,
                        payer_name=request.payer_name[:200],
                        description=request.description[:255],
                        account_code=request.account_code,
                        amount=request.amount,
                        issued_at=now,
                        expires_at=request.expires_at,
                    )
            except IntegrityError:
                # A code collision (draw again), or a concurrent request opened this reference
                # first (the next round returns its code).
                continue
            return _issued(row)
        raise SimponiRefused("no free billing code after repeated attempts")

    def query_status(self, code: str) -> BillingStatus | None:
        row = SimulatedBilling.objects.filter(code=code).first()
        if row is None:
            return None
        return BillingStatus(
            code=row.code,
            state=_state(row),
            amount=row.amount,
            expires_at=row.expires_at,
            ntpn=row.ntpn or "",
            ntb=row.ntb,
            bank_code=row.bank_code,
            paid_at=row.paid_at,
        )


def _new_ntb(rng: random.Random) -> str:
    """The bank's own transaction number; banks use 12 digits or more (format not regulated)."""
    return f"{rng.randrange(10**12):012d}"


def teller_pay(*, code: str, bank_code: str = SIMULATED_BANK_CODE, notify: bool = True):
    """Pay ``code`` at the simulated bank and, with ``notify``, tell the shop.

    Refuses (``SimponiRefused``) an unknown, paid or expired code, as a real teller's screen does.
    Returns ``(confirmation, result)``: the NTPN/NTB the bank prints and the shop's
    ``ConfirmationResult`` (None without ``notify``).
    """
    code = code.strip()
    if not is_valid_billing_code(code):
        raise SimponiRefused("Kode billing harus 15 digit dan diawali 7, 8 atau 9.")
    source = secrets.SystemRandom()
    with transaction.atomic():
        row = SimulatedBilling.objects.select_for_update().filter(code=code).first()
        if row is None:
            raise SimponiRefused("Kode billing tidak dikenal SIMPONI.")
        state = _state(row)
        if state is BillingState.PAID:
            raise SimponiRefused("Kode billing sudah dibayar.")
        if state is BillingState.EXPIRED:
            raise SimponiRefused("Kode billing sudah kedaluwarsa.")
        row.paid_at = timezone.now()
        row.ntpn = generate_ntpn(rng=source)
        row.ntb = _new_ntb(source)
        row.bank_code = bank_code
        row.save(update_fields=["paid_at", "ntpn", "ntb", "bank_code"])
    confirmation = PaymentConfirmation(
        billing_code=row.code,
        ntpn=row.ntpn,
        ntb=row.ntb,
        amount=row.amount,
        paid_at=row.paid_at,
        bank_code=row.bank_code,
    )
    result = None
    if notify:
        body = json.dumps(confirmation.as_payload()).encode()
        headers = signing.signed_headers(
            settings.SIMPONI_NOTIFICATION_SECRET, body, now=int(timezone.now().timestamp())
        )
        result = services.notification_receive(body=body, headers=headers)
    return confirmation, result
