"""Amounts in Indonesian words ("terbilang"), as printed on the kode billing slip and the kuitansi.

DOMAIN.md ("Payment into the state treasury"): the billing slip shows the total and the amount
in words; a kuitansi does the same. Words follow standard Indonesian (KBBI spelling):
"se-" for one hundred and one thousand ("seratus", "seribu", "sebelas ribu") but "satu juta",
"satu miliar", "satu triliun"; "miliar", not "milyar".

No Django import.
"""

from __future__ import annotations

from decimal import Decimal

__all__ = ["MAX_AMOUNT", "terbilang"]

_DIGITS = (
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
)

# Largest power named here is triliun (10^12); a thousand triliun has no everyday name.
_SCALES = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (10**3, "ribu"))

MAX_AMOUNT = 10**15 - 1
"""999.999.999.999.999: the largest amount whose words end at "triliun"."""


def _below_hundred(n: int) -> list[str]:
    if n < 10:
        return [_DIGITS[n]] if n else []
    if n == 10:
        return ["sepuluh"]
    if n == 11:
        return ["sebelas"]
    if n < 20:
        return [_DIGITS[n - 10], "belas"]
    tens, units = divmod(n, 10)
    return [_DIGITS[tens], "puluh", *_below_hundred(units)]


def _below_thousand(n: int) -> list[str]:
    hundreds, rest = divmod(n, 100)
    if hundreds == 0:
        head: list[str] = []
    elif hundreds == 1:
        head = ["seratus"]
    else:
        head = [_DIGITS[hundreds], "ratus"]
    return head + _below_hundred(rest)


def _words(n: int) -> list[str]:
    words: list[str] = []
    for size, name in _SCALES:
        group, n = divmod(n, size)
        if group == 0:
            continue
        # Only the thousands take "se-": "seribu", but "satu juta" (KBBI).
        words += ["seribu"] if (group == 1 and size == 1000) else [*_below_thousand(group), name]
    return words + _below_thousand(n)


def _whole_number(amount: Decimal | int) -> int:
    if isinstance(amount, bool) or not isinstance(amount, (Decimal, int)):
        raise TypeError(f"amount must be Decimal or int, not {type(amount).__name__}")
    if isinstance(amount, Decimal):
        if not amount.is_finite():
            raise ValueError(f"amount must be a finite number, not {amount}")
        if amount != amount.to_integral_value():
            raise ValueError(
                f"terbilang needs whole rupiah; round {amount} with round_rupiah() first"
            )
    return int(amount)


def terbilang(amount: Decimal | int, *, unit: str = "rupiah") -> str:
    """Spell a whole-rupiah amount in Indonesian words, lower case, followed by ``unit``.

    >>> terbilang(1_250_000)
    'satu juta dua ratus lima puluh ribu rupiah'
    >>> terbilang(0)
    'nol rupiah'

    Amounts run from -999.999.999.999.999 to 999.999.999.999.999 (:data:`MAX_AMOUNT`);
    a negative amount (a correction record, STYLE.md habit 4) starts with "minus". A ``Decimal``
    must be whole (``Decimal("1250000.00")`` is fine, ``Decimal("0.5")`` is refused): charged
    amounts are whole rupiah (DOMAIN.md, :func:`pst.money.round_rupiah`). Pass
    ``unit=""`` for the bare words; capitalise at the call site if the slip wants it.
    """
    n = _whole_number(amount)
    if abs(n) > MAX_AMOUNT:
        raise ValueError(f"amount {n} is beyond triliun; the largest is {MAX_AMOUNT}")
    words = _words(abs(n)) or ["nol"]
    if n < 0:
        words.insert(0, "minus")
    if unit:
        words.append(unit)
    return " ".join(words)
