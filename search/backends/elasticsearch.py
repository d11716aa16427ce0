"""The Elasticsearch backend, for offices that outgrow one machine (issue #5), built with
elasticsearch-dsl: one index for all three types (a ``doc_type`` keyword), reached through an
alias so that a rebuild fills a new index and swaps the alias atomically, bulk indexing.

Matching mirrors the database backend: the same parsed query (synonyms expanded in Python, so an
edit of the synonym list needs no re-index), Indonesian stemming and accent folding by the
``pst_indonesian`` analyzer (Elasticsearch's ``indonesian`` stemmer plus ``asciifolding``), the
same field weights and the same "every other filter" facet counts (``post_filter`` plus one
filtered aggregation per facet).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from django.conf import settings
from elasticsearch import Elasticsearch, NotFoundError, helpers
from elasticsearch_dsl import (
    A,
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Long,
    Q,
    Search,
    SearchAsYouType,
    Text,
    analyzer,
    token_filter,
)

from ..highlight import mark_fragment
from ..query import ParsedQuery
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

indonesian_stemmer = token_filter("pst_indonesian_stemmer", type="stemmer", language="indonesian")
indonesian_stop = token_filter(
    "pst_indonesian_stop", type="stop", stopwords=["dan", "di", "ke", "dari", "yang", "untuk"]
)
pst_indonesian = analyzer(
    "pst_indonesian",
    tokenizer="standard",
    filter=["lowercase", "asciifolding", indonesian_stop, indonesian_stemmer],
)
pst_folded = analyzer("pst_folded", tokenizer="standard", filter=["lowercase", "asciifolding"])

# Same weights as the database backend: title 10, metadata 4, abstract 2, PDF text 1.
TEXT_FIELDS = ["title^10", "subtitle^10", "meta^4", "body^2", "fulltext"]
FACET_FIELDS = {
    "type": "doc_type",
    "subject": "subjects",
    "year": "year",
    "region": "regions",
    "frequency": "frequency",
    "price": "price_class",
}


class SearchDoc(Document):
    key = Keyword()
    doc_type = Keyword()
    object_id = Long()
    title = Text(
        analyzer=pst_indonesian,
        fields={"raw": Keyword(), "complete": SearchAsYouType(analyzer=pst_folded)},
    )
    subtitle = Text(analyzer=pst_indonesian)
    url = Keyword(index=False)
    body = Text(analyzer=pst_indonesian)
    meta = Text(analyzer=pst_indonesian)
    fulltext = Text(analyzer=pst_indonesian)
    year = Integer()
    date = Date()
    frequency = Keyword()
    price_class = Keyword()
    regions = Keyword(multi=True)
    region_names = Keyword()
    subjects = Keyword(multi=True)
    suggest_words = Text(analyzer=pst_folded)

    class Index:
        settings = {"number_of_shards": 1, "number_of_replicas": 0}


def body_for(document: IndexDocument) -> dict:
    return {
        "key": document.key,
        "doc_type": document.doc_type,
        "object_id": document.object_id,
        "title": document.title,
        "subtitle": document.subtitle,
        "url": document.url,
        "body": document.body,
        "meta": " ".join([document.meta, *(n for _, n in document.subjects)]),
        "fulltext": document.fulltext,
        "year": document.year,
        "date": document.date.isoformat() if document.date else None,
        "frequency": document.frequency,
        "price_class": document.price_class,
        "regions": [code for code, _ in document.regions],
        "region_names": ", ".join(name for _, name in document.regions),
        "subjects": [slug for slug, _ in document.subjects],
        "suggest_words": " ".join(
            [document.title, document.subtitle, *(n for _, n in document.subjects)]
        ),
    }


def text_query(query: ParsedQuery) -> Q:
    """Every group must match; a group matches when any alternative (a word, a phrase, a
    synonym) does, as a phrase when it has several words."""
    musts = []
    for group in query.groups:
        shoulds = []
        for alternative in group.alternatives:
            text = " ".join(alternative)
            if len(alternative) > 1:
                shoulds.append(Q("multi_match", query=text, fields=TEXT_FIELDS, type="phrase"))
            else:
                shoulds.append(Q("multi_match", query=text, fields=TEXT_FIELDS))
        musts.append(shoulds[0] if len(shoulds) == 1 else Q("bool", should=shoulds))
    return Q("bool", must=musts) if musts else Q("match_all")


def facet_filter(facet: str, value: str) -> Q:
    return Q("term", **{FACET_FIELDS[facet]: int(value) if facet == "year" else value})


def build_search(index: str, request: SearchRequest) -> Search:
    """The whole request body: query, post_filter, per-facet aggregations, highlight,
    term suggester and the page's slice."""
    query = request.query
    filters = request.active_filters
    search = Search(index=index).query(text_query(query))
    if filters:
        selected = [facet_filter(f, v) for f, v in filters.items()]
        search = search.post_filter(Q("bool", filter=selected))
    if request.with_facets:
        for facet in FACETS:
            others = [facet_filter(f, v) for f, v in filters.items() if f != facet]
            scope = Q("bool", filter=others) if others else Q("match_all")
            bucket = A("filter", filter=scope)
            bucket.bucket("values", "terms", field=FACET_FIELDS[facet], size=200)
            search.aggs.bucket(facet, bucket)
    if query.has_text:
        search = search.highlight("title", number_of_fragments=0).highlight(
            "body", "fulltext", fragment_size=240, number_of_fragments=1
        )
        search = search.highlight_options(pre_tags=["<mark>"], post_tags=["</mark>"])
        search = search.suggest(
            "did_you_mean", " ".join(query.words()), term={"field": "suggest_words"}
        )
    else:
        search = search.sort("-date", "title.raw")
    start = (max(1, request.page) - 1) * request.per_page
    return search.extra(track_total_hits=True)[start : start + request.per_page]


