"""Contract of the Elasticsearch backend without a server (issue #22): the real client
(elasticsearch-py 8 over elastic_transport) talks to a scripted node that checks each request
it is sent (method, path, headers, body) and answers with a recorded Elasticsearch 8 response
(tests/data/elasticsearch/*.json, shaped exactly as a cluster answers). What the backend makes
of those answers is then checked as the search page would show it: hits, highlighted titles
and snippets, facet counts, "did you mean", autocomplete.

What this does NOT prove: that a real cluster ranks, stems or counts the same way. That is
the shared behavioural suite run against one:
``SEARCH_ELASTICSEARCH_URL=http://… pytest tests/integration/test_search_backends.py``
(docs/operations.md, "Elasticsearch")."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node import NodeApiResponse
from elasticsearch import Elasticsearch

from search.backends import elasticsearch as es
from search.backends.base import FACETS, IndexDocument, SearchRequest
from search.query import parse

pytestmark = pytest.mark.django_db

RECORDED = Path(__file__).resolve().parents[1] / "data" / "elasticsearch"
COMPATIBLE = "application/vnd.elasticsearch+json; compatible-with=8"


@dataclass
class Exchange:
    method: str
    path: str  # a regular expression the whole path must match
    answer: str  # a file in tests/data/elasticsearch/
    check: Callable[[object], None] = lambda body: None
    status: int = 200


class ScriptedNode(BaseNode):
    """Expects the exchanges of ``script`` in order; fails the test on any other request."""

    script: list[Exchange] = []
    seen: list[tuple[str, str, object]] = []

    def perform_request(self, method, target, body=None, headers=None, request_timeout=None):
        path = target.split("?")[0]
        parsed = None
        if body:
            text = body.decode()
            lines = [json.loads(line) for line in text.splitlines() if line]
            parsed = lines if path.endswith("_bulk") else lines[0]
        ScriptedNode.seen.append((method, path, parsed))
        assert ScriptedNode.script, f"unexpected request {method} {path}"
        expected = ScriptedNode.script.pop(0)
        assert method == expected.method and re.fullmatch(expected.path, path), (method, path)
        # The 8.x client asks for the version-8 compatible media type on every request.
        assert headers["accept"] == COMPATIBLE
        if body:
            assert headers["content-type"] in (COMPATIBLE, COMPATIBLE.replace("json", "x-ndjson"))
        expected.check(parsed)
        meta = ApiResponseMeta(
            status=expected.status,
            http_version="1.1",
            headers=HttpHeaders({"content-type": COMPATIBLE, "x-elastic-product": "Elasticsearch"}),
            duration=0.0,
            node=self.config,
        )
        return NodeApiResponse(meta, (RECORDED / expected.answer).read_bytes())


@pytest.fixture
def backend():
    ScriptedNode.script = []
    ScriptedNode.seen = []
    client = Elasticsearch("http://es.test:9200", node_class=ScriptedNode)
    yield es.ElasticsearchBackend(client=client, alias="pst-search")
    assert ScriptedNode.script == [], "expected requests were never sent"


def test_search_sends_the_dsl_body_and_reads_hits_highlights_and_facets(backend):
    request = SearchRequest(query=parse("inflasi"), filters={"year": "2024"})
    expected_body = es.build_search("pst-search", request).to_dict()

    def check(body):
        assert body == expected_body  # exactly what elasticsearch-dsl built, nothing lost
        assert set(body["aggs"]) == set(FACETS)
        assert body["post_filter"] == {"bool": {"filter": [{"term": {"year": 2024}}]}}

    ScriptedNode.script = [
        Exchange("POST", "/pst-search/_search", "search_inflasi_2024.json", check)
    ]
    results = backend.search(request)

    assert results.total == 2
    first, second = results.hits
    assert (first.key, first.object_id, first.year) == ("publikasi:17", 17, 2024)
    assert first.title == "Inflasi Kabupaten Pinrang 2024"
    assert first.title_html == "<mark>Inflasi</mark> Kabupaten Pinrang 2024"
    assert "<mark>inflasi</mark> bulanan" in first.snippet_html
    assert first.regions == "Pinrang" and first.score == pytest.approx(14.82)
    # No highlight in the body: the PDF text's fragment is the snippet.
    assert second.snippet_html == "laju <mark>inflasi</mark> tahun kalender 2024 sebesar 1,9 persen"
    assert second.title_html == "Statistik Harga Konsumen Sulawesi Selatan 2024"
    facets = {facet.name: facet for facet in results.facets}
    assert list(facets) == list(FACETS)
    years = {v.value: (v.count, v.selected) for v in facets["year"].values}
    assert years == {"2024": (2, True), "2023": (3, False)}
    prices = {v.value: v.count for v in facets["price"].values}
    assert prices == {"gratis": 1, "berbayar": 1}
    assert results.suggestion is None  # hits found: no "did you mean"


def test_no_hits_offers_the_term_suggesters_correction(backend):
    request = SearchRequest(query=parse("inflsi pinrang"))
    ScriptedNode.script = [
        Exchange(
            "POST",
            "/pst-search/_search",
            "search_misspelt.json",
            lambda body: (
                body["suggest"]["did_you_mean"]
                == {"text": "inflsi pinrang", "term": {"field": "suggest_words"}}
                or pytest.fail(body["suggest"])
            ),
        )
    ]
    results = backend.search(request)
    assert results.total == 0 and results.hits == ()
    assert results.suggestion == "inflasi pinrang"  # the unchanged word kept as typed


def test_autocomplete_asks_for_three_fields_and_reads_them(backend):
    def check(body):
        assert body == es.build_autocomplete("pst-search", "indeks pem", 8).to_dict()
        assert body["_source"] == ["title", "url", "doc_type"]

    ScriptedNode.script = [
        Exchange("POST", "/pst-search/_search", "autocomplete_indeks_pem.json", check)
    ]
    completions = backend.autocomplete("indeks pem")
    assert [(c.title, c.url) for c in completions] == [
        ("Indeks Pembangunan Manusia 2024", "/pustaka/ipm-2024/"),
        ("Indeks Pembangunan Gender 2023", "/pustaka/ipg-2023/"),
    ]


def test_first_index_on_an_empty_cluster_sends_the_mapping_then_the_alias_then_bulk(backend):
    documents = [
        IndexDocument(
            key="publikasi:17",
            doc_type="publikasi",
            object_id=17,
            title="Inflasi Kabupaten Pinrang 2024",
            url="/pustaka/inflasi-kabupaten-pinrang-2024/",
            year=2024,
            regions=(("7315", "Pinrang"),),
            subjects=(("harga-inflasi", "Harga dan Inflasi"),),
        ),
        IndexDocument(
            key="publikasi:21",
            doc_type="publikasi",
            object_id=21,
            title="Statistik Harga Konsumen Sulawesi Selatan 2024",
            url="/pustaka/shk-2024/",
            year=2024,
            regions=(("7300", "Sulawesi Selatan"),),
        ),
    ]
    index = r"/pst-search-\d{20}"  # named by the moment it is made

    def mapping(body):
        assert body == es.index_definition("any").to_dict()
        analyzer = body["settings"]["analysis"]["analyzer"]["pst_indonesian"]
        assert "pst_indonesian_stemmer" in analyzer["filter"]

    def bulk(lines):
        actions, sources = lines[0::2], lines[1::2]
        assert [a["index"]["_id"] for a in actions] == ["publikasi:17", "publikasi:21"]
        created = ScriptedNode.seen[1][1]  # the index the PUT created
        assert {"/" + a["index"]["_index"] for a in actions} == {created}
        assert sources[0]["regions"] == ["7315"] and sources[0]["subjects"] == ["harga-inflasi"]
        assert sources[0]["meta"].endswith("Harga dan Inflasi")

    ScriptedNode.script = [
        Exchange("GET", "/_alias/pst-search", "alias_missing.json", status=404),
        Exchange("PUT", index, "create_index.json", mapping),
        Exchange("PUT", index + "/_alias/pst-search", "put_alias.json"),
        Exchange("PUT", "/_bulk", "bulk_two.json", bulk),
    ]
    backend.index(documents)
    assert ScriptedNode.seen[2][1] == ScriptedNode.seen[1][1] + "/_alias/pst-search"
