"""Notification signatures and the payment DTO at the SIMPONI boundary (pure, no database)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from shop.billing.simponi import signing
from shop.billing.simponi.interface import PaymentConfirmation

SECRET = "uji-rahasia"
BODY = b'{"billing_code": "820220922465628"}'
NOW = 1_800_000_000


def _headers(**changes):
    headers = signing.signed_headers(SECRET, BODY, now=NOW, nonce="n-1")
    headers.update(changes)
    return headers


def test_a_signed_notification_verifies_and_yields_its_nonce():
    assert signing.verify(SECRET, _headers(), BODY, now=NOW + 10, max_age=300) == "n-1"


@pytest.mark.parametrize(
    ("headers", "body", "now", "reason"),
    [
        ({}, BODY, NOW, "missing"),  # no headers at all
        (_headers(), BODY + b" ", NOW, "bad signature"),  # body changed after signing
        (_headers(**{signing.HEADER_NONCE: "n-2"}), BODY, NOW, "bad signature"),  # nonce swapped
        (_headers(**{signing.HEADER_TIMESTAMP: str(NOW + 1)}), BODY, NOW, "bad signature"),
        (_headers(), BODY, NOW + 301, "stale"),  # older than max_age: possible replay
        (_headers(), BODY, NOW - 301, "stale"),  # from the future beyond the tolerance
        (_headers(**{signing.HEADER_TIMESTAMP: "abc"}), BODY, NOW, "malformed timestamp"),
        (_headers(**{signing.HEADER_NONCE: "x" * 65}), BODY, NOW, "malformed nonce"),
    ],
)
def test_refusals(headers, body, now, reason):
    with pytest.raises(signing.SignatureInvalid, match=reason):
        signing.verify(SECRET, headers, body, now=now, max_age=300)


def test_another_secret_does_not_verify():
    with pytest.raises(signing.SignatureInvalid, match="bad signature"):
        signing.verify("lain", _headers(), BODY, now=NOW, max_age=300)


def test_payment_confirmation_round_trips_through_its_payload():
    confirmation = PaymentConfirmation(
        billing_code="820220922465628",
        ntpn="0A1B2C3D4E5F6G7H",
        ntb="000123456789",
        amount=Decimal(1_250_000),
        paid_at=datetime(2026, 11, 20, 3, 15, tzinfo=UTC),
        bank_code="009",
    )
    assert PaymentConfirmation.from_payload(confirmation.as_payload()) == confirmation


@pytest.mark.parametrize(
    "payload",
    [
        {"billing_code": "1"},  # missing fields
        {"billing_code": "1", "ntpn": "X", "amount": "abc", "paid_at": "2026-11-20T10:00+07:00"},
        {"billing_code": "1", "ntpn": "X", "amount": "-5", "paid_at": "2026-11-20T10:00+07:00"},
        {"billing_code": "1", "ntpn": "X", "amount": "5", "paid_at": "2026-11-20T10:00"},  # naive
        {"billing_code": "1", "ntpn": "X", "amount": "NaN", "paid_at": "2026-11-20T10:00+07:00"},
    ],
)
def test_malformed_payloads_are_refused(payload):
    with pytest.raises(ValueError):
        PaymentConfirmation.from_payload(payload)


def test_ntpn_is_normalised_to_upper_case():
    confirmation = PaymentConfirmation.from_payload(
        {
            "billing_code": " 820220922465628 ",
            "ntpn": "0a1b2c3d4e5f6g7h",
            "amount": "1000",
            "paid_at": "2026-11-20T10:00:00+07:00",
        }
    )
    assert confirmation.ntpn == "0A1B2C3D4E5F6G7H"
    assert confirmation.billing_code == "820220922465628"
