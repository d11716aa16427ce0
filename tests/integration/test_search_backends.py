"""The behavioural suite both search backends must pass (issue #5): relevance order, facets,
highlighting, stemming, synonyms, suggestions, draft/scheduled exclusion.

The database backend runs on whatever database the test run uses (SQLite FTS5 here, PostgreSQL
tsvector in the postgres phase). The Elasticsearch backend needs a real server: set
``SEARCH_ELASTICSEARCH_URL`` to run it; otherwise its parameter is skipped with that reason.
"""

from __future__ import annotations

import os

import pytest

from search import services
from search.backends import get_backend
from search.backends.base import SearchRequest
from search.query import parse
from search.selectors import search_page, synonyms
from tests.factories.search import build_catalogue

ES_URL = os.environ.get("SEARCH_ELASTICSEARCH_URL", "")

BACKENDS = [
    pytest.param("database", id="database"),
    pytest.param(
        "elasticsearch",
        id="elasticsearch",
        marks=pytest.mark.skipif(
            not ES_URL,
            reason="no Elasticsearch server: set SEARCH_ELASTICSEARCH_URL to run this backend",
        ),
    ),
]


@pytest.fixture(params=BACKENDS)
def catalogue(request, db, settings):
    settings.SEARCH_BACKEND = request.param
    settings.SEARCH_ELASTICSEARCH_URL = ES_URL
    settings.SEARCH_ELASTICSEARCH_INDEX = f"pst-search-test-{os.getpid()}"
    data = build_catalogue()
    services.search_reindex()
    return data


def run(text: str, **filters):
    return get_backend().search(
        SearchRequest(query=parse(text, synonyms()), filters=filters, per_page=50)
    )


def keys(results) -> list[str]:
    return [hit.key for hit in results.hits]


def key(obj) -> str:
    return f"publication:{obj.pk}" if hasattr(obj, "release_date") else f"product:{obj.pk}"


def test_title_match_ranks_above_abstract_match(catalogue):
    results = run("kemiskinan")
    assert keys(results)[0] == key(catalogue.poverty)
    assert key(catalogue.labour) in keys(results)  # only in the abstract: found, ranked lower
    assert keys(results).index(key(catalogue.labour)) > 0


def test_draft_scheduled_and_hidden_products_never_appear(catalogue):
    found = keys(run("kemiskinan"))
    assert key(catalogue.scheduled) not in found
    assert key(catalogue.draft) not in found
    assert key(catalogue.hidden) not in found
    assert run("terjadwal").total == 0


def test_stemming_finds_inflected_forms(catalogue):
    """ "miskin" (root) finds "Kemiskinan" (ke-…-an) and "penduduk miskin"."""
    assert key(catalogue.poverty) in keys(run("miskin"))
    assert key(catalogue.grdp) in keys(run("tumbuh"))  # "Pertumbuhan"


def test_case_and_accent_folding(catalogue):
    assert keys(run("KÉMISKINAN")) == keys(run("kemiskinan"))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Susenas", "susenas"),  # acronym finds the product spelled out in full
        ("IPM", "hdi"),
        ("Sakernas", "labour"),
        ("PDRB", "grdp"),
    ],
)
def test_synonyms_from_the_librarians_list(catalogue, typed, expected):
    assert key(getattr(catalogue, expected)) in keys(run(typed))


def test_synonyms_work_both_ways(catalogue):
    """The poverty abstract says "Susenas"; the long name finds it too."""
    assert key(catalogue.poverty) in keys(run("Survei Sosial Ekonomi Nasional"))


def test_exact_phrase_in_quotes(catalogue):
    assert keys(run('"angkatan kerja"')) == [key(catalogue.labour)]
    assert run('"kerja angkatan"').total == 0


def test_filter_syntax_year_and_region(catalogue):
    assert keys(run("kemiskinan tahun:2024 wilayah:7300")) == [key(catalogue.poverty)]
    # a province filter includes its regencies and cities
    in_province = set(keys(run("", region="7300")))
    assert {key(catalogue.poverty), key(catalogue.hdi), key(catalogue.grdp)} <= in_province
    assert key(catalogue.wks) in in_province
    assert key(catalogue.labour) not in in_province


def test_facet_counts_are_exact_and_combine(catalogue):
    results = run("statistik OR kabupaten")  # any broad query
    everything = run("", type="publikasi")
    for facet in everything.facets:
        for value in facet.values:
            filters = {"type": "publikasi", facet.name: value.value}
            assert run("", **filters).total == value.count, (facet.name, value.value)
    assert run("", type="publikasi", year="2024").total == 2  # poverty + labour
    narrowed = run("", type="publikasi", year="2024", price="gratis")
    assert keys(narrowed) == [key(catalogue.poverty)]
    assert results is not None


def test_facets_list_types_with_counts(catalogue):
    results = run("pinrang")
    types = {v.value: v.count for f in results.facets if f.name == "type" for v in f.values}
    assert types == {"publikasi": 1, "peta-wks": 1}


def test_highlighting_marks_matching_words(catalogue):
    hit = run("kemiskinan").hits[0]
    assert "<mark>Kemiskinan</mark>" in hit.title_html
    labour = next(h for h in run("miskin").hits if h.key == key(catalogue.labour))
    assert "<mark>kemiskinan</mark>" in labour.snippet_html


def test_did_you_mean_for_misspelt_words(catalogue):
    results = run("kemiskinn")
    assert results.total == 0
    assert results.suggestion == "kemiskinan"
    assert run("kemiskinan").suggestion is None


def test_autocomplete_titles_as_you_type(catalogue):
    titles = [c.title for c in get_backend().autocomplete("indeks pemb")]
    assert titles == ["Indeks Pembangunan Manusia Kabupaten Pinrang 2023"]
    assert get_backend().autocomplete("k") == []


def test_katalog_number_finds_its_publication(catalogue):
    assert keys(run("3205015.7300")) == [key(catalogue.poverty)]


def test_pagination(catalogue):
    first = get_backend().search(
        SearchRequest(query=parse(""), filters={"price": "gratis"}, page=1, per_page=2)
    )
    second = get_backend().search(
        SearchRequest(query=parse(""), filters={"price": "gratis"}, page=2, per_page=2)
    )
    assert first.total == second.total >= 3
    assert not set(keys(first)) & set(keys(second))
    assert first.has_next and second.has_previous


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "x" * 5000,
        'kemiskinan "pembangunan',
        '" * NEAR - : ( ) AND OR NOT',
        "'; DROP TABLE search_searchdocument; --",
        "kemiskinan*",
        "NEAR(kemiskinan pinrang)",
        "tahun:abcd wilayah:zz jenis:tidak-ada",
    ],
)
def test_bad_input_never_errors(catalogue, raw):
    found = search_page(raw=raw, params={"jenis": "bukan-jenis", "tahun": "20x4"})
    assert found.results is None or found.results.total >= 0
