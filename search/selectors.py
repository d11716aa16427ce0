"""Reads of the search app (STYLE.md: selectors): run a search the way the page asks for it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from django.conf import settings

from . import regions
from .backends import get_backend
from .backends.base import Completion, SearchRequest, SearchResults
from .models import Synonym
from .query import FACET_PARAMS, ParsedQuery, clean_filter, parse, synonym_groups

MAX_PAGE = 500


def synonyms():
    """The librarians' synonym list, folded (read per search: a handful of rows, and an edit
    must take effect at once)."""
    return synonym_groups(Synonym.objects.values_list("terms", flat=True))


def region_mode() -> str:
    """``SEARCH_REGION_ALIASES``: ``"expand"`` (default) or ``"filter"`` (search.regions)."""
    mode = getattr(settings, "SEARCH_REGION_ALIASES", "expand")
    return mode if mode in ("expand", "filter") else "expand"


def parse_query(
    raw: str,
    *,
    synonym_list=None,
    aliases: regions.Aliases | None = None,
    mode: str | None = None,
) -> ParsedQuery:
    """What the reader typed, with the librarians' synonyms and the region aliases applied."""
    synonym_list = synonyms() if synonym_list is None else synonym_list
    aliases = regions.CACHE.get() if aliases is None else aliases
    if (mode or region_mode()) == "filter":
        return parse(raw, synonym_list, aliases.codes)
    return parse(raw, [*synonym_list, *aliases.groups])


@dataclass(frozen=True)
class SearchPage:
    raw: str
    query: ParsedQuery
    filters: dict[str, str]
    results: SearchResults | None  # None: nothing asked yet
    # When the words as typed found nothing and a correction did, the results are the
    # correction's and this is what the reader typed ("Menampilkan hasil untuk … · cari tetap").
    corrected_from: str = ""


def filters_from_params(params: Mapping[str, str]) -> dict[str, str]:
    """Facet filters from the query string (``?jenis=peta-wks&tahun=2024``); values that
    cannot be facet values are dropped, never an error."""
    filters = {}
    for facet, param in FACET_PARAMS.items():
        value = params.get(param, "")
        cleaned = clean_filter(facet, value) if value else None
        if cleaned:
            filters[facet] = cleaned
    return filters


def page_number(value: str | None) -> int:
    try:
        return min(MAX_PAGE, max(1, int(value or 1)))
    except (TypeError, ValueError):
        return 1


def search_page(
    *,
    raw: str,
    params: Mapping[str, str],
    page: int = 1,
    exact: bool = False,
    aliases: regions.Aliases | None = None,
    mode: str | None = None,
) -> SearchPage:
    """Parse, merge the typed filters (``tahun:2024``) with the facet links' parameters (typed
    ones win) and ask the configured backend.

    When the words as typed find nothing and the backend proposes a correction (each unknown
    word replaced by the nearest known one, ``search.suggest``), the corrected results are shown
    instead, as search engines readers know do; ``exact`` (the "cari tetap …" link) keeps the
    words as typed and only proposes the correction."""
    synonym_list = synonyms()
    aliases = regions.CACHE.get() if aliases is None else aliases
    query = parse_query(raw, synonym_list=synonym_list, aliases=aliases, mode=mode)
    filters = {**filters_from_params(params), **query.filters}
    if not query.has_text and not filters:
        return SearchPage(raw=raw, query=query, filters=filters, results=None)
    request = SearchRequest(
        query=query, filters=filters, page=page, per_page=settings.SEARCH_RESULTS_PER_PAGE
    )
    backend = get_backend()
    results = backend.search(request)
    if results.total == 0 and results.suggestion and not exact:
        corrected = parse_query(
            results.suggestion, synonym_list=synonym_list, aliases=aliases, mode=mode
        )
        found = backend.search(replace(request, query=corrected))
        if found.total:
            return SearchPage(
                raw=results.suggestion,
                query=corrected,
                filters=filters,
                results=found,
                corrected_from=raw,
            )
    return SearchPage(raw=raw, query=query, filters=filters, results=results)


def autocomplete_titles(*, prefix: str, limit: int = 8) -> list[Completion]:
    return get_backend().autocomplete(prefix[:100], limit=limit)
