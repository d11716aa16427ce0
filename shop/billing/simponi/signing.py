"""HMAC signatures of payment notifications, so only SIMPONI/the bank can confirm a payment.

A notification is an HTTP POST whose body is JSON (:meth:`PaymentConfirmation.as_payload`) and
whose headers carry

- ``X-Simponi-Timestamp``: Unix seconds when it was sent;
- ``X-Simponi-Nonce``: a random string, never reused;
- ``X-Simponi-Signature``: ``hex(HMAC-SHA256(secret, timestamp + "." + nonce + "." + body))``.

Replay safety (docs/billing.md): the signature binds body, time and nonce; a timestamp older (or
newer) than ``max_age`` seconds is refused; and the service stores every accepted nonce under a
``UniqueConstraint``, so a captured request cannot be played again. Retries by the sender use a
new nonce, and the NTPN makes them idempotent. No Django import.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

__all__ = [
    "HEADER_NONCE",
    "HEADER_SIGNATURE",
    "HEADER_TIMESTAMP",
    "SignatureInvalid",
    "sign",
    "signed_headers",
    "verify",
]

HEADER_TIMESTAMP = "X-Simponi-Timestamp"
HEADER_NONCE = "X-Simponi-Nonce"
HEADER_SIGNATURE = "X-Simponi-Signature"

_NONCE_MAX = 64


class SignatureInvalid(Exception):
    """Missing or wrong signature, stale timestamp or malformed nonce (``reason`` says which)."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def sign(secret: str, timestamp: int, nonce: str, body: bytes) -> str:
    message = f"{timestamp}.{nonce}.".encode() + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signed_headers(secret: str, body: bytes, *, now: int, nonce: str | None = None) -> dict:
    """Headers for a notification sent at ``now`` (the simulator and tests send these)."""
    nonce = nonce or secrets.token_hex(16)
    return {
        HEADER_TIMESTAMP: str(now),
        HEADER_NONCE: nonce,
        HEADER_SIGNATURE: sign(secret, now, nonce, body),
    }


def verify(secret: str, headers, body: bytes, *, now: int, max_age: int) -> str:
    """Check a notification's headers; return its nonce, or raise :class:`SignatureInvalid`.

    ``headers`` is any case-insensitive mapping (Django's ``request.headers``).
    """
    timestamp_text = headers.get(HEADER_TIMESTAMP, "")
    nonce = headers.get(HEADER_NONCE, "")
    signature = headers.get(HEADER_SIGNATURE, "")
    if not (timestamp_text and nonce and signature):
        raise SignatureInvalid("missing signature headers")
    if not timestamp_text.isdigit():
        raise SignatureInvalid("malformed timestamp")
    if len(nonce) > _NONCE_MAX or not nonce.isascii() or not nonce.isprintable():
        raise SignatureInvalid("malformed nonce")
    timestamp = int(timestamp_text)
    expected = sign(secret, timestamp, nonce, body)
    if not hmac.compare_digest(expected, signature.strip().lower()):
        raise SignatureInvalid("bad signature")
    if abs(now - timestamp) > max_age:
        raise SignatureInvalid("stale timestamp")
    return nonce
