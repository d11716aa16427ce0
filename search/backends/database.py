"""The embedded default backend: the site's own database (issue #5).

SQLite: FTS5 with BM25 ranking (title 10, identifiers/subjects/regions 4, abstract 2, PDF text
1). PostgreSQL: a weighted ``tsvector`` (A–D in the same order) with a GIN index, ranked by
``ts_rank``. Folding, stemming and synonyms happen in Python (``search.text``,
``search.query``), so both databases see the same tokens and return the same documents.

Facets are counted exactly over every matching document: each facet's counts apply every
*other* selected filter, so a count is exactly what a click on it will show and a second facet
narrows the first (issue #5, "combining facets narrows correctly").

How a search is answered, and why (the 50 ms target of ``benchmarks/search.py``):

1. the full-text index returns the *ids* of the text matches, unscored (the cheapest question
   it answers: ~1 µs a match);
2. totals and facet counts come from those ids and an in-memory copy of the facet columns
   (``search.facetindex``), never from reading the matching rows;
3. only the page is ranked: ``ORDER BY bm25 … LIMIT``, with the filters applied inside the
   index (SQLite: one token per facet value in the ``facet_terms`` column; PostgreSQL: the
   facet columns), so a filtered query scores only the documents that pass;
4. "did you mean" checks its correction with an existence probe, not a second search.
"""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from django.db import connection, transaction
from django.utils import timezone

from .. import facetindex, highlight, suggest
from ..models import PublicationText, SearchDocument, SearchIndexState, SearchWord
from ..query import ParsedQuery, TermGroup, parse
from ..text import STOPWORDS, analyzed, plain, stem, words
from .base import (
    FACETS,
    Completion,
    Hit,
    IndexDocument,
    Progress,
    SearchBackend,
    SearchRequest,
    SearchResults,
    facet_from_counts,
)

BATCH = 500
TABLE = SearchDocument._meta.db_table
STATE_TABLE = SearchIndexState._meta.db_table
LEXICON_MIN_LENGTH = 4
# BM25 column weights (title 10, identifiers/subjects/regions 4, abstract 2, PDF text 1; the
# autocomplete words and the facet tokens do not count).
BM25 = "bm25(search_fts, 10.0, 4.0, 2.0, 1.0, 0.0, 0.0)"
TEXT_COLUMNS = "{title_terms meta_terms body_terms fulltext_terms}"
# Prefixes of the facet tokens in ``facet_terms`` (copied in migration 0005).
TOKEN_PREFIXES = {
    "type": "t",
    "year": "y",
    "frequency": "f",
    "price": "p",
    "region": "r",
    "subject": "s",
}
# Columns of a filter on PostgreSQL, where the facet columns are filtered in SQL.
_PG_FILTERS = {
    "type": "doc_type = %s",
    "frequency": "frequency = %s",
    "price": "price_class = %s",
    "region": "strpos(region_codes, %s) > 0",
    "subject": "strpos(subject_slugs, %s) > 0",
}
SNAPSHOTS = facetindex.SnapshotCache()


def _bar(values) -> str:
    """Multi-valued facet column: ``|a|b|`` so ``LIKE '%|a|%'`` and ``split`` both work."""
    values = [v for v in values if v]
    return f"|{'|'.join(values)}|" if values else ""


def row_for(document: IndexDocument) -> SearchDocument:
    subject_names = " ".join(name for _, name in document.subjects)
    return SearchDocument(
        key=document.key,
        doc_type=document.doc_type,
        object_id=document.object_id,
        title=document.title[:255],
        subtitle=document.subtitle[:255],
        url=document.url[:500],
        body=document.body,
        year=document.year,
        date=document.date,
        frequency=document.frequency,
        price_class=document.price_class,
        region_codes=_bar(code for code, _ in document.regions)[:500],
        region_names=", ".join(name for _, name in document.regions)[:500],
        subject_slugs=_bar(slug for slug, _ in document.subjects)[:500],
        title_terms=analyzed(f"{document.title} {document.subtitle}"),
        meta_terms=analyzed(f"{document.meta} {subject_names}"),
        body_terms=analyzed(document.body),
        fulltext_terms=analyzed(document.fulltext),
        title_words=plain(document.title),
        facet_terms=facet_tokens(document),
        indexed_at=timezone.now(),
    )


