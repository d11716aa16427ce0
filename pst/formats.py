"""The site's one way of writing a date, a moment and a number (issue #17, "one voice").

A person reads ``2 Desember 2026 pukul 23.22 WIB`` (English ``2 December 2026, 23:22 WIB``), a
date without time ``2 Desember 2026``, and numbers with Indonesian grouping and decimal comma
(``3.667``, ``90,28``; English ``3,667``, ``90.28``) on every page, e-mail and PDF. Before, pages
mixed ``09-12-2026 23:22 WIB`` with ``2 Desember 2026`` and the IKM page ``3,556`` with ``90.28``.

Templates use the filters of ``pst.templatetags.pst_format`` (``long_date``, ``long_datetime``,
``number``), loaded as builtins; Python code (e-mails, messages, PDFs) calls these functions.
The language is the active one unless given: official documents pass ``language="id"``.

A moment is always shown on the office's clock (:mod:`pst.clock`) with its zone abbreviation
(WIB, WITA, WIT), because a kode billing that expires "23.22" means nothing without it.

Machine-readable export columns (CSV/XLSX) keep ISO 8601 (``2026-12-02 23:22``) so a
spreadsheet sorts them; only their human-facing titles and PDF copies use these formats.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import numberformat, timezone, translation

from pst.clock import office_timezone

__all__ = [
    "MONTHS",
    "format_date",
    "format_datetime",
    "format_money",
    "format_number",
    "format_time",
]

# Month names are ours, not the catalogue's, so a document is right even when Django's
# translation of a month changes; English names for the English pages.
MONTHS = {
    "id": (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}

# (thousand separator, decimal separator)
_SEPARATORS = {"id": (".", ","), "en": (",", ".")}


def _language(language: str | None) -> str:
    code = (language or translation.get_language() or "id").split("-")[0].lower()
    return code if code in MONTHS else "id"


def format_date(day: date | datetime | None, *, language: str | None = None, office=None) -> str:
    """``2 Desember 2026`` (English ``2 December 2026``); an aware datetime is first taken to
    the office's day (23:30 UTC is already the next day in WIB). ``None`` gives ``–``."""
    if day is None or day == "":
        return "–"
    if isinstance(day, datetime):
        if timezone.is_naive(day):
            raise ValueError("pass a time-zone-aware datetime; a naive time has no office day")
        day = day.astimezone(office_timezone(office)).date()
    lang = _language(language)
    return f"{day.day} {MONTHS[lang][day.month - 1]} {day.year}"


def format_time(moment: datetime, *, language: str | None = None, office=None) -> str:
    """``23.22 WIB`` (English ``23:22 WIB``): the office's clock and its zone abbreviation."""
    if timezone.is_naive(moment):
        raise ValueError("pass a time-zone-aware datetime; a naive time has no zone")
    local = moment.astimezone(office_timezone(office))
    separator = "." if _language(language) == "id" else ":"
    return f"{local:%H}{separator}{local:%M} {local.tzname()}"


def format_datetime(moment: datetime | None, *, language: str | None = None, office=None) -> str:
    """``2 Desember 2026 pukul 23.22 WIB`` (English ``2 December 2026, 23:22 WIB``)."""
    if moment is None or moment == "":
        return "–"
    lang = _language(language)
    day = format_date(moment, language=lang, office=office)
    time = format_time(moment, language=lang, office=office)
    return f"{day} pukul {time}" if lang == "id" else f"{day}, {time}"


def format_number(
    value: Decimal | int | float | str | None,
    decimals: int | None = None,
    *,
    language: str | None = None,
) -> str:
    """``3.667`` and ``90,28`` (English ``3,667`` and ``90.28``), grouped in thousands.

    ``decimals`` rounds half-up to that many places (``None`` keeps a ``Decimal``'s own places
    and shows an integer as an integer). ``None`` or ``""`` gives ``–``.
    """
    if value is None or value == "":
        return "–"
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    thousands, decimal_sep = _SEPARATORS[_language(language)]
    return numberformat.format(
        number,
        decimal_sep,
        decimal_pos=decimals,
        grouping=3,
        thousand_sep=thousands,
        force_grouping=True,
        use_l10n=False,
    )


def format_money(
    amount: Decimal | int | float | str | None,
    *,
    with_cents: bool = False,
    language: str | None = None,
) -> str:
    """``Rp 1.250.000`` on an Indonesian page, ``Rp 1,250,000`` on an English one.

    The amount is rounded half-up to whole rupiah (to sen with ``with_cents``), the rule of
    ``pst.money.round_rupiah``; a negative amount is ``-Rp 1.250.000`` and a zero is
    always ``Rp 0`` (Rp0 tariff lines). Official documents (invoice, kuitansi, letters) stay in
    Indonesian whatever the page: they call this with ``language="id"`` or ``format_rupiah``.
    ``None`` or ``""`` gives ``–``.
    """
    if amount is None or amount == "":
        return "–"
    value = amount if isinstance(amount, Decimal) else Decimal(str(amount))
    places = 2 if with_cents else 0
    value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    return f"{sign}Rp {format_number(abs(value), places, language=language)}"
