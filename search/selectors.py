"""Reads of the search app (STYLE.md: selectors): run a search the way the page asks for it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings

from .backends import get_backend
from .backends.base import Completion, SearchRequest, SearchResults
from .models import Synonym
from .query import FACET_PARAMS, ParsedQuery, clean_filter, parse, synonym_groups

MAX_PAGE = 500


def synonyms():
    """The librarians' synonym list, folded (read per search: a handful of rows, and an edit
    must take effect at once)."""
    return synonym_groups(Synonym.objects.values_list("terms", flat=True))


@dataclass(frozen=True)
class SearchPage:
    raw: str
    query: ParsedQuery
    filters: dict[str, str]
    results: SearchResults | None  # None: nothing asked yet


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


def search_page(*, raw: str, params: Mapping[str, str], page: int = 1) -> SearchPage:
    """Parse, merge the typed filters (``tahun:2024``) with the facet links' parameters (typed
    ones win) and ask the configured backend."""
    query = parse(raw, synonyms())
    filters = {**filters_from_params(params), **query.filters}
    if not query.has_text and not filters:
        return SearchPage(raw=raw, query=query, filters=filters, results=None)
    request = SearchRequest(
        query=query, filters=filters, page=page, per_page=settings.SEARCH_RESULTS_PER_PAGE
    )
    return SearchPage(raw=raw, query=query, filters=filters, results=get_backend().search(request))


def autocomplete_titles(*, prefix: str, limit: int = 8) -> list[Completion]:
    return get_backend().autocomplete(prefix[:100], limit=limit)
