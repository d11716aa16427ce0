"""The Elasticsearch backend without a server (issue #5): the mapping and the request bodies it
sends are checked against elasticsearch-dsl objects, and index/alias handling against a fake
node at the HTTP layer (elastic_transport), so the real client serialises every request.

NOT a test against a real cluster: tests/integration/test_search_backends.py runs the shared
behavioural suite on Elasticsearch when SEARCH_ELASTICSEARCH_URL is set.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node import NodeApiResponse
from elasticsearch import Elasticsearch
from elasticsearch_dsl import A, Q, Search

from search.backends import elasticsearch as es
from search.backends.base import IndexDocument, SearchRequest
from search.query import parse, synonym_groups

SYNONYMS = synonym_groups(["IPM, Indeks Pembangunan Manusia"])


class FakeNode(BaseNode):
    """Answers like Elasticsearch 8 and records (method, path, body) of every request."""

    requests: list[tuple[str, str, object]] = []
    aliases: dict[str, list[str]] = {}

    def perform_request(self, method, target, body=None, headers=None, request_timeout=None):
        path = target.split("?")[0]
        if body:
            text = body.decode()
            parsed = (
                [json.loads(line) for line in text.splitlines() if line]
                if path.endswith("_bulk")
                else json.loads(text)
            )
        else:
            parsed = None
        FakeNode.requests.append((method, path, parsed))
        status, payload = 200, {"acknowledged": True}
        if method == "GET" and path.startswith("/_alias/"):
            alias = path.rsplit("/", 1)[1]
            if alias in FakeNode.aliases:
                payload = {i: {"aliases": {alias: {}}} for i in FakeNode.aliases[alias]}
            else:
                status, payload = 404, {"error": "alias missing", "status": 404}
        elif path.endswith("_bulk"):
            items = [
                {list(line)[0]: {"_id": line[list(line)[0]]["_id"], "status": 200}}
                for line in parsed
                if list(line)[0] in ("index", "delete")
            ]
            payload = {"errors": False, "took": 1, "items": items}
        meta = ApiResponseMeta(
            status=status,
            http_version="1.1",
            headers=HttpHeaders(
                {"content-type": "application/json", "x-elastic-product": "Elasticsearch"}
            ),
            duration=0.0,
            node=self.config,
        )
        return NodeApiResponse(meta, json.dumps(payload).encode())


@pytest.fixture
def client():
    FakeNode.requests = []
    FakeNode.aliases = {}
    return Elasticsearch("http://es.test:9200", node_class=FakeNode)


def document(key="publication:1", title="Indeks Pembangunan Manusia 2024"):
    return IndexDocument(
        key=key,
        doc_type="publikasi",
        object_id=1,
        title=title,
        url="/pustaka/ipm-2024/",
        body="Umur harapan hidup.",
        year=2024,
        regions=(("7315", "Pinrang"), ("7300", "Sulawesi Selatan")),
        subjects=(("pembangunan-manusia", "Pembangunan Manusia"),),
    )


def test_mapping_uses_the_indonesian_analyzer_with_folding():
    body = es.index_definition("pst-search-x").to_dict()
    analysis = body["settings"]["analysis"]
    assert analysis["analyzer"]["pst_indonesian"]["filter"] == [
        "lowercase",
        "asciifolding",
        "pst_indonesian_stop",
        "pst_indonesian_stemmer",
    ]
    assert analysis["filter"]["pst_indonesian_stemmer"] == {
        "type": "stemmer",
        "language": "indonesian",
    }
    properties = body["mappings"]["properties"]
    assert properties["title"]["analyzer"] == "pst_indonesian"
    assert properties["title"]["fields"]["complete"]["type"] == "search_as_you_type"
    for keyword in ("doc_type", "regions", "subjects", "price_class", "frequency"):
        assert properties[keyword]["type"] == "keyword"
    assert properties["year"]["type"] == "integer"


def test_search_body_with_synonyms_phrase_filters_and_facets():
    request = SearchRequest(
        query=parse('IPM "harapan hidup"', SYNONYMS),
        filters={"year": "2024", "region": "7300"},
        page=2,
        per_page=10,
    )
    body = es.build_search("pst-search", request).to_dict()

    fields = es.TEXT_FIELDS
    expected_query = Q(
        "bool",
        must=[
            Q(
                "bool",
                should=[
                    Q("multi_match", query="ipm", fields=fields),
                    Q(
                        "multi_match",
                        query="indeks pembangunan manusia",
                        fields=fields,
                        type="phrase",
                    ),
                ],
            ),
            Q("multi_match", query="harapan hidup", fields=fields, type="phrase"),
        ],
    )
    expected = Search(index="pst-search").query(expected_query)
    expected = expected.post_filter(
        Q("bool", filter=[Q("term", year=2024), Q("term", regions="7300")])
    )
    assert body["query"] == expected.to_dict()["query"]
    assert body["post_filter"] == expected.to_dict()["post_filter"]
    assert body["from"] == 10 and body["size"] == 10
    assert body["track_total_hits"] is True
    # each facet counts with every other filter, not its own
    year_agg = A("filter", filter=Q("bool", filter=[Q("term", regions="7300")]))
    year_agg.bucket("values", "terms", field="year", size=200)
    assert body["aggs"]["year"] == year_agg.to_dict()
    type_agg = A(
        "filter", filter=Q("bool", filter=[Q("term", year=2024), Q("term", regions="7300")])
    )
    type_agg.bucket("values", "terms", field="doc_type", size=200)
    assert body["aggs"]["type"] == type_agg.to_dict()
    assert body["highlight"]["pre_tags"] == ["<mark>"]
    assert body["suggest"]["did_you_mean"]["term"]["field"] == "suggest_words"


def test_browse_without_words_sorts_newest_first():
    body = es.build_search(
        "pst-search", SearchRequest(query=parse(""), filters={"type": "peta-wks"})
    ).to_dict()
    assert body["query"] == Q("match_all").to_dict()
    assert body["sort"] == [{"date": {"order": "desc"}}, "title.raw"]


def test_autocomplete_body():
    body = es.build_autocomplete("pst-search", "indeks pem", 8).to_dict()
    assert (
        body["query"]
        == Q(
            "multi_match",
            query="indeks pem",
            type="bool_prefix",
            fields=["title.complete", "title.complete._2gram", "title.complete._3gram"],
        ).to_dict()
    )
    assert body["size"] == 8


def test_index_name_is_alias_plus_timestamp():
    now = datetime(2026, 11, 21, 8, 30, 5, 123456, tzinfo=UTC)
    assert es.new_index_name("pst-search", now) == "pst-search-20261121083005123456"


def test_first_index_creates_index_and_alias(client, settings):
    backend = es.ElasticsearchBackend(client=client, alias="pst-search")
    backend.index([document()])
    methods = [(m, p) for m, p, _ in FakeNode.requests]
    created = next(p for m, p in methods if m == "PUT" and p.count("/") == 1)
    name = created.lstrip("/")
    assert name.startswith("pst-search-")
    assert ("PUT", f"/{name}/_alias/pst-search") in methods
    bulk = next(b for m, p, b in FakeNode.requests if p.endswith("_bulk"))
    assert bulk[0] == {"index": {"_index": name, "_id": "publication:1"}}
    assert bulk[1]["regions"] == ["7315", "7300"]
    assert bulk[1]["subjects"] == ["pembangunan-manusia"]


def test_rebuild_swaps_the_alias_atomically_and_drops_old_indices(client):
    FakeNode.aliases = {"pst-search": ["pst-search-old"]}
    backend = es.ElasticsearchBackend(client=client, alias="pst-search")
    count = backend.rebuild(
        [document(), document(key="product:2", title="Peta WKS")], progress=lambda n: None
    )
    assert count == 2
    alias_update = next(b for m, p, b in FakeNode.requests if p == "/_aliases")
    new = alias_update["actions"][1]["add"]["index"]
    assert alias_update["actions"] == [
        {"remove": {"index": "pst-search-old", "alias": "pst-search"}},
        {"add": {"index": new, "alias": "pst-search"}},
    ]
    order = [(m, p) for m, p, _ in FakeNode.requests]
    assert order.index(("PUT", f"/{new}")) < order.index(("POST", "/_aliases"))
    assert order.index(("POST", "/_aliases")) < order.index(("DELETE", "/pst-search-old"))