def facet_token(facet: str, value) -> str:
    """One facet value as a single full-text token (letters and digits only, hex-encoded so any
    value, ``kemiskinan-dan-ketimpangan`` included, stays one token and never collides)."""
    return f"z{TOKEN_PREFIXES[facet]}{str(value).encode().hex()}"


def facet_tokens(document: IndexDocument) -> str:
    pairs = [
        ("type", document.doc_type),
        ("year", document.year),
        ("frequency", document.frequency),
        ("price", document.price_class),
    ]
    pairs += [("region", code) for code, _ in document.regions]
    pairs += [("subject", slug) for slug, _ in document.subjects]
    return " ".join(facet_token(f, v) for f, v in pairs if v not in (None, ""))


def lexicon_words(document: IndexDocument) -> set[str]:
    """The words a correction may propose: those of titles, subjects, regions and abstracts
    (issue #21: "pengangguran" is in the abstracts, not the titles); not the PDF text, whose
    OCR slips would become corrections."""
    text = " ".join(
        [document.title, document.subtitle, document.body, *(n for _, n in document.subjects)]
        + [n for _, n in document.regions]
    )
    return {w for w in words(text) if len(w) >= LEXICON_MIN_LENGTH and w.isalpha() and len(w) <= 60}


# --- query compilation ------------------------------------------------------------------------


def _stemmed(phrase: tuple[str, ...]) -> tuple[str, ...]:
    """A phrase as the index holds it: function words are not indexed ("Dalam Angka" is stored
    as ``angka``), so a phrase keeps its other words, still adjacent in the index."""
    kept = tuple(w for w in phrase if w not in STOPWORDS) or phrase
    return tuple(stem(w) for w in kept)


def group_alternatives(group: TermGroup) -> list[tuple[str, ...]]:
    seen: list[tuple[str, ...]] = []
    for alternative in group.alternatives:
        stems = _stemmed(alternative)
        if stems and stems not in seen:
            seen.append(stems)
    return seen


def query_stems(query: ParsedQuery) -> set[str]:
    """Every stem the query may match: for highlighting."""
    return {s for g in query.groups for alt in group_alternatives(g) for s in alt}


def fts5_expression(query: ParsedQuery) -> str:
    """An FTS5 MATCH expression. Every token is a double-quoted string (letters and digits
    only, see ``search.text.TOKEN_RE``), so no reader input is ever FTS syntax."""
    parts = []
    for group in query.groups:
        alternatives = ['"' + " ".join(alt) + '"' for alt in group_alternatives(group)]
        if alternatives:
            parts.append("(" + " OR ".join(alternatives) + ")")
    if not parts:
        return ""
    return TEXT_COLUMNS + " : (" + " AND ".join(parts) + ")"


def fts5_filtered(query: ParsedQuery, filters: Mapping[str, str]) -> str:
    """The text expression narrowed to documents carrying every filter's facet token, so
    that FTS5 intersects the lists before anything is ranked."""
    text = fts5_expression(query)
    if not text or not filters:
        return text
    tokens = " AND ".join(f'"{facet_token(f, v)}"' for f, v in sorted(filters.items()))
    return f"({text}) AND ({{facet_terms}} : ({tokens}))"


def postgres_filters(filters: Mapping[str, str]) -> tuple[str, list] | None:
    """SQL conditions for ``filters`` on PostgreSQL, or None when a value cannot match (a year
    that is not a number)."""
    clauses, params = [], []
    for facet, value in sorted(filters.items()):
        if facet == "year":
            if not value.isdigit():
                return None
            clauses.append("year = %s")
            params.append(int(value))
        elif facet in ("region", "subject"):
            clauses.append(_PG_FILTERS[facet])
            params.append(f"|{value}|")
        else:
            clauses.append(_PG_FILTERS[facet])
            params.append(value)
    return "".join(f" AND {c}" for c in clauses), params


def tsquery_expression(query: ParsedQuery) -> str:
    """A ``to_tsquery('simple', …)`` expression: phrases with ``<->``, alternatives with ``|``,
    groups with ``&``; tokens are quoted lexemes of letters and digits only."""
    parts = []
    for group in query.groups:
        alternatives = [
            "(" + " <-> ".join(f"'{token}'" for token in alt) + ")"
            for alt in group_alternatives(group)
        ]
        if alternatives:
            parts.append("(" + " | ".join(alternatives) + ")")
    return " & ".join(parts)


def _prefix_words(prefix: str) -> list[str]:
    return words(prefix)[:8]


