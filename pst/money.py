"""Rupiah amounts: the one rounding helper, the one display helper and a parser.

Money in this project is ``Decimal`` rupiah, never ``float`` (STYLE.md habit 4). The PNBP tariffs
of PP 13/2024 (DOMAIN.md, "PNBP tariffs") are whole rupiah and a SIMPONI kode billing carries a
whole-rupiah amount, so every amount that is charged goes through :func:`round_rupiah` once.

Display follows Indonesian number conventions: a dot groups thousands, a comma separates the
decimals ("Rp 1.250.000", "Rp 1.250.000,00").

No Django import: this module is wired into templates and forms elsewhere.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = [
    "MAX_AMOUNT",
    "AmountOutOfBounds",
    "amount_within_bounds",
    "check_amount_bounds",
    "format_rupiah",
    "parse_rupiah",
    "round_rupiah",
]

#: The largest amount any boundary accepts: Rp 999.999.999.999 (just under Rp 10^12).
#:
#: Why this number: the narrowest money column is ``DecimalField(max_digits=14,
#: decimal_places=0)`` (billing, payments, exceptions, cash book); the statement lines and
#: transfer proofs are ``(16, 2)``, i.e. 14 whole digits as well, and ``Invoice.total`` is
#: ``(16, 0)``. SQLite does not enforce ``max_digits``: it stores an over-long amount, and
#: every later read of it through the field fails, so one absurd notification or statement line
#: turns the bendahara's pages into errors (issue #15, finding 2). Twelve whole digits leave two
#: digits of headroom under the narrowest field for sums of lines; no PNBP order of a
#: statistics office comes near it (the dearest tariff lines are millions of rupiah).
MAX_AMOUNT = Decimal("999999999999")


class AmountOutOfBounds(ValueError):
    """An amount at or below zero, not finite, or above :data:`MAX_AMOUNT`; the message is
    Indonesian, fit for a page or a statement error."""


_WHOLE = Decimal(1)
_CENTS = Decimal("0.01")


def _as_decimal(amount: Decimal | int) -> Decimal:
    """Accept ``Decimal`` and ``int`` only; floats would carry binary rounding errors."""
    if isinstance(amount, bool) or not isinstance(amount, (Decimal, int)):
        raise TypeError(f"amount must be Decimal or int, not {type(amount).__name__}")
    value = Decimal(amount)
    if not value.is_finite():
        raise ValueError(f"amount must be a finite number, not {value}")
    return value


def _quantize(value: Decimal, exponent: Decimal) -> Decimal:
    result = value.quantize(exponent, rounding=ROUND_HALF_UP)
    # Decimal("-0.4") rounds to Decimal("-0"); an amount of nothing has no sign.
    return result.copy_abs() if result.is_zero() else result


def round_rupiah(amount: Decimal | int) -> Decimal:
    """Round to whole rupiah, half away from zero (``ROUND_HALF_UP``): 0,50 -> 1; -0,50 -> -1.

    Decision (DOMAIN.md "PNBP tariffs", STYLE.md habit 4): charged amounts are whole rupiah,
    because the PP 13/2024 schedule lines are whole rupiah and a kode billing is paid in whole
    rupiah. Half-up is the project's choice (no regulation fixes it); it is the rounding an
    officer does by hand. The result has exponent 0 and is never negative zero.
    """
    return _quantize(_as_decimal(amount), _WHOLE)


def amount_within_bounds(amount: Decimal | int) -> bool:
    """True for a finite amount above zero and at most :data:`MAX_AMOUNT`."""
    try:
        value = _as_decimal(amount)
    except (TypeError, ValueError):
        return False
    return Decimal(0) < value <= MAX_AMOUNT


def check_amount_bounds(amount: Decimal | int) -> Decimal:
    """Return ``amount`` as ``Decimal`` when it is within bounds, else raise
    :class:`AmountOutOfBounds`. Every boundary that accepts money calls this before storing
    anything: the SIMPONI notification, the BPN and cash forms and services, the transfer proof
    and the statement import."""
    if amount_within_bounds(amount):
        return Decimal(amount)
    raise AmountOutOfBounds(
        f"jumlah harus lebih dari nol dan paling banyak {format_rupiah(MAX_AMOUNT)}"
    )


def _group_thousands(digits: str) -> str:
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return ".".join(groups)


def format_rupiah(amount: Decimal | int, *, with_cents: bool = False, symbol: bool = True) -> str:
    """Display an amount the Indonesian way: ``Rp 1.250.000``; negative ``-Rp 1.250.000``.

    Without ``with_cents`` the amount is first rounded with :func:`round_rupiah`; with it, to two
    decimals (half-up) and shown after a comma: ``Rp 1.250.000,50``. A zero is always ``Rp 0``
    (Rp0 tariff lines, DOMAIN.md "Rp0 tariff"), never ``-Rp 0``. ``symbol=False`` leaves out
    "Rp " the way bank statement exports do (``1.250.000,00``).
    """
    value = _quantize(_as_decimal(amount), _CENTS if with_cents else _WHOLE)
    sign = "-" if value < 0 else ""
    whole, _, cents = f"{abs(value):f}".partition(".")
    text = f"{sign}{'Rp ' if symbol else ''}{_group_thousands(whole)}"
    return f"{text},{cents}" if with_cents else text


# Indonesian format only: dots group thousands in threes, a comma starts the decimals.
# "Rp 50.000,-" (a dash for "no cents") is common on receipts and price lists.
_RUPIAH_PATTERN = re.compile(
    r"""
    \s*(?P<sign>-)?\s*
    (?:(?:rp\.?|idr)\s*)?
    (?P<sign_after_currency>-)?\s*
    (?P<whole>\d{1,3}(?:\.\d{3})+|\d+)
    (?:,(?:(?P<fraction>\d+)|-{1,2}))?
    \s*
    """,
    re.VERBOSE | re.IGNORECASE | re.ASCII,
)


# Word processors and web pages write "Rp\u00a01.000" and a typographic minus.
_TYPOGRAPHY = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2212": "-"})


def parse_rupiah(text: str) -> Decimal:
    """Read an amount typed or printed the Indonesian way and return it as ``Decimal``.

    Accepted: ``"1.250.000,00"``, ``"1250000"``, ``"1.250.000"``, ``"Rp 1.250.000"``,
    ``"Rp1.250.000"``, ``"Rp. 1.250.000,-"``, ``"IDR 1.250.000"``, ``"-Rp 1.250.000"``,
    ``"Rp -1.250.000"``, ``"0,5"``. The decimals are kept as given (``"1,50"`` ->
    ``Decimal("1.50")``); rounding is :func:`round_rupiah`'s job.

    Refused with ``ValueError`` because they are ambiguous or not Indonesian: English grouping
    (``"1,250,000.00"``), a dot that does not group exactly three digits (``"1.25"``), two signs,
    empty text.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    match = _RUPIAH_PATTERN.fullmatch(text.translate(_TYPOGRAPHY))
    if match is None or (match["sign"] and match["sign_after_currency"]):
        raise ValueError(f"bukan format rupiah yang dikenali: {text!r}")
    number = match["whole"].replace(".", "")
    if match["fraction"]:
        number = f"{number}.{match['fraction']}"
    try:
        value = Decimal(number)
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits digits only
        raise ValueError(f"bukan format rupiah yang dikenali: {text!r}") from exc
    negative = bool(match["sign"] or match["sign_after_currency"])
    return -value if negative and not value.is_zero() else value
