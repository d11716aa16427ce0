"""The tariff's English rendering (issue #17) agrees with the schedule's Indonesian wording and
reads every detail and reason a quote records; Indonesian shows the stored text unchanged."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.utils import translation

from shop.pricing import tariff_wording as wording
from shop.pricing import tariffs

ON = date(2025, 1, 15)


def test_the_indonesian_of_each_label_is_the_schedules_exact_wording():
    items = tariffs.PP_13_2024.items
    assert {item.code for item in items} == set(wording.LINE_LABELS) == set(wording.UNIT_LABELS)
    with translation.override("id"):
        assert {item.code: item.description for item in items} == {
            code: str(label) for code, label in wording.LINE_LABELS.items()
        }
        assert {item.code: item.unit for item in items} == {
            code: str(label) for code, label in wording.UNIT_LABELS.items()
        }
        assert {s: s.label for s in tariffs.Segment} == {
            s: str(label) for s, label in wording.SEGMENT_LABELS.items()
        }


def _every_reason():
    reasons = {
        tariffs.price_class_for(
            segment, purpose_non_commercial=nc, has_cover_letter=letter, item_is_free_library=free
        )[1]
        for segment in tariffs.Segment
        for nc in (True, False)
        for letter in (True, False)
        for free in (True, False)
    }
    for price_class in tariffs.PriceClass:
        q = tariffs.quote([tariffs.EpublicationRequest(pages=1)], on=ON, price_class=price_class)
        reasons.add(q.reason)
    return sorted(reasons)


@pytest.mark.parametrize("reason", _every_reason())
def test_every_reason_a_quote_records_is_said_in_english(reason):
    with translation.override("en"):
        english = wording.quote_reason(reason)
    assert english != reason
    assert not any(word in english for word in ("Segmen", "dikenai", "sebelumnya", "Tarif "))
    with translation.override("id"):
        assert wording.quote_reason(reason) == reason


def test_details_are_read_back_with_english_numbers_and_plurals():
    q = tariffs.quote(
        [
            tariffs.EpublicationRequest(pages=120, label="Statistik: Daerah"),
            tariffs.EpublicationRequest(pages=30),
            tariffs.MicrodataRequest(size_bytes=2_345_678, label="Sakernas (pilihan)"),
            tariffs.MicrodataRequest(size_bytes=1_500_000, with_processing=True, tables=1),
            tariffs.WksMapRequest(kind=tariffs.WksMapKind.KABKOTA_DESA, count=2),
            tariffs.WksMapRequest(kind=tariffs.WksMapKind.NATIONAL_DESA, count=1),
        ],
        on=ON,
    )
    with translation.override("en"):
        details = list(dict.fromkeys(wording.line_detail(line) for line in q.lines))
        descriptions = {wording.line_description(line) for line in q.lines}
    assert details == [
        "Statistik: Daerah: 120 pages = 3 blocks",
        "30 pages = 1 block",
        "Sakernas (selection): 2,345,678 bytes",
        "1,500,000 bytes x 1 table",
        "2 maps",
        "1 map",
    ]
    assert "E-publication, each further 50 pages" in descriptions
    with translation.override("id"):
        assert [wording.line_detail(line) for line in q.lines] == [line.detail for line in q.lines]
        assert [wording.line_description(line) for line in q.lines] == [
            line.description for line in q.lines
        ]


def test_a_text_it_cannot_read_is_shown_as_stored():
    line = SimpleNamespace(
        code="OLD_CODE", description="Produk lama", detail="catatan: tanpa angka", unit="per x"
    )
    with translation.override("en"):
        assert wording.line_description(line) == "Produk lama"
        assert wording.line_detail(line) == "catatan: tanpa angka"
        assert wording.line_unit(line) == "per x"
        assert wording.quote_reason("Segmen tamu dikenai tarif PNBP; x") == (
            "Segmen tamu dikenai tarif PNBP; x"
        )
        assert wording.line_detail(SimpleNamespace(detail="abc halaman = 3 blok")) == (
            "abc halaman = 3 blok"
        )
