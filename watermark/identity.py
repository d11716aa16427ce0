"""Who downloaded: the identity every mark carries, validated once."""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from .errors import InvalidIdentity

# Download ids are made by the caller (e.g. 'DL-2026-000123' or a uuid4 hex). They go into the
# visible mark, the metadata and the trailer /ID, and trace finds them again in extracted text,
# so they are plain ASCII letters, digits, '-' and '_', starting with a letter or digit.
DOWNLOAD_ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_-]{2,63}"
_DOWNLOAD_ID_RE = re.compile(rf"\A{DOWNLOAD_ID_PATTERN}\Z")

SITE_NAME_MAX = 60


def clean_text(value: str) -> str:
    """Collapse control characters, line breaks and runs of white space into single spaces.

    A name is shown on one line; characters that are not meant to be seen (controls, format
    characters such as zero-width joiners, unpaired surrogates) are dropped.
    """
    parts = []
    for char in value:
        category = unicodedata.category(char)
        if category in ("Cc", "Zl", "Zp", "Zs"):
            parts.append(" ")
        elif category in ("Cf", "Cs", "Co", "Cn"):
            continue
        else:
            parts.append(char)
    return " ".join("".join(parts).split())


def validate_download_id(value: str) -> str:
    if not isinstance(value, str) or not _DOWNLOAD_ID_RE.match(value):
        raise InvalidIdentity(
            "ID unduhan tidak valid.",
            detail=f"download id must match {DOWNLOAD_ID_PATTERN}, got {value!r}",
        )
    return value


def _parse_date(value: datetime.date | str | None) -> datetime.date:
    if value is None:
        return datetime.date.today()  # clock-ok: a library knows no office; the site passes one
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise InvalidIdentity(
            "Tanggal unduhan tidak valid.", detail=f"expected YYYY-MM-DD, got {value!r}"
        ) from None


@dataclass(frozen=True)
class Identity:
    """One downloader of one copy.

    ``name`` and ``email`` may hold any Unicode; the visible mark transliterates them to what the
    standard PDF font can show and shortens very long values, while the invisible metadata keeps
    them in full (up to a generous limit). ``date`` is a `datetime.date` or ``'YYYY-MM-DD'``
    and defaults to today.
    """

    name: str
    email: str
    download_id: str
    date: datetime.date = field(default_factory=datetime.date.today)
    site_name: str = "PST Online"

    def __post_init__(self) -> None:
        for attribute in ("name", "email", "site_name"):
            value = getattr(self, attribute)
            if not isinstance(value, str):
                raise InvalidIdentity(detail=f"{attribute} must be a string, got {type(value)}")
            object.__setattr__(self, attribute, clean_text(value))
        if not self.name:
            raise InvalidIdentity("Nama pengunduh wajib diisi.", detail="empty name")
        if not self.site_name:
            raise InvalidIdentity(detail="empty site name")
        object.__setattr__(self, "site_name", self.site_name[:SITE_NAME_MAX])
        validate_download_id(self.download_id)
        object.__setattr__(self, "date", _parse_date(self.date))
