"""Parse what a reader types into the search box (pure, no Django).

Syntax (documented in docs/search.md):

- words: every word must match (in any inflection, see ``search.text``);
- ``"exact phrase"`` in double quotes: the words in this order; an unbalanced quote is ignored;
- ``tahun:2024``, ``wilayah:3201``, ``jenis:peta-wks``, ``subjek:kemiskinan``,
  ``frekuensi:bulanan``, ``harga:gratis``: facet filters typed into the box, the same names as the
  facet links' query parameters;
- a word with inner punctuation (``03220.1607``, ``978-602-438-123-4``) is matched as a phrase,
  so catalogue and publication numbers find their publication.

Anything else, SQL or FTS syntax included (``*``, ``NEAR``, ``-``, ``:``, ``(``), is just text:
the parser only ever emits lists of plain letter-and-digit words, which the backends quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .text import STOPWORDS, fold, words

MAX_QUERY_CHARS = 256
MAX_GROUPS = 12

# Facet name -> the query parameter / filter keyword readers see (Indonesian, short).
FACET_PARAMS: dict[str, str] = {
    "type": "jenis",
    "subject": "subjek",
    "year": "tahun",
    "region": "wilayah",
    "frequency": "frekuensi",
    "price": "harga",
}
PARAM_FACETS = {param: facet for facet, param in FACET_PARAMS.items()}
FILTER_RE = re.compile(r"^([a-z]+):(\S+)$")
PHRASE_RE = re.compile(r'"([^"]*)"')
YEAR_RE = re.compile(r"^(19|20)\d\d$")
REGION_RE = re.compile(r"^\d{2}(\d{2})?$")
VALUE_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class TermGroup:
    """One thing the document must contain: any of ``alternatives`` (each a phrase of folded
    words; a one-word phrase is a plain word). Synonyms become alternatives of one group."""

    alternatives: tuple[Phrase, ...]
    exact: bool = False  # typed in quotes: no synonyms, no stemming subtleties promised


@dataclass(frozen=True)
class ParsedQuery:
    groups: tuple[TermGroup, ...] = ()
    filters: dict[str, str] = field(default_factory=dict)
    text: str = ""  # the free text as understood, for "did you mean" and the search box

    @property
    def has_text(self) -> bool:
        return bool(self.groups)

    def words(self) -> list[str]:
        """The words the reader typed (first alternative of every group), in order."""
        return [w for group in self.groups for w in group.alternatives[0]]


def clean_filter(facet: str, value: str) -> str | None:
    """A facet value as stored, or None when it cannot be one (an unknown value never errors:
    the filter is simply dropped, or matches nothing)."""
    value = fold(value.strip())[:60]
    if facet == "year":
        return value if YEAR_RE.match(value) else None
    if facet == "region":  # "73" is the province 7300
        return (value if len(value) == 4 else f"{value}00") if REGION_RE.match(value) else None
    return value if VALUE_RE.match(value) else None


def parse(
    raw: str,
    synonyms: Sequence[Sequence[Phrase]] = (),
    regions: Mapping[Phrase, str] | None = None,
) -> ParsedQuery:
    """Turn the search box's text into term groups and filters; never raises.

    ``regions`` (phrase → region code, ``search.regions.alias_codes``): a run of words that
    names a region becomes the region filter instead of text, unless a region filter was typed
    (``wilayah:…``); a quoted phrase never does."""
    raw = (raw or "")[:MAX_QUERY_CHARS]
    filters: dict[str, str] = {}
    groups: list[TermGroup] = []
    loose: list[Phrase] = []  # unquoted chunks, in order, before synonym expansion
    shown: list[str] = []
    found_regions: list[str] = []

    def flush_loose() -> None:
        groups.extend(_expand(loose, synonyms, regions or {}, found_regions))
        loose.clear()

    position = 0
    for match in PHRASE_RE.finditer(raw):
        _loose_chunks(raw[position : match.start()], loose, filters, shown)
        flush_loose()
        phrase = tuple(words(match.group(1)))
        if phrase:
            groups.append(TermGroup(alternatives=(phrase,), exact=True))
            shown.append(f'"{" ".join(phrase)}"')
        position = match.end()
    _loose_chunks(raw[position:].replace('"', " "), loose, filters, shown)
    flush_loose()
    groups = _drop_stopwords(groups)[:MAX_GROUPS]
    if found_regions and "region" not in filters:
        filters["region"] = found_regions[0]
    return ParsedQuery(groups=tuple(groups), filters=filters, text=" ".join(shown))


def _loose_chunks(text: str, loose: list[Phrase], filters: dict[str, str], shown: list[str]):
    for chunk in text.split():
        match = FILTER_RE.match(fold(chunk))
        if match and match.group(1) in PARAM_FACETS:
            facet = PARAM_FACETS[match.group(1)]
            value = clean_filter(facet, match.group(2))
            if value is not None:
                filters[facet] = value
            continue
        phrase = tuple(words(chunk))
        if phrase:
            loose.append(phrase)
            shown.append(" ".join(phrase))


def _expand(
    loose: list[Phrase],
    synonyms: Sequence[Sequence[Phrase]],
    regions: Mapping[Phrase, str],
    found_regions: list[str],
) -> list[TermGroup]:
    """Replace each run of words that spells a synonym variant by a group of all variants
    (longest variant first, so "survei sosial ekonomi nasional" wins over a shorter overlap);
    a run that names a region (``regions``) is taken out and its code added to
    ``found_regions``."""
    variants = sorted(
        [(variant, group) for group in synonyms for variant in group]
        + [(phrase, code) for phrase, code in regions.items()],
        key=lambda item: -len(item[0]),
    )
    result: list[TermGroup] = []
    i = 0
    while i < len(loose):
        if len(loose[i]) > 1:  # a punctuated chunk (an identifier) is already a phrase
            result.append(TermGroup(alternatives=(loose[i],)))
            i += 1
            continue
        for variant, group in variants:
            n = len(variant)
            run = loose[i : i + n]
            single = len(run) == n and all(len(p) == 1 for p in run)
            if single and tuple(p[0] for p in run) == variant:
                if isinstance(group, str):  # a region: the filter, not text
                    found_regions.append(group)
                else:
                    others = tuple(v for v in group if v != variant)
                    result.append(TermGroup(alternatives=(variant, *others)))
                i += n
                break
        else:
            result.append(TermGroup(alternatives=(loose[i],)))
            i += 1
    return result


def _drop_stopwords(groups: list[TermGroup]) -> list[TermGroup]:
    """Drop single function words ("dan", "di") unless the query is nothing else."""
    kept = [
        g
        for g in groups
        if g.exact or len(g.alternatives) > 1 or g.alternatives[0] not in _STOP_PHRASES
    ]
    return kept or groups


_STOP_PHRASES = {(w,) for w in STOPWORDS}


def synonym_groups(lines: Iterable[str]) -> list[tuple[Phrase, ...]]:
    """Each line (or snippet row) lists equivalent terms separated by commas or "=";
    returns them folded and tokenised, dropping groups with fewer than two usable terms."""
    result = []
    for line in lines:
        variants = []
        for part in re.split(r"[,=\n;]", line):
            phrase = tuple(words(part))
            if phrase and phrase not in variants:
                variants.append(phrase)
        if len(variants) >= 2:
            result.append(tuple(variants))
    return result
