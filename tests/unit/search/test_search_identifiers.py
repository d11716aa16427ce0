"""The ways a reader types a publication's numbers (issue #21, search.documents)."""

import pytest

from search.documents import identifier_forms


@pytest.mark.parametrize(
    ("katalog", "nomor", "region", "forms"),
    [
        ("1102001.3209060", "", "3209", ["1102001.3209060", "11020013209060"]),
        ("1102001", "", "3209", ["1102001", "1102001.3209"]),  # suffix left out in the record
        ("1102001", "", "3200", ["1102001", "1102001.32"]),  # a province: two digits
        ("1101001", "03200.2402", "0000", ["1101001", "03200.2402", "032002402"]),
        ("", "73000.24006", "7300", ["73000.24006", "7300024006"]),
        ("", "", "3209", []),
    ],
)
def test_identifier_forms(katalog, nomor, region, forms):
    assert identifier_forms(katalog, nomor, region) == forms
