"""The quoted size of a microdata selection is the size of the delivered file (issue #6):
``subset_size_bytes`` and ``cut_microdata`` share one layout (catalogue/microdata.py)."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from catalogue.microdata import (
    MicrodataLayoutError,
    cut_microdata,
    parse_master_line,
    record_bytes,
    subset_size_bytes,
)
from demo import shop_data


@pytest.mark.parametrize(
    ("records", "widths", "size"),
    [
        pytest.param(1, [4], 5, id="one field: width + newline"),
        pytest.param(10, [4, 1, 2], 10 * (7 + 3), id="widths plus one separator per field"),
        pytest.param(0, [4, 1], 0, id="no records in the chosen regions"),
        pytest.param(40_000, [4, 1, 2, 9, 10], 1_240_000, id="test codebook, full set"),
    ],
)
def test_subset_size(records, widths, size):
    assert subset_size_bytes(records, widths) == size


@pytest.mark.parametrize("widths", [[0], [-1], [1.5], [True]])
def test_a_width_must_be_a_positive_int(widths):
    with pytest.raises(ValueError):
        record_bytes(widths)


def test_negative_record_count_refused():
    with pytest.raises(ValueError):
        subset_size_bytes(-1, [1])


@pytest.mark.parametrize(
    ("variables", "regions"),
    [
        pytest.param(None, None, id="full set"),
        pytest.param(["B4K4", "B4K5", "B7R2", "WEIGHT"], None, id="some variables"),
        pytest.param(None, 3, id="some regions"),
        pytest.param(["region_code", "B7R12"], 1, id="variables and one region"),
    ],
)
def test_cut_file_has_exactly_the_estimated_size(variables, regions):
    dataset = next(d for d in shop_data.demo_microdata() if d.acronym == "Sakernas")
    rows = list(shop_data.generate_microdata_rows(dataset, random.Random(7), 2_000))
    chosen = dataset.variables if variables is None else [dataset.variable(n) for n in variables]
    selection = [(v.name, v.width) for v in chosen]
    region_codes = None if regions is None else dataset.region_codes[:regions]
    per_region = Counter(row["region_code"] for row in rows)
    records = sum(per_region[c] for c in (region_codes or per_region))

    delivered = b"".join(
        cut_microdata(rows, variables=selection, regions=region_codes, region_field="region_code")
    )

    assert len(delivered) == subset_size_bytes(records, [w for _, w in selection])
    assert delivered.count(b"\n") == records


def test_master_lines_round_trip_even_with_commas_in_values():
    layout = [("A", 3), ("NAME", 12), ("B", 1)]
    line = b"001,TAHU, TEMPE ,7\n"
    row = parse_master_line(line, layout)
    assert row == {"A": "001", "NAME": "TAHU, TEMPE ", "B": "7"}
    assert b"".join(cut_microdata([row], variables=layout, regions=None, region_field="A")) == line


def test_a_master_value_of_the_wrong_width_is_refused():
    rows = [{"A": "1", "B": "x"}]
    with pytest.raises(MicrodataLayoutError):
        list(cut_microdata(rows, variables=[("A", 2)], regions=None, region_field="A"))
