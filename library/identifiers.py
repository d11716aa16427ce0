"""Formats of the identifiers printed on every BPS imprint page (DOMAIN.md, "Library").

Pure functions (the demo generator uses them too); the ``validate_*`` wrappers raise Django's
``ValidationError`` for model fields and forms.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_KATALOG_RE = re.compile(r"(\d{7})(?:\.(\d{2}|\d{4}|\d{7}))?")
_NOMOR_RE = re.compile(r"\d{5}\.(\d{2})\d{2,3}")
_ISSN_RE = re.compile(r"(\d{4})-?(\d{3})([\dX])")


def is_valid_katalog(value: str) -> bool:
    """Katalog BPS: 7 digits, and for a regional edition a dot and the region code.

    DOMAIN.md: ``1303004``; ``1102001.73`` (province), ``5204003.7315`` (kabupaten/kota),
    ``1102001.3209060`` (kecamatan). Decision: a suffix of zeros names no region and is refused
    (the national edition has no suffix at all).
    """
    match = _KATALOG_RE.fullmatch(value or "")
    return bool(match) and (match.group(2) is None or match.group(2).strip("0") != "")


def is_valid_nomor_publikasi(value: str, *, year: int | None = None) -> bool:
    """Nomor Publikasi: 5 digits, a dot, 4 or 5 digits starting with the two-digit year.

    DOMAIN.md: ``03220.1607``, ``73150.2205``, ``73000.24006``. With ``year`` the two-digit
    prefix must also match that year (2016 → ``16``).
    """
    match = _NOMOR_RE.fullmatch(value or "")
    if not match:
        return False
    return year is None or match.group(1) == f"{year % 100:02d}"


def issn_check_digit(first7: str) -> str:
    """ISSN check character (ISO 3297): weights 8..2, modulus 11, 10 written as ``X``."""
    if not re.fullmatch(r"\d{7}", first7):
        raise ValueError(f"need 7 digits, got {first7!r}")
    remainder = sum(int(d) * w for d, w in zip(first7, range(8, 1, -1), strict=True)) % 11
    check = (11 - remainder) % 11
    return "X" if check == 10 else str(check)


def is_valid_issn(value: str) -> bool:
    """ISSN ``dddd-dddC`` (the hyphen may be left out) with a correct check character.

    DOMAIN.md: serials carry an ISSN on the imprint page, e.g. ``0126-2912``.
    """
    match = _ISSN_RE.fullmatch((value or "").strip().upper())
    if not match:
        return False
    return issn_check_digit(match.group(1) + match.group(2)) == match.group(3)


def is_issn_shaped(value: str) -> bool:
    """An ISSN's form (``dddd-dddC``), whatever its check character: what is printed on a
    publication is kept even when its check digit is wrong (issue #21)."""
    return bool(_ISSN_RE.fullmatch((value or "").strip().upper()))


def isbn13_digits(value: str) -> str | None:
    """The 13 digits of an ISBN-13-shaped value (978/979, hyphens or spaces allowed)."""
    value = (value or "").strip()
    if not value or value[0] in "- " or value[-1] in "- " or "--" in value:
        return None
    digits = value.replace("-", "").replace(" ", "")
    return digits if re.fullmatch(r"97[89]\d{10}", digits) else None


def isbn13_check_digit(first12: str) -> str:
    """ISBN-13 check digit (ISO 2108): weights 1,3,1,3…, modulus 10."""
    if not re.fullmatch(r"\d{12}", first12):
        raise ValueError(f"need 12 digits, got {first12!r}")
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def is_valid_isbn13(value: str) -> bool:
    """ISBN-13 (978/979 prefix), with or without hyphens/spaces, with a correct check digit.

    DOMAIN.md: the imprint page prints the ISBN, or "-" when the book has none (not valid
    here: a form leaves the field empty instead).
    """
    value = (value or "").strip()
    if not value or value[0] in "- " or value[-1] in "- " or "--" in value:
        return False
    digits = value.replace("-", "").replace(" ", "")
    if not re.fullmatch(r"97[89]\d{10}", digits):
        return False
    return isbn13_check_digit(digits[:12]) == digits[12]


def format_issn(first7: str) -> str:
    return f"{first7[:4]}-{first7[4:]}{issn_check_digit(first7)}"


def format_isbn13(group: str, registrant: str, item: str) -> str:
    """Hyphenated ISBN-13 ``978-602-438-123-4`` from its parts (check digit computed)."""
    first12 = "978" + group + registrant + item
    if len(first12) != 12:
        raise ValueError("ISBN parts must make 12 digits")
    return f"978-{group}-{registrant}-{item}-{isbn13_check_digit(first12)}"


def _check(value: str, is_valid, message) -> None:
    if value and not is_valid(value):
        raise ValidationError(message, code="invalid")


def validate_katalog(value: str) -> None:
    _check(
        value,
        is_valid_katalog,
        _("Katalog BPS must be 7 digits, optionally followed by a dot and a region code."),
    )


def validate_nomor_publikasi(value: str) -> None:
    _check(
        value,
        is_valid_nomor_publikasi,
        _("Publication number must look like 03220.1607 (5 digits, a dot, 4 or 5 digits)."),
    )


def validate_issn(value: str) -> None:
    _check(value, is_valid_issn, _("This is not a valid ISSN (e.g. 0126-2912)."))


def validate_isbn(value: str) -> None:
    _check(value, is_valid_isbn13, _("This is not a valid ISBN-13."))


def validate_issn_format(value: str) -> None:
    """The model's check: the form of an ISSN. The check digit is the form's to check, with an
    override for an ISSN printed with a wrong one (issue #21)."""
    _check(value, is_issn_shaped, _("This is not an ISSN (e.g. 0126-2912)."))


def validate_isbn_format(value: str) -> None:
    _check(value, lambda v: isbn13_digits(v) is not None, _("This is not an ISBN-13."))
