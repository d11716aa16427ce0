"""The embedded default backend: the site's own database (issue #5).

SQLite: FTS5 with BM25 ranking (title 10, identifiers/subjects/regions 4, abstract 2, PDF text
1). PostgreSQL: a weighted ``tsvector`` (A–D in the same order) with a GIN index, ranked by
``ts_rank``. Folding, stemming and synonyms happen in Python (``search.text``,
``search.query``), so both databases see the same tokens and return the same documents.

Facets are counted exactly over every matching document, in one pass: each facet's counts
apply every *other* selected filter, so a count is exactly what a click on it will show and a
second facet narrows the first (issue #5, "combining facets narrows correctly").
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from .. import highlight, suggest
from ..models import PublicationText, SearchDocument, SearchWord
from ..query import ParsedQuery, TermGroup, parse
from ..text import analyzed, plain, stem, words
from .base import (
    FACETS,
    Completion,
    Facet,
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
FACET_COLUMNS = "doc_type, year, frequency, price_class, region_codes, subject_slugs"
LEXICON_MIN_LENGTH = 4


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
        indexed_at=timezone.now(),
    )


def lexicon_words(document: IndexDocument) -> set[str]:
    """The words "did you mean" may propose: those of titles, subjects and regions."""
    text = " ".join(
        [document.title, document.subtitle, *(n for _, n in document.subjects)]
        + [n for _, n in document.regions]
    )
    return {w for w in words(text) if len(w) >= LEXICON_MIN_LENGTH and w.isalpha() and len(w) <= 60}


# --- query compilation ------------------------------------------------------------------------


def _stemmed(phrase: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(stem(w) for w in phrase)


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
    return "{title_terms meta_terms body_terms fulltext_terms} : (" + " AND ".join(parts) + ")"


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

    def remove(self, keys: Iterable[str]) -> None:
        SearchDocument.objects.filter(key__in=list(keys)).delete()

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
        return count

    def count(self) -> int:
        return SearchDocument.objects.count()

    # --- reading ------------------------------------------------------------------------------

    def _matching_rows(self, query: ParsedQuery) -> list[tuple]:
        """(id, score, *facet columns) of every document matching the text; higher score is
        better. Without text: every document, newest first."""
        with connection.cursor() as cursor:
            if not query.has_text:
                cursor.execute(f"SELECT id, date, {FACET_COLUMNS} FROM {TABLE}")  # noqa: S608
                # Browsing without words: newest first, the date as the score.
                return [(r[0], _date_score(r[1]), *r[2:]) for r in cursor.fetchall()]
            if self.vendor == "postgresql":
                expression = tsquery_expression(query)
                if not expression:
                    return []
                cursor.execute(
                    f"SELECT id, ts_rank(search_vector, q), {FACET_COLUMNS} "  # noqa: S608
                    f"FROM {TABLE}, to_tsquery('simple', %s) q WHERE search_vector @@ q",
                    [expression],
                )
                return cursor.fetchall()
            expression = fts5_expression(query)
            if not expression:
                return []
            cursor.execute(
                f"SELECT d.id, -bm25(search_fts, 10.0, 4.0, 2.0, 1.0, 0.0), "  # noqa: S608
                f"{', '.join('d.' + c.strip() for c in FACET_COLUMNS.split(','))} "
                f"FROM search_fts JOIN {TABLE} d ON d.id = search_fts.rowid "
                "WHERE search_fts MATCH %s",
                [expression],
            )
            return cursor.fetchall()

    def search(self, request: SearchRequest) -> SearchResults:
        query = request.query
        filters = request.active_filters
        rows = self._matching_rows(query)
        passing, facet_counts = _filter_and_count(rows, filters)
        total = len(passing)
        page = max(1, request.page)
        top = heapq.nlargest(page * request.per_page, passing, key=lambda r: (r[1], -r[0]))
        page_rows = top[(page - 1) * request.per_page :]
        hits = self._hits([r[0] for r in page_rows], {r[0]: r[1] for r in page_rows}, query)
        facets = _facets(facet_counts, filters) if request.with_facets else ()
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
        documents = SearchDocument.objects.in_bulk(ids)
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
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                cursor.execute(
                    f"SELECT 1 FROM {TABLE} WHERE search_vector @@ "  # noqa: S608
                    "to_tsquery('simple', %s) LIMIT 1",
                    [tsquery_expression(probe)],
                )
            else:
                cursor.execute(
                    "SELECT 1 FROM search_fts WHERE search_fts MATCH %s LIMIT 1",
                    [fts5_expression(probe)],
                )
            return cursor.fetchone() is not None

    def _suggestion(self, query: ParsedQuery, filters: dict[str, str]) -> str | None:
        """Replace each unknown word by the nearest word of the vocabulary; propose the result
        only if it finds something (so a suggestion never leads to another empty page)."""
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
        rows = self._matching_rows(parse(text))
        passing, _ = _filter_and_count(rows, filters)
        return text if passing else None

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


def _date_score(value) -> float:
    if value is None:
        return 0.0
    if isinstance(value, str):  # SQLite returns dates as text through a raw cursor
        year, month, day = value.split("-")
        return int(year) * 10000 + int(month) * 100 + int(day)
    return value.year * 10000 + value.month * 100 + value.day


def _group_text(group: TermGroup) -> str:
    text = " ".join(group.alternatives[0])
    return f'"{text}"' if group.exact else text


# Positions of the facet columns in a matching row (after id and score).
_COLUMN_OF = {"type": 2, "year": 3, "frequency": 4, "price": 5, "region": 6, "subject": 7}
_MULTI = {"region", "subject"}


def _values(row, facet: str) -> list[str]:
    raw = row[_COLUMN_OF[facet]]
    if raw is None or raw == "":
        return []
    if facet in _MULTI:
        return raw.strip("|").split("|")
    return [str(raw)]


def _passes(row, facet: str, value: str) -> bool:
    raw = row[_COLUMN_OF[facet]]
    if facet in _MULTI:
        return f"|{value}|" in (raw or "")
    return raw is not None and str(raw) == value


def _filter_and_count(rows, filters: dict[str, str]):
    """Rows passing every filter, and per facet the value counts over the rows that pass every
    filter but that facet's own (exact "what you get if you click" counts)."""
    counts: dict[str, Counter] = {facet: Counter() for facet in FACETS}
    passing = []
    selected = list(filters.items())
    for row in rows:
        failed = [facet for facet, value in selected if not _passes(row, facet, value)]
        if not failed:
            passing.append(row)
            for facet in FACETS:
                counts[facet].update(_values(row, facet))
        elif len(failed) == 1:
            counts[failed[0]].update(_values(row, failed[0]))
    return passing, counts


def _facets(counts: dict[str, Counter], filters: dict[str, str]) -> tuple[Facet, ...]:
    return tuple(facet_from_counts(f, counts[f], filters.get(f)) for f in FACETS)