class DatabaseBackend(SearchBackend):
    """SQLite FTS5 or PostgreSQL full text, whichever database the site runs on."""

    def __init__(self, **options):
        self.options = options

    @property
    def vendor(self) -> str:
        return connection.vendor

    # --- writing ------------------------------------------------------------------------------

    def index(self, documents: Iterable[IndexDocument]) -> None:
        documents = list(documents)
        if not documents:
            return
        with transaction.atomic():
            SearchDocument.objects.filter(key__in=[d.key for d in documents]).delete()
            SearchDocument.objects.bulk_create([row_for(d) for d in documents], batch_size=BATCH)
            vocabulary = set().union(*(lexicon_words(d) for d in documents))
            SearchWord.objects.bulk_create(
                [SearchWord(word=w, length=len(w), frequency=1) for w in sorted(vocabulary)],
                ignore_conflicts=True,
                batch_size=BATCH,
            )
            _new_version()

    def remove(self, keys: Iterable[str]) -> None:
        with transaction.atomic():
            SearchDocument.objects.filter(key__in=list(keys)).delete()
            _new_version()

    def rebuild(self, documents: Iterable[IndexDocument], *, progress: Progress) -> int:
        """One transaction: readers keep the old index (SQLite WAL, PostgreSQL MVCC) until the
        new one is committed."""
        count = 0
        vocabulary: Counter[str] = Counter()
        with transaction.atomic():
            SearchDocument.objects.all().delete()
            SearchWord.objects.all().delete()
            batch: list[SearchDocument] = []
            for document in documents:
                batch.append(row_for(document))
                vocabulary.update(lexicon_words(document))
                if len(batch) >= BATCH:
                    SearchDocument.objects.bulk_create(batch)
                    count += len(batch)
                    progress(len(batch))
                    batch = []
            if batch:
                SearchDocument.objects.bulk_create(batch)
                count += len(batch)
                progress(len(batch))
            SearchWord.objects.bulk_create(
                [SearchWord(word=w, length=len(w), frequency=n) for w, n in vocabulary.items()],
                batch_size=BATCH,
            )
            _new_version()
        return count

    def count(self) -> int:
        return SearchDocument.objects.count()

    # --- reading ------------------------------------------------------------------------------

    def snapshot(self) -> facetindex.Snapshot:
        """The facet columns of the index as it is now (``search.facetindex``)."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT version FROM {STATE_TABLE} ORDER BY id LIMIT 1")  # noqa: S608
            row = cursor.fetchone()
        return SNAPSHOTS.get(_database_key(), row[0] if row else "", _load_snapshot)

    def _matching_ids(self, query: ParsedQuery) -> list[int] | np.ndarray:
        """Ids of every document matching the text, unranked: the cheapest question the
        full-text index answers (no scoring, no row read). SQLite hands them over as one
        ``group_concat`` string parsed by numpy: 3x faster than a Python row per id at 70.000
        matches (issue #21, benchmarks/README.md)."""
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                expression = tsquery_expression(query)
                if not expression:
                    return []
                cursor.execute(
                    f"SELECT id FROM {TABLE} "  # noqa: S608
                    "WHERE search_vector @@ to_tsquery('simple', %s)",
                    [expression],
                )
            else:
                expression = fts5_expression(query)
                if not expression:
                    return []
                cursor.execute(
                    "SELECT group_concat(rowid) FROM search_fts WHERE search_fts MATCH %s",
                    [expression],
                )
                text = cursor.fetchone()[0]
                return np.fromstring(text, dtype=np.int64, sep=",") if text else facetindex.EMPTY
            return [row[0] for row in cursor.fetchall()]

    def _ranked(
        self, query: ParsedQuery, filters: Mapping[str, str], limit: int, *, probe: bool = False
    ) -> list[tuple[int, float]]:
        """The best ``limit`` (id, score) among the documents matching the text and every
        filter, best first (ties: lower id). The filters are applied by the index (SQLite: the
        facet tokens; PostgreSQL: the facet columns), so only documents that pass are scored.
        ``probe``: any one match, unscored ("does this correction find anything?")."""
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                expression = tsquery_expression(query)
                conditions = postgres_filters(filters)
                if not expression or conditions is None:
                    return []
                where, params = conditions
                score = "0" if probe else "ts_rank(search_vector, q)"
                order = "" if probe else " ORDER BY 2 DESC, 1"
                cursor.execute(
                    f"SELECT id, {score} FROM {TABLE}, to_tsquery('simple', %s) q "  # noqa: S608
                    f"WHERE search_vector @@ q{where}{order} LIMIT %s",
                    [expression, *params, limit],
                )
                return [(i, float(s)) for i, s in cursor.fetchall()]
            expression = fts5_filtered(query, filters)
            if not expression:
                return []
            if probe:
                cursor.execute(
                    "SELECT rowid, 0 FROM search_fts WHERE search_fts MATCH %s LIMIT %s",
                    [expression, limit],
                )
            else:
                cursor.execute(
                    f"SELECT rowid, -{BM25} FROM search_fts WHERE search_fts MATCH %s "
                    f"ORDER BY {BM25}, rowid LIMIT %s",
                    [expression, limit],
                )
            return [(i, float(s)) for i, s in cursor.fetchall()]

    def search(self, request: SearchRequest) -> SearchResults:
        query = request.query
        filters = request.active_filters
        page = max(1, request.page)
        wanted = page * request.per_page
        snapshot = self.snapshot()
        if query.has_text:
            positions = snapshot.positions(self._matching_ids(query))
        else:
            positions = snapshot.all_positions()
        passing, facet_counts = facetindex.filter_and_count(snapshot, positions, filters)
        total = len(passing)
        if not total:
            ranked = []
        elif query.has_text:
            ranked = self._ranked(query, filters, wanted)
        else:  # browsing without words: newest first, the date as the score
            top = facetindex.newest_first(snapshot, passing, wanted)
            ranked = [(int(snapshot.ids[p]), float(snapshot.dates[p])) for p in top]
        page_rows = ranked[(page - 1) * request.per_page :]
        hits = self._hits([i for i, _ in page_rows], dict(page_rows), query)
        facets = (
            tuple(facet_from_counts(f, facet_counts[f], filters.get(f)) for f in FACETS)
            if request.with_facets
            else ()
        )
        suggestion = None
        if total == 0 and query.has_text:
            suggestion = self._suggestion(query, filters)
        return SearchResults(
            hits=tuple(hits),
            total=total,
            page=page,
            per_page=request.per_page,
            facets=facets,
            suggestion=suggestion,
        )

    def _hits(self, ids: list[int], scores: dict[int, float], query: ParsedQuery) -> list[Hit]:
        if not ids:
            return []
        # Only the columns a hit shows, in one plain statement (the ORM's model instances cost
        # more than the ranking on a page of 20; issue #21, benchmarks/README.md); the analysed
        # columns (a PDF's text can be megabytes) are never read.
        marks = ", ".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            cursor.execute(
                'SELECT id, "key", doc_type, object_id, title, url, body, year, region_names, '  # noqa: S608
                f"price_class, body_terms FROM {TABLE} WHERE id IN ({marks})",
                list(ids),
            )
            documents = {row[0]: _HitRow(*row[1:]) for row in cursor.fetchall()}
        ids = [i for i in ids if i in documents]  # removed since the ranking: skip
        stems = query_stems(query)
        texts: dict[int, str] = {}
        needs_fulltext = [
            documents[i].object_id
            for i in ids
            if documents[i].doc_type == "publikasi"
            and documents[i].key.startswith("publication:")
            and stems
            and not (stems & set(documents[i].body_terms.split()))
        ]
        if needs_fulltext:
            texts = dict(
                PublicationText.objects.filter(page_id__in=needs_fulltext).values_list(
                    "page_id", "text"
                )
            )
        hits = []
        for i in ids:
            d = documents[i]
            body = texts.get(d.object_id) or d.body
            hits.append(
                Hit(
                    key=d.key,
                    doc_type=d.doc_type,
                    object_id=d.object_id,
                    title=d.title,
                    url=d.url,
                    title_html=highlight.highlight(d.title, stems),
                    snippet_html=highlight.snippet(body, stems),
                    year=d.year,
                    regions=d.region_names,
                    price_class=d.price_class,
                    score=float(scores[i]),
                )
            )
        return hits

    def _word_known(self, word: str) -> bool:
        probe = ParsedQuery(groups=(TermGroup(alternatives=((word,),)),))
        return bool(self._ranked(probe, {}, 1, probe=True))

    def _suggestion(self, query: ParsedQuery, filters: dict[str, str]) -> str | None:
        """Replace each unknown word by the nearest word of the vocabulary; propose the result
        only if it finds something under the same filters (so a suggestion never leads to
        another empty page). That check is an existence probe, not a second search."""
        changed = False
        corrected = []
        for group in query.groups:
            typed = group.alternatives[0]
            if group.exact or len(typed) != 1 or len(group.alternatives) > 1:
                corrected.append(_group_text(group))
                continue
            word = typed[0]
            replacement = None
            if suggest.max_edits(word) and not self._word_known(word):
                limit = suggest.max_edits(word)
                candidates = SearchWord.objects.filter(
                    length__gte=len(word) - limit, length__lte=len(word) + limit
                ).values_list("word", "frequency")
                replacement = suggest.closest(word, candidates.iterator(chunk_size=2000))
            corrected.append(replacement or word)
            changed = changed or bool(replacement)
        if not changed:
            return None
        text = " ".join(corrected)
        return text if self._ranked(parse(text), filters, 1, probe=True) else None

    def autocomplete(self, prefix: str, *, limit: int = 8) -> list[Completion]:
        typed = _prefix_words(prefix)
        if not typed or len(typed[-1]) < 2 and len(typed) == 1:
            return []
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                expression = " & ".join([f"'{w}'" for w in typed[:-1]] + [f"'{typed[-1]}':*"])
                cursor.execute(
                    f"SELECT title, url, doc_type FROM {TABLE} "  # noqa: S608
                    "WHERE title_vector @@ to_tsquery('simple', %s) "
                    "ORDER BY date DESC NULLS LAST, title LIMIT %s",
                    [expression, limit],
                )
            else:
                tokens = [f'"{w}"' for w in typed[:-1]] + [f'"{typed[-1]}"*']
                cursor.execute(
                    f"SELECT d.title, d.url, d.doc_type FROM search_fts "  # noqa: S608
                    f"JOIN {TABLE} d ON d.id = search_fts.rowid "
                    "WHERE search_fts MATCH %s ORDER BY d.date DESC, d.title LIMIT %s",
                    ["{title_words} : (" + " AND ".join(tokens) + ")", limit],
                )
            return [Completion(title=t, url=u, doc_type=k) for t, u, k in cursor.fetchall()]


@dataclass(frozen=True)
class _HitRow:
    key: str
    doc_type: str
    object_id: int
    title: str
    url: str
    body: str
    year: int | None
    region_names: str
    price_class: str
    body_terms: str


def _group_text(group: TermGroup) -> str:
    text = " ".join(group.alternatives[0])
    return f'"{text}"' if group.exact else text


def _new_version() -> None:
    """Every write to the index replaces the version token (inside the writer's transaction),
    so processes reload their facet snapshot (``search.facetindex``)."""
    updated = SearchIndexState.objects.update(
        version=secrets.token_hex(16), changed_at=timezone.now()
    )
    if not updated:
        SearchIndexState.objects.create(version=secrets.token_hex(16))


def _database_key() -> str:
    settings = connection.settings_dict
    where = (settings.get("HOST") or "", settings.get("PORT") or "", settings["NAME"])
    return f"{connection.vendor}:" + ":".join(str(part) for part in where)


def _split(bar: str | None) -> list[str]:
    return [v for v in (bar or "").strip("|").split("|") if v]


def _yyyymmdd(value) -> int:
    if value is None:
        return 0
    if isinstance(value, str):  # SQLite returns dates as text through a raw cursor
        year, month, day = value.split("-")
        return int(year) * 10000 + int(month) * 100 + int(day)
    return value.year * 10000 + value.month * 100 + value.day


def _load_snapshot() -> facetindex.Snapshot:
    """The facet columns of every indexed document, read in one statement together with the
    version they belong to (one statement is one consistent view on both databases)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT version FROM {STATE_TABLE} ORDER BY id LIMIT 1), "  # noqa: S608
            "id, date, doc_type, year, frequency, price_class, region_codes, subject_slugs "
            f"FROM {TABLE} ORDER BY id"
        )
        rows = cursor.fetchall()
    if not rows:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT version FROM {STATE_TABLE} ORDER BY id LIMIT 1")  # noqa: S608
            row = cursor.fetchone()
        return facetindex.build(row[0] if row else "", [])
    return facetindex.build(
        rows[0][0] or "",
        ((r[1], _yyyymmdd(r[2]), r[3], r[4], r[5], r[6], _split(r[7]), _split(r[8])) for r in rows),
    )
