"""The facet snapshot counts exactly what reading every matching row would count (issue #5:
"facets … combining facets narrows correctly; counts are exact")."""

from __future__ import annotations

from collections import Counter

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from search import facetindex
from search.backends.base import FACETS

TYPES = ("publikasi", "data-mikro", "peta-wks")
REGIONS = ("7300", "7315", "7371", "3200", "3273", "0000")
SUBJECTS = ("kemiskinan", "harga", "pariwisata-dan-hotel")

documents = st.lists(
    st.tuples(
        st.sampled_from(TYPES),
        st.one_of(st.none(), st.integers(2018, 2026)),
        st.sampled_from(("", "tahunan", "bulanan")),
        st.sampled_from(("gratis", "berbayar")),
        st.lists(st.sampled_from(REGIONS), max_size=3),
        st.lists(st.sampled_from(SUBJECTS), max_size=2),
    ),
    max_size=40,
)
filter_values = {
    "type": st.sampled_from((*TYPES, "tidak-ada")),
    "year": st.sampled_from(("2020", "2024", "1999")),
    "frequency": st.sampled_from(("tahunan", "bulanan")),
    "price": st.sampled_from(("gratis", "berbayar")),
    "region": st.sampled_from(REGIONS),
    "subject": st.sampled_from(SUBJECTS),
}
filters = st.fixed_dictionaries({}, optional=filter_values)


def _rows(docs):
    # Ids with gaps, as after deletions: id = 3 * i + 5.
    return [
        (3 * i + 5, 20200101 + i, t, y, f, p, regions, subjects)
        for i, (t, y, f, p, regions, subjects) in enumerate(docs)
    ]


def _values(row, facet) -> list[str]:
    _, _, t, y, f, p, regions, subjects = row
    single = {"type": t, "year": y, "frequency": f, "price": p}
    if facet in single:
        value = single[facet]
        return [] if value in (None, "") else [str(value)]
    return list(dict.fromkeys(regions if facet == "region" else subjects))


def _reference(rows, chosen, selected):
    """What reading every row would give: the rows passing every filter, and each facet
    counted over the rows passing every filter but its own."""
    rows = [r for r in rows if r[0] in chosen]

    def passes(row, skip=None):
        return all(v in _values(row, f) for f, v in selected.items() if f != skip)

    passing = [r[0] for r in rows if passes(r)]
    counts = {
        facet: dict(Counter(v for r in rows if passes(r, skip=facet) for v in _values(r, facet)))
        for facet in FACETS
    }
    return passing, counts


@settings(max_examples=150, deadline=None)
@given(docs=documents, selected=filters, data=st.data())
def test_counts_equal_reading_every_row(docs, selected, data):
    rows = _rows(docs)
    snapshot = facetindex.build("v1", rows)
    ids = [r[0] for r in rows]
    chosen = data.draw(st.lists(st.sampled_from(ids), unique=True) if ids else st.just([]))
    positions = snapshot.positions(chosen + [999_999])  # an id the snapshot does not hold
    passing, counts = facetindex.filter_and_count(snapshot, positions, selected)
    expected_passing, expected_counts = _reference(rows, set(chosen), selected)
    assert sorted(snapshot.ids[passing].tolist()) == sorted(expected_passing)
    assert counts == expected_counts


def test_gather_concatenates_rows_in_order():
    indptr = np.array([0, 2, 2, 5, 6])
    data = np.array([10, 11, 20, 21, 22, 30])
    assert facetindex.gather(indptr, data, np.array([3, 0, 2])).tolist() == [30, 10, 11, 20, 21, 22]
    assert facetindex.gather(indptr, data, np.array([1])).tolist() == []


def test_browsing_is_newest_first_then_lowest_id():
    rows = [
        (1, 20240101, "publikasi", 2024, "", "gratis", [], []),
        (2, 20250101, "publikasi", 2025, "", "gratis", [], []),
        (3, 20250101, "publikasi", 2025, "", "gratis", [], []),
        (4, 0, "data-mikro", None, "", "berbayar", [], []),
    ]
    snapshot = facetindex.build("v", rows)
    top = facetindex.newest_first(snapshot, snapshot.all_positions(), 3)
    assert snapshot.ids[top].tolist() == [2, 3, 1]


def test_cache_reloads_only_when_the_version_changes():
    cache = facetindex.SnapshotCache()
    loads = []

    def loader(version):
        def load():
            loads.append(version)
            return facetindex.build(version, [])

        return load

    cache.get("db", "a", loader("a"))
    cache.get("db", "a", loader("a"))
    cache.get("db", "b", loader("b"))
    cache.get("other", "b", loader("b"))
    assert loads == ["a", "b", "b"]
