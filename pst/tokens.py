"""E-mail activation links.

A link is a signed, timestamped token naming the account and the address it was sent to. It
expires after ``PST_ACTIVATION_TIMEOUT_DAYS`` and is useless once the account is verified or its
address changes (the address is part of the signed payload).
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing

_SALT = "pst.activation"


def make_activation_token(user) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=_SALT, compress=True)


def read_activation_token(token: str) -> tuple[int, str] | None:
    """Return ``(user_id, email)`` for a valid, unexpired token, else ``None``."""
    try:
        data = signing.loads(
            token, salt=_SALT, max_age=settings.PST_ACTIVATION_TIMEOUT_DAYS * 24 * 3600
        )
    except signing.BadSignature:  # includes SignatureExpired
        return None
    if not isinstance(data, dict) or "u" not in data or "e" not in data:
        return None
    return int(data["u"]), str(data["e"])
