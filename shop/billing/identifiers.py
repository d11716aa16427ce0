"""Format checks and generators for the identifiers of a PNBP payment and of a buyer.

Only the *format* is checked here; whether a code exists, is paid or has expired is the SIMPONI
adapter's business (DOMAIN.md, "Payment into the state treasury"). No Django import.

- **Kode billing** (SIMPONI): 15 digits; the first digit names the biller: 0-3 tax, 4-6 customs,
  7-9 PNBP. Only 7-9 is valid for this office. No check digit is documented, so none is checked.
- **NTPN**: 16 upper-case letters and digits, issued by MPN per deposit.
- **NPWP**: the old 15-digit number ``01.234.567.8-901.000`` and, since 2024, the 16-digit
  number (the NIK for resident individuals; a 16-digit NPWP for everyone else), per PMK
  112/PMK.03/2022. Required of private-sector (swasta) buyers (DOMAIN.md, "Sale of statistical
  products").
"""

from __future__ import annotations

import random
import re
import secrets
import string
from datetime import date

__all__ = [
    "BILLING_CODE_LENGTH",
    "NTPN_LENGTH",
    "generate_billing_code",
    "generate_ntpn",
    "is_valid_billing_code",
    "is_valid_npwp",
    "is_valid_ntpn",
    "normalize_npwp",
]

BILLING_CODE_LENGTH = 15
NTPN_LENGTH = 16

_PNBP_FIRST_DIGITS = (7, 8, 9)
_BILLING_CODE = re.compile(r"[7-9][0-9]{14}", re.ASCII)
_NTPN = re.compile(r"[0-9A-Z]{16}", re.ASCII)
_NTPN_ALPHABET = string.digits + string.ascii_uppercase

# Old NPWP: either all 15 digits, or punctuated exactly as DJP prints it.
_NPWP15_PUNCTUATED = re.compile(r"(\d{2})\.(\d{3})\.(\d{3})\.(\d)-(\d{3})\.(\d{3})", re.ASCII)
_NPWP_PLAIN = re.compile(r"\d{15}|\d{16}", re.ASCII)


def is_valid_billing_code(code: object) -> bool:
    """True for a 15-digit kode billing whose first digit is 7, 8 or 9 (PNBP via SIMPONI).

    DOMAIN.md: 0-3 are tax and 4-6 customs billing codes, which this office never issues or
    accepts. Exact text only: callers strip spaces a user typed before asking.
    """
    return isinstance(code, str) and _BILLING_CODE.fullmatch(code) is not None


def generate_billing_code(
    issued_on: date, *, rng: random.Random | None = None, first_digit: int = 8
) -> str:
    """Make a kode billing for the local SIMPONI simulator (DOMAIN.md, Decision on SIMPONI).

    Shape: the biller digit, the issue date as ``YYYYMMDD`` and six random digits. This follows
    the one real sample in DOMAIN.md, ``820220922465628`` issued on 22-09-2022; SIMPONI does not
    publish its scheme, so only :func:`is_valid_billing_code` is a contract. Uniqueness is the
    database's job (a ``UniqueConstraint``, STYLE.md habit 5). Pass ``rng`` for repeatable
    codes in tests; the default draws from the OS.
    """
    if isinstance(first_digit, bool) or first_digit not in _PNBP_FIRST_DIGITS:
        raise ValueError(f"PNBP billing codes start with 7, 8 or 9, not {first_digit!r}")
    if not 1000 <= issued_on.year <= 9999:
        raise ValueError(f"issue date {issued_on} does not fit the 15-digit code")
    source = rng if rng is not None else secrets.SystemRandom()
    return f"{first_digit}{issued_on:%Y%m%d}{source.randrange(10**6):06d}"


def is_valid_ntpn(ntpn: object) -> bool:
    """True for 16 characters, each an upper-case ASCII letter or a digit (DOMAIN.md, NTPN)."""
    return isinstance(ntpn, str) and _NTPN.fullmatch(ntpn) is not None


def generate_ntpn(*, rng: random.Random | None = None) -> str:
    """Make an NTPN for the local "bank" page of the SIMPONI simulator (DOMAIN.md, Decision).

    Sixteen characters drawn uniformly from ``0-9A-Z``; only the format is real.
    """
    source = rng if rng is not None else secrets.SystemRandom()
    return "".join(source.choice(_NTPN_ALPHABET) for _ in range(NTPN_LENGTH))


def normalize_npwp(value: str) -> str:
    """Return the NPWP as bare digits (15 for the old number, 16 for the new), or raise.

    Accepted, around optional surrounding spaces:

    - ``"01.234.567.8-901.000"`` (the old number as printed on the card) -> ``"012345678901000"``
    - ``"012345678901000"`` (the old number without punctuation)
    - ``"3171234567890001"`` (16 digits: a NIK used as NPWP, or a 16-digit NPWP; PMK
      112/PMK.03/2022, in full use since 2024)

    Refused with ``ValueError``: partial punctuation, any other length, letters, and the all-zero
    number ``00.000.000.0-000.000``, which tax invoices use for "buyer has no NPWP" and so must
    not satisfy the swasta buyer's NPWP requirement. The 15-digit number is *not* converted to 16
    digits: the conversion differs for individuals (their NIK) and entities, so it is not a
    format question.
    """
    if not isinstance(value, str):
        raise TypeError(f"NPWP must be str, not {type(value).__name__}")
    text = value.strip()
    punctuated = _NPWP15_PUNCTUATED.fullmatch(text)
    if punctuated is not None:
        digits = "".join(punctuated.groups())
    elif _NPWP_PLAIN.fullmatch(text) is not None:
        digits = text
    else:
        raise ValueError(f"NPWP harus 15 digit (01.234.567.8-901.000) atau 16 digit: {value!r}")
    if set(digits) == {"0"}:
        raise ValueError("NPWP 000000000000000 menandakan pembeli tanpa NPWP")
    return digits


def is_valid_npwp(value: object) -> bool:
    """True when :func:`normalize_npwp` accepts the value."""
    if not isinstance(value, str):
        return False
    try:
        normalize_npwp(value)
    except ValueError:
        return False
    return True
