"""Region names as readers write them (issue #21): abbreviations (Jatim, Sulsel, NTT, DIY),
former names (Ujung Pandang, Irian Jaya Barat) and English names (East Java) resolve to the
region.

The region master (``library.Region``: code, name, aliases one per line) is the source; this
module only turns ``(code, name, aliases)`` entries into what the query parser uses, so it does
not care where the entries come from (the site's table, or a test's list). Two ways to use an
alias, chosen by ``SEARCH_REGION_ALIASES`` and measured on the relevance set
(benchmarks/relevance.py, docs/search.md):

* ``"expand"`` (default): the alias becomes a group of alternatives, like a synonym: "jatim"
  matches "jatim" or "jawa timur" anywhere in the document (its region names included, and a
  regency's document carries its province's name), so it ranks like the words it stands for;
* ``"filter"``: the alias becomes the region filter (``wilayah:3500``) and leaves the text.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass

from library.models import Region

from .query import Phrase
from .text import words

# Level words an official name starts with; the rest is what people write ("Kota Makassar" →
# "makassar", "Provinsi Jawa Timur" → "jawa timur").
LEVEL_PREFIXES = ("provinsi", "kabupaten", "kota", "kecamatan", "desa", "kelurahan")
CACHE_SECONDS = 60.0


@dataclass(frozen=True)
class RegionEntry:
    code: str
    name: str
    aliases: tuple[str, ...] = ()


def bare_name(name: str) -> Phrase:
    """The folded words of an official name without its level word."""
    folded = tuple(words(name))
    if len(folded) > 1 and folded[0] in LEVEL_PREFIXES:
        return folded[1:]
    return folded


def _alias_phrases(entry: RegionEntry) -> list[Phrase]:
    """The entry's aliases as folded phrases; codes (``32.01``, ``7371``) and the abbreviation
    ``prov.`` forms are left out: numbers are searched as identifiers, not names."""
    phrases: list[Phrase] = []
    for alias in entry.aliases:
        if re.search(r"\d", alias):
            continue
        phrase = tuple(words(alias))
        if phrase and phrase[0] == "prov":
            phrase = phrase[1:]
        if phrase and phrase not in phrases:
            phrases.append(phrase)
    return phrases


def alias_groups(entries: Iterable[RegionEntry]) -> list[tuple[Phrase, ...]]:
    """Synonym-style groups (``expand``): the region's bare name first, then its aliases. A
    region without aliases gives no group (its name is matched as written)."""
    groups = []
    for entry in entries:
        name = bare_name(entry.name)
        variants = [name] if name else []
        variants += [p for p in _alias_phrases(entry) if p not in variants]
        if len(variants) >= 2:
            groups.append(tuple(variants))
    return groups


def alias_codes(entries: Iterable[RegionEntry]) -> dict[Phrase, str]:
    """Phrase → region code (``filter``): every alias, and the bare official name of the
    provinces and of kabupaten/kota that have aliases. A phrase two regions share (``Jogja`` for
    the province and the city) goes to the larger region (the shorter code wins on ties of
    length: a province ``3400`` before the city ``3471``)."""
    codes: dict[Phrase, str] = {}
    for entry in sorted(entries, key=lambda e: (not e.code.endswith("00"), e.code)):
        phrases = _alias_phrases(entry)
        if not phrases:
            continue
        for phrase in [bare_name(entry.name), *phrases]:
            if phrase:
                codes.setdefault(phrase, entry.code)
    return codes


def entries_from_database() -> list[RegionEntry]:
    """The nation, provinces and kabupaten/kota of ``library.Region`` with their aliases:
    the regions readers name in a search box. Kecamatan and desa are not read per search (tens
    of thousands of rows); their names are in the documents' text."""
    fields = {f.name for f in Region._meta.get_fields()}
    rows = Region.objects.filter(level__in=("nasional", "provinsi", "kabupaten", "kota"))
    if "aliases" in fields:
        values = rows.values_list("code", "name", "aliases")
        return [RegionEntry(c, n, tuple(a.splitlines())) for c, n, a in values]
    return [RegionEntry(c, n) for c, n in rows.values_list("code", "name")]


@dataclass(frozen=True)
class Aliases:
    """What the parser needs, built once from the entries."""

    groups: tuple[tuple[Phrase, ...], ...]
    codes: dict[Phrase, str]

    @classmethod
    def of(cls, entries: Iterable[RegionEntry]) -> Aliases:
        entries = list(entries)
        return cls(groups=tuple(alias_groups(entries)), codes=alias_codes(entries))


class _Cache:
    """The aliases of the database's regions, kept ``CACHE_SECONDS`` (a search must not read
    the region master each time); a saved region clears it (``search.signals``)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._value: Aliases | None = None
        self._at = 0.0

    def get(self) -> Aliases:
        now = time.monotonic()
        if self._value is None or now - self._at > CACHE_SECONDS:
            value = Aliases.of(entries_from_database())
            with self._lock:
                self._value, self._at = value, now
        return self._value

    def clear(self) -> None:
        with self._lock:
            self._value = None


CACHE = _Cache()
