"""The one search interface (issue #5): what every backend takes and returns.

Views, commands and signal handlers talk to a :class:`SearchBackend` chosen by the dotted path
in ``SEARCH_BACKEND`` (STYLE.md habit 6); both backends return the same :class:`SearchResults`,
so the search page cannot tell which one answered.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.utils.safestring import SafeString

from ..labels import facet_labels, sort_key
from ..query import ParsedQuery

FACETS = ("type", "subject", "year", "region", "frequency", "price")


@dataclass(frozen=True)
class IndexDocument:
    """One searchable thing, as both backends index it (built by ``search.documents``)."""

    key: str  # "publication:<page id>" or "product:<product id>"
    doc_type: str  # DocumentType value
    object_id: int
    title: str
    url: str
    subtitle: str = ""
    body: str = ""  # abstract or description, shown as the snippet
    meta: str = ""  # identifiers, authors, survey, variables, subject and region names
    fulltext: str = ""  # the PDF's text (publications)
    year: int | None = None
    date: date | None = None
    frequency: str = ""
    price_class: str = ""
    regions: tuple[tuple[str, str], ...] = ()  # (code, name)
    subjects: tuple[tuple[str, str], ...] = ()  # (slug, name)


@dataclass(frozen=True)
class SearchRequest:
    query: ParsedQuery
    filters: dict[str, str] = field(default_factory=dict)  # facet -> value (one per facet)
    page: int = 1
    per_page: int = 20
    with_facets: bool = True

    @property
    def active_filters(self) -> dict[str, str]:
        """The facet filters to apply: the links' ones, then those typed in the box
        (``tahun:2024``), which win; unknown facet names are ignored."""
        merged = {**self.filters, **self.query.filters}
        return {facet: value for facet, value in merged.items() if facet in FACETS and value}


@dataclass(frozen=True)
class Hit:
    key: str
    doc_type: str
    object_id: int
    title: str
    url: str
    title_html: SafeString
    snippet_html: SafeString
    year: int | None
    regions: str
    price_class: str
    score: float


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class Facet:
    name: str
    values: tuple[FacetValue, ...]

    @property
    def selected(self) -> FacetValue | None:
        return next((v for v in self.values if v.selected), None)


def facet_from_counts(name: str, counts: dict[str, int], selected: str | None) -> Facet:
    """A facet as the page shows it; a selected value that matches nothing still appears (with
    0) so the reader can remove it."""
    counts = dict(counts)
    if selected and selected not in counts:
        counts[selected] = 0
    labels = facet_labels(name, counts.keys())
    values = [
        FacetValue(value=v, label=labels.get(v, v), count=n, selected=v == selected)
        for v, n in counts.items()
    ]
    values.sort(key=sort_key(name))
    return Facet(name=name, values=tuple(values))


@dataclass(frozen=True)
class SearchResults:
    hits: tuple[Hit, ...]
    total: int
    page: int
    per_page: int
    facets: tuple[Facet, ...] = ()
    suggestion: str | None = None  # the corrected query text, for "did you mean"

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


@dataclass(frozen=True)
class Completion:
    title: str
    url: str
    doc_type: str


Progress = Callable[[int], None]


class SearchBackend:
    """What a backend must do. Writes are idempotent: indexing a key again replaces it."""

    def index(self, documents: Iterable[IndexDocument]) -> None:
        raise NotImplementedError

    def remove(self, keys: Iterable[str]) -> None:
        raise NotImplementedError

    def rebuild(self, documents: Iterable[IndexDocument], *, progress: Progress) -> int:
        """Replace the whole index with ``documents``; readers see the old index until the new
        one is complete. Returns the number indexed."""
        raise NotImplementedError

    def search(self, request: SearchRequest) -> SearchResults:
        raise NotImplementedError

    def autocomplete(self, prefix: str, *, limit: int = 8) -> list[Completion]:
        raise NotImplementedError

    def count(self) -> int:
        raise NotImplementedError


def region_with_province(code: str) -> tuple[str, ...]:
    """A regency or city (``7315``) also belongs to its province (``7300``), so that filtering on
    the province finds it and the province's facet count includes it (DOMAIN.md: domain codes;
    ``0000`` is national and has no parent)."""
    if len(code) == 4 and code.isdigit() and not code.endswith("00"):
        return (code, f"{code[:2]}00")
    return (code,)