def build_autocomplete(index: str, prefix: str, limit: int) -> Search:
    return (
        Search(index=index)
        .query(
            Q(
                "multi_match",
                query=prefix,
                type="bool_prefix",
                fields=["title.complete", "title.complete._2gram", "title.complete._3gram"],
            )
        )
        .source(["title", "url", "doc_type"])[:limit]
    )


def new_index_name(alias: str, now: datetime | None = None) -> str:
    """``<alias>-YYYYmmddHHMMSSffffff``: each rebuild gets a fresh concrete index."""
    now = now or datetime.now(UTC)
    return f"{alias}-{now:%Y%m%d%H%M%S%f}"


def index_definition(name: str) -> Index:
    index = Index(name)
    index.settings(**SearchDoc.Index.settings)
    index.document(SearchDoc)
    return index


class ElasticsearchBackend(SearchBackend):
    def __init__(self, *, client: Elasticsearch | None = None, alias: str | None = None, **options):
        self.alias = alias or settings.SEARCH_ELASTICSEARCH_INDEX
        url = settings.SEARCH_ELASTICSEARCH_URL or "http://127.0.0.1:9200"
        self.client = client or Elasticsearch(url, **options)

    # --- index management ---------------------------------------------------------------------

    def _indices_behind_alias(self) -> list[str]:
        try:
            return sorted(self.client.indices.get_alias(name=self.alias).body.keys())
        except NotFoundError:
            return []

    def ensure_index(self) -> str:
        """The alias's index, creating a first one (and the alias) when there is none."""
        current = self._indices_behind_alias()
        if current:
            return current[0]
        name = new_index_name(self.alias)
        index_definition(name).create(using=self.client)
        self.client.indices.put_alias(index=name, name=self.alias)
        return name

    def _actions(self, index: str, documents: Iterable[IndexDocument]):
        for document in documents:
            yield {"_op_type": "index", "_index": index, "_id": document.key, **body_for(document)}

    def index(self, documents: Iterable[IndexDocument]) -> None:
        target = self.ensure_index()
        helpers.bulk(self.client, self._actions(target, documents), refresh="wait_for")

    def remove(self, keys: Iterable[str]) -> None:
        target = self.ensure_index()
        actions = [{"_op_type": "delete", "_index": target, "_id": key} for key in keys]
        helpers.bulk(self.client, actions, raise_on_error=False, refresh="wait_for")

    def rebuild(self, documents: Iterable[IndexDocument], *, progress: Progress) -> int:
        """Fill a new index, then move the alias to it in one ``update_aliases`` call (readers
        never see a half-built index) and drop the old ones."""
        old = self._indices_behind_alias()
        name = new_index_name(self.alias)
        index_definition(name).create(using=self.client)
        count = 0
        for ok, _item in helpers.streaming_bulk(
            self.client, self._actions(name, documents), chunk_size=500
        ):
            if ok:
                count += 1
                progress(1)
        self.client.indices.refresh(index=name)
        actions = [{"remove": {"index": o, "alias": self.alias}} for o in old]
        actions.append({"add": {"index": name, "alias": self.alias}})
        self.client.indices.update_aliases(actions=actions)
        for o in old:
            self.client.indices.delete(index=o)
        return count

    def count(self) -> int:
        return Search(index=self.alias).using(self.client).count()

    # --- reading ------------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResults:
        response = build_search(self.alias, request).using(self.client).execute()
        return results_from_response(response, request)

    def autocomplete(self, prefix: str, *, limit: int = 8) -> list[Completion]:
        if len(prefix.strip()) < 2:
            return []
        response = build_autocomplete(self.alias, prefix, limit).using(self.client).execute()
        return [Completion(title=h.title, url=h.url, doc_type=h.doc_type) for h in response]


def results_from_response(response, request: SearchRequest) -> SearchResults:
    filters = request.active_filters
    hits = []
    for hit in response:
        highlight = getattr(hit.meta, "highlight", None)
        title = highlight.title[0] if highlight and "title" in highlight else hit.title
        fragments = []
        if highlight:
            fragments = list(highlight.to_dict().get("body", [])) or list(
                highlight.to_dict().get("fulltext", [])
            )
        snippet = fragments[0] if fragments else (hit.body or "")[:240]
        hits.append(
            Hit(
                key=hit.key,
                doc_type=hit.doc_type,
                object_id=hit.object_id,
                title=hit.title,
                url=hit.url,
                title_html=mark_fragment(title),
                snippet_html=mark_fragment(snippet),
                year=hit.year,
                regions=hit.region_names or "",
                price_class=hit.price_class or "",
                score=float(hit.meta.score or 0.0),
            )
        )
    facets = []
    if request.with_facets and "aggregations" in response.to_dict():
        for facet in FACETS:
            buckets = response.aggregations[facet]["values"]["buckets"]
            counts = {str(b["key"]): b["doc_count"] for b in buckets}
            facets.append(facet_from_counts(facet, counts, filters.get(facet)))
    total = response.hits.total.value
    suggestion = None
    if total == 0 and request.query.has_text and "suggest" in response.to_dict():
        words, changed = [], False
        for entry in response.suggest.did_you_mean:
            if entry.options:
                words.append(entry.options[0].text)
                changed = True
            else:
                words.append(entry.text)
        suggestion = " ".join(words) if changed else None
    return SearchResults(
        hits=tuple(hits),
        total=total,
        page=max(1, request.page),
        per_page=request.per_page,
        facets=tuple(facets),
        suggestion=suggestion,
    )
