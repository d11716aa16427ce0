"""The search box's syntax (search/query.py), documented in docs/search.md."""

import pytest

from search.query import MAX_GROUPS, MAX_QUERY_CHARS, TermGroup, parse, synonym_groups

SYNONYMS = synonym_groups(
    ["Susenas, Survei Sosial Ekonomi Nasional", "IPM, Indeks Pembangunan Manusia"]
)


def alternatives(query):
    return [g.alternatives for g in query.groups]


@pytest.mark.parametrize(
    ("raw", "groups", "filters"),
    [
        ("kemiskinan", [(("kemiskinan",),)], {}),
        ("Kemiskinan  Pinrang", [(("kemiskinan",),), (("pinrang",),)], {}),
        ('"angkatan kerja" 2024', [(("angkatan", "kerja"),), (("2024",),)], {}),
        (
            "kemiskinan tahun:2024 wilayah:7300",
            [(("kemiskinan",),)],
            {"year": "2024", "region": "7300"},
        ),
        ("wilayah:73", [], {"region": "7300"}),  # a two-digit province code
        ("jenis:peta-wks harga:gratis", [], {"type": "peta-wks", "price": "gratis"}),
        ("tahun:abcd", [], {}),  # not a year: dropped, never an error
        ("kota:makassar", [(("kota", "makassar"),)], {}),  # unknown key: plain text
        ("3205015.7300", [(("3205015", "7300"),)], {}),  # identifier: a phrase
        ("dan", [(("dan",),)], {}),  # only a function word: kept
        ("kemiskinan dan pengangguran", [(("kemiskinan",),), (("pengangguran",),)], {}),
    ],
)
def test_parse(raw, groups, filters):
    query = parse(raw)
    assert alternatives(query) == groups
    assert query.filters == filters


def test_unbalanced_quote_is_ignored():
    assert alternatives(parse('kemiskinan "pinrang')) == [(("kemiskinan",),), (("pinrang",),)]


@pytest.mark.parametrize("raw", ['" * NEAR - : ( )', "'; DROP TABLE x; --", "a*b NEAR(c d)"])
def test_syntax_characters_become_plain_words(raw):
    for group in parse(raw).groups:
        for alternative in group.alternatives:
            assert all(word.isalnum() for word in alternative)


def test_long_input_is_cut():
    query = parse(" ".join(["kata"] * 5000))
    assert len(query.groups) <= MAX_GROUPS
    assert len(parse("x" * 5000).groups[0].alternatives[0][0]) <= MAX_QUERY_CHARS


def test_synonym_acronym_expands_to_the_full_name():
    query = parse("susenas 2023", SYNONYMS)
    assert query.groups[0] == TermGroup(
        alternatives=(("susenas",), ("survei", "sosial", "ekonomi", "nasional"))
    )


def test_synonym_full_name_collapses_to_one_group():
    query = parse("Survei Sosial Ekonomi Nasional Maret", SYNONYMS)
    assert query.groups[0].alternatives == (
        ("survei", "sosial", "ekonomi", "nasional"),
        ("susenas",),
    )
    assert query.groups[1].alternatives == (("maret",),)


def test_quoted_phrase_gets_no_synonyms():
    assert parse('"susenas"', SYNONYMS).groups[0] == TermGroup(
        alternatives=(("susenas",),), exact=True
    )


def test_synonym_groups_need_two_terms():
    assert synonym_groups(["Susenas", " , ", "A = B; C"]) == [(("a",), ("b",), ("c",))]
