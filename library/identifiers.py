"""Formats of the identifiers printed on every BPS imprint page (DOMAIN.md, "Library").

Pure functions; the ``validate_*`` wrappers raise Django's ``ValidationError`` for model fields
and forms.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

#: Katalog BPS: 7 digits; a regional edition adds a dot and the region code
#: (2, 4 or 7 digits: 1102001.73, 5204003.7315, 1102001.3209060).
KATALOG_RE = re.compile(r"^\d{7}(\.(\d{2}|\d{4}|\d{7}))?$")
#: Nomor Publikasi: 5 digits, a dot, then 4 or 5 digits starting with the two-digit year
#: (03220.1607, 73150.2205, 73000.24006).
NOMOR_PUBLIKASI_RE = re.compile(r"^\d{5}\.\d{4,5}$")
ISSN_RE = re.compile(r"^\d{4}-\d{3}[\dX]$")


def is_valid_katalog(value: str) -> bool:
    return bool(KATALOG_RE.match(value))


def is_valid_nomor_publikasi(value: str) -> bool:
    return bool(NOMOR_PUBLIKASI_RE.match(value))


def is_valid_issn(value: str) -> bool:
    """ISSN with its mod-11 check digit (ISO 3297)."""
    if not ISSN_RE.match(value):
        return False
    digits = value.replace("-", "")
    total = sum(int(d) * w for d, w in zip(digits[:7], range(8, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return digits[7] == ("X" if check == 10 else str(check))


def is_valid_isbn13(value: str) -> bool:
    """ISBN-13 with its mod-10 check digit (ISO 2108); hyphens are optional."""
    digits = value.replace("-", "")
    if len(digits) != 13 or not digits.isdigit() or not digits.startswith(("978", "979")):
        return False
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits[:12]))
    return int(digits[12]) == (10 - total % 10) % 10


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
