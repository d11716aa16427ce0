"""PNBP tariff schedules and quotes; each row names the schedule line or rule it checks."""

from dataclasses import FrozenInstanceError
from datetime import date, datetime
from decimal import Decimal

import pytest

from shop.pricing.tariffs import (
    PP_7_2015,
    PP_13_2024,
    SCHEDULES,
    EpublicationRequest,
    InvalidRequest,
    MicrodataRequest,
    NoTariffInForce,
    PriceClass,
    ProductKind,
    Segment,
    TariffCode,
    TariffItem,
    TariffSchedule,
    WksMapKind,
    WksMapRequest,
    price_class_for,
    quote,
    schedule_in_force,
)

TODAY = date(2026, 11, 20)
MB = 1_000_000
C = TariffCode


def lines_of(q):
    """(code, units, unit price, amount) per line, the shape the tables below are written in."""
    return [(line.code, line.units, line.unit_price, line.amount) for line in q.lines]


# --- the schedule as data -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "unit", "price", "kind"),
    [
        pytest.param(
            C.EPUB_FIRST_50, "per 50 halaman", 50_000, ProductKind.PUBLIKASI_ELEKTRONIK,
            id="e-publication, first 50 pages: 50.000",
        ),
        pytest.param(
            C.EPUB_NEXT_50, "per 50 halaman", 15_000, ProductKind.PUBLIKASI_ELEKTRONIK,
            id="e-publication, each further 50 pages: 15.000",
        ),
        pytest.param(
            C.MICRODATA_FIRST_MB, "1 MB", 20_000, ProductKind.DATA_MIKRO,
            id="microdata no processing, first 1 MB: 20.000",
        ),
        pytest.param(
            C.MICRODATA_NEXT_1000B, "1.000 byte", 20, ProductKind.DATA_MIKRO,
            id="microdata no processing, each further 1.000 bytes: 20",
        ),
        pytest.param(
            C.MICRODATA_PROCESSED_FIRST_MB, "1 MB", 22_000, ProductKind.DATA_MIKRO,
            id="microdata with processing, first 1 MB: 22.000",
        ),
        pytest.param(
            C.MICRODATA_PROCESSED_NEXT_1000B, "1.000 byte", 22, ProductKind.DATA_MIKRO,
            id="microdata with processing, each further 1.000 bytes: 22",
        ),
        pytest.param(
            C.WKS_NATIONAL_KECAMATAN, "per peta", 12_000_000, ProductKind.PETA_WKS,
            id="WKS map Indonesia by kecamatan: 12.000.000",
        ),
        pytest.param(
            C.WKS_NATIONAL_DESA, "per peta", 36_000_000, ProductKind.PETA_WKS,
            id="WKS map Indonesia by desa: 36.000.000",
        ),
        pytest.param(
            C.WKS_KABKOTA_KECAMATAN, "per peta", 30_000, ProductKind.PETA_WKS,
            id="WKS map one kabupaten/kota by kecamatan: 30.000",
        ),
        pytest.param(
            C.WKS_KABKOTA_DESA, "per peta", 70_000, ProductKind.PETA_WKS,
            id="WKS map one kabupaten/kota by desa/kelurahan: 70.000",
        ),
    ],
)  # fmt: skip
def test_pp_13_2024_schedule_matches_domain_table(code, unit, price, kind):
    item = PP_13_2024.item(code)
    assert (item.unit, item.price, item.product_kind) == (unit, Decimal(price), kind)
    assert isinstance(item.price, Decimal)


def test_pp_13_2024_has_exactly_the_ten_domain_lines():
    assert len(PP_13_2024.items) == 10
    assert PP_13_2024.name == "PP 13/2024"


def test_assumptions_are_recorded_as_data():
    assert PP_7_2015.assumptions, "PP 7/2015 prices and date are assumptions and must say so"
    assert any("2015-02-10" in a for a in PP_7_2015.assumptions)
    assert any("2024-03-01" in a for a in PP_13_2024.assumptions)


def test_schedules_are_frozen():
    with pytest.raises(FrozenInstanceError):
        PP_13_2024.name = "PP 99/2099"


@pytest.mark.parametrize(
    ("price", "error"),
    [
        pytest.param(Decimal("-1"), "non-negative", id="negative price"),
        pytest.param(Decimal("20.5"), "whole rupiah", id="cents in a PNBP tariff"),
        pytest.param(20, "non-negative Decimal", id="int price: Decimal money only"),
    ],
)
def test_tariff_item_refuses_bad_prices(price, error):
    with pytest.raises(ValueError, match=error):
        TariffItem(C.EPUB_FIRST_50, "x", "per 50 halaman", price, ProductKind.PUBLIKASI_ELEKTRONIK)


def test_schedule_refuses_duplicate_codes():
    item = PP_13_2024.item(C.EPUB_FIRST_50)
    with pytest.raises(ValueError, match="twice"):
        TariffSchedule("dup", date(2030, 1, 1), (item, item))


# --- schedule in force by date ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "name"),
    [
        pytest.param(date(2015, 2, 10), "PP 7/2015", id="PP 7/2015 on its effective date"),
        pytest.param(date(2024, 2, 29), "PP 7/2015", id="day before PP 13/2024"),
        pytest.param(date(2024, 3, 1), "PP 13/2024", id="PP 13/2024 on its effective date"),
        pytest.param(TODAY, "PP 13/2024", id="today"),
    ],
)
def test_schedule_in_force(on, name):
    assert schedule_in_force(on).name == name


def test_no_schedule_before_pp_7_2015():
    with pytest.raises(NoTariffInForce):
        schedule_in_force(date(2015, 2, 9))


def test_schedule_in_force_refuses_datetime():
    with pytest.raises(TypeError):
        schedule_in_force(datetime(2026, 11, 20, 10, 0))


def one_line_schedule(name: str, effective_from: date, first_block_price: int):
    item = TariffItem(
        C.EPUB_FIRST_50,
        name,
        "per 50 halaman",
        Decimal(first_block_price),
        ProductKind.PUBLIKASI_ELEKTRONIK,
    )
    return TariffSchedule(name, effective_from, (item,))


OLD = one_line_schedule("Lama", date(2030, 1, 1), 40_000)
NEW = one_line_schedule("Baru", date(2031, 7, 1), 60_000)


@pytest.mark.parametrize(
    ("on", "schedule", "total"),
    [
        pytest.param(date(2031, 6, 30), "Lama", 40_000, id="day before the switch: old price"),
        pytest.param(date(2031, 7, 1), "Baru", 60_000, id="on the effective date: new price"),
    ],
)
def test_quote_switches_schedule_by_invoice_date(on, schedule, total):
    q = quote([EpublicationRequest(10)], on=on, schedules=(NEW, OLD))
    assert (q.schedule_name, q.total) == (schedule, Decimal(total))


@pytest.mark.parametrize(
    ("on", "name", "effective_from"),
    [
        pytest.param(date(2024, 2, 29), "PP 7/2015", date(2015, 2, 10), id="quote before PP 13"),
        pytest.param(date(2024, 3, 1), "PP 13/2024", date(2024, 3, 1), id="quote on PP 13 date"),
    ],
)
def test_quote_names_the_schedule_it_used(on, name, effective_from):
    q = quote([EpublicationRequest(50)], on=on)
    assert (q.schedule_name, q.schedule_effective_from, q.quoted_on) == (name, effective_from, on)


# --- quote lines by the schedule --------------------------------------------------------------


@pytest.mark.parametrize(
    ("pages", "expected_lines", "total"),
    [
        pytest.param(1, [(C.EPUB_FIRST_50, 1, 50_000, 50_000)], 50_000, id="1 page: first block"),
        pytest.param(50, [(C.EPUB_FIRST_50, 1, 50_000, 50_000)], 50_000, id="50 pages = 1 block"),
        pytest.param(
            51,
            [(C.EPUB_FIRST_50, 1, 50_000, 50_000), (C.EPUB_NEXT_50, 1, 15_000, 15_000)],
            65_000,
            id="51 pages = 2 blocks: started block counts",
        ),
        pytest.param(
            100,
            [(C.EPUB_FIRST_50, 1, 50_000, 50_000), (C.EPUB_NEXT_50, 1, 15_000, 15_000)],
            65_000,
            id="100 pages = 2 blocks",
        ),
        pytest.param(
            101,
            [(C.EPUB_FIRST_50, 1, 50_000, 50_000), (C.EPUB_NEXT_50, 2, 15_000, 30_000)],
            80_000,
            id="101 pages = 3 blocks",
        ),
        pytest.param(
            100_000,
            [(C.EPUB_FIRST_50, 1, 50_000, 50_000), (C.EPUB_NEXT_50, 1999, 15_000, 29_985_000)],
            30_035_000,
            id="largest publication accepted",
        ),
    ],
)
def test_epublication_blocks_round_up(pages, expected_lines, total):
    q = quote([EpublicationRequest(pages)], on=TODAY)
    assert lines_of(q) == expected_lines
    assert q.total == q.tariff_total == Decimal(total)


@pytest.mark.parametrize(
    ("size", "expected_lines", "total"),
    [
        pytest.param(
            1, [(C.MICRODATA_FIRST_MB, 1, 20_000, 20_000)], 20_000,
            id="1 byte: whole first MB",
        ),
        pytest.param(
            MB, [(C.MICRODATA_FIRST_MB, 1, 20_000, 20_000)], 20_000,
            id="1 MB exactly = 1.000.000 bytes: first MB only",
        ),
        pytest.param(
            MB + 1,
            [(C.MICRODATA_FIRST_MB, 1, 20_000, 20_000), (C.MICRODATA_NEXT_1000B, 1, 20, 20)],
            20_020,
            id="1 MB + 1 byte: one started 1.000 bytes",
        ),
        pytest.param(
            MB + 1000,
            [(C.MICRODATA_FIRST_MB, 1, 20_000, 20_000), (C.MICRODATA_NEXT_1000B, 1, 20, 20)],
            20_020,
            id="1 MB + 1.000 bytes: exactly one step",
        ),
        pytest.param(
            MB + 1001,
            [(C.MICRODATA_FIRST_MB, 1, 20_000, 20_000), (C.MICRODATA_NEXT_1000B, 2, 20, 40)],
            20_040,
            id="1 MB + 1.001 bytes: two started steps",
        ),
        pytest.param(
            2 * MB,
            [(C.MICRODATA_FIRST_MB, 1, 20_000, 20_000), (C.MICRODATA_NEXT_1000B, 1000, 20, 20_000)],
            40_000,
            id="2 MB: regressive, the second MB costs as much as the first (20 x 1.000)",
        ),
    ],
)  # fmt: skip
def test_microdata_without_processing(size, expected_lines, total):
    q = quote([MicrodataRequest(size)], on=TODAY)
    assert lines_of(q) == expected_lines
    assert q.total == Decimal(total)


@pytest.mark.parametrize(
    ("size", "tables", "expected_lines", "total"),
    [
        pytest.param(
            MB, 1, [(C.MICRODATA_PROCESSED_FIRST_MB, 1, 22_000, 22_000)], 22_000,
            id="processing, 1 MB exactly, 1 table: 22.000",
        ),
        pytest.param(
            MB + 1, 1,
            [(C.MICRODATA_PROCESSED_FIRST_MB, 1, 22_000, 22_000),
             (C.MICRODATA_PROCESSED_NEXT_1000B, 1, 22, 22)],
            22_022,
            id="processing, 1 MB + 1 byte: 22 per started 1.000 bytes",
        ),
        pytest.param(
            MB + 1001, 3,
            [(C.MICRODATA_PROCESSED_FIRST_MB, 3, 22_000, 66_000),
             (C.MICRODATA_PROCESSED_NEXT_1000B, 6, 22, 132)],
            66_132,
            id="processing per table: 3 tables x (22.000 + 2 x 22)",
        ),
    ],
)  # fmt: skip
def test_microdata_with_processing_is_per_table(size, tables, expected_lines, total):
    q = quote([MicrodataRequest(size, with_processing=True, tables=tables)], on=TODAY)
    assert lines_of(q) == expected_lines
    assert q.total == Decimal(total)


@pytest.mark.parametrize(
    ("kind", "count", "code", "total"),
    [
        pytest.param(
            "national_kecamatan", 1, C.WKS_NATIONAL_KECAMATAN, 12_000_000,
            id="WKS Indonesia by kecamatan, per map",
        ),
        pytest.param(
            "national_desa", 1, C.WKS_NATIONAL_DESA, 36_000_000,
            id="WKS Indonesia by desa, per map",
        ),
        pytest.param(
            WksMapKind.KABKOTA_KECAMATAN, 3, C.WKS_KABKOTA_KECAMATAN, 90_000,
            id="WKS kabupaten/kota by kecamatan, 3 maps",
        ),
        pytest.param(
            "kabkota_desa", 2, C.WKS_KABKOTA_DESA, 140_000,
            id="WKS kabupaten/kota by desa/kelurahan, 2 maps",
        ),
    ],
)  # fmt: skip
def test_maps_are_priced_per_map(kind, count, code, total):
    q = quote([WksMapRequest(kind, count)], on=TODAY)
    assert [(line.code, line.units) for line in q.lines] == [(code, count)]
    assert q.total == Decimal(total)


def test_mixed_selection_lists_every_line_in_order():
    q = quote(
        [
            EpublicationRequest(120, label="Statistik Indonesia 2026"),
            MicrodataRequest(MB + 1),
            WksMapRequest("kabkota_desa"),
        ],
        on=TODAY,
    )
    assert [line.code for line in q.lines] == [
        C.EPUB_FIRST_50,
        C.EPUB_NEXT_50,
        C.MICRODATA_FIRST_MB,
        C.MICRODATA_NEXT_1000B,
        C.WKS_KABKOTA_DESA,
    ]
    assert q.total == Decimal(50_000 + 2 * 15_000 + 20_000 + 20 + 70_000)
    assert q.lines[0].detail == "Statistik Indonesia 2026: 120 halaman = 3 blok"
    assert q.lines[2].detail == "1.000.001 byte"
    assert q.lines[0].description == "Publikasi elektronik, 50 halaman pertama"
    assert q.price_class is PriceClass.BERBAYAR
    assert q.reason == "Tarif PNBP menurut PP 13/2024."


def test_each_publication_starts_with_its_own_first_block():
    q = quote([EpublicationRequest(50), EpublicationRequest(50)], on=TODAY)
    assert lines_of(q) == [(C.EPUB_FIRST_50, 1, 50_000, 50_000)] * 2


def test_amounts_are_decimal():
    q = quote([MicrodataRequest(MB + 1)], on=TODAY)
    assert all(isinstance(v, Decimal) for line in q.lines for v in (line.amount, line.unit_price))
    assert isinstance(q.total, Decimal)


# --- Rp0 and free quotes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "price_class",
    [
        pytest.param(PriceClass.NOL_RUPIAH, id="nol rupiah (PP 13/2024 Pasal 4)"),
        pytest.param(PriceClass.GRATIS, id="gratis"),
        pytest.param("nol_rupiah", id="class given by its value"),
    ],
)
def test_rp0_quotes_keep_tariff_lines_but_charge_nothing(price_class):
    q = quote(
        [EpublicationRequest(101), WksMapRequest("national_desa")],
        on=TODAY,
        price_class=price_class,
        reason="Surat pengantar Bappeda No. 12/2026",
    )
    assert [line.amount for line in q.lines] == [Decimal(0)] * 3
    assert [line.tariff_amount for line in q.lines] == [
        Decimal(50_000),
        Decimal(30_000),
        Decimal(36_000_000),
    ]
    assert q.total == Decimal(0)
    assert q.tariff_total == Decimal(36_080_000)
    assert q.price_class == PriceClass(price_class)
    assert q.reason == "Surat pengantar Bappeda No. 12/2026"


def test_rp0_quote_has_a_default_reason_citing_the_rule():
    q = quote([EpublicationRequest(1)], on=TODAY, price_class=PriceClass.NOL_RUPIAH)
    assert "PP 13/2024 Pasal 4" in q.reason


# --- refused requests -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "field"),
    [
        pytest.param(lambda: quote([], on=TODAY), "requests", id="no requests: empty selection"),
        pytest.param(lambda: MicrodataRequest(0), "size_bytes", id="size 0: empty selection"),
        pytest.param(lambda: MicrodataRequest(-5), "size_bytes", id="negative size"),
        pytest.param(lambda: MicrodataRequest(10**12 + 1), "size_bytes", id="size over 1 TB"),
        pytest.param(lambda: MicrodataRequest(1.5e6), "size_bytes", id="float size"),
        pytest.param(lambda: MicrodataRequest(MB, True, 0), "tables", id="processing, 0 tables"),
        pytest.param(lambda: MicrodataRequest(MB, True, 1001), "tables", id="over 1.000 tables"),
        pytest.param(lambda: MicrodataRequest(MB, False, 2), "tables", id="tables w/o processing"),
        pytest.param(lambda: MicrodataRequest(MB, "ya"), "with_processing", id="not a bool"),
        pytest.param(lambda: EpublicationRequest(0), "pages", id="0 pages"),
        pytest.param(lambda: EpublicationRequest(-1), "pages", id="negative pages"),
        pytest.param(lambda: EpublicationRequest(100_001), "pages", id="over 100.000 pages"),
        pytest.param(lambda: EpublicationRequest(True), "pages", id="bool pages"),
        pytest.param(lambda: EpublicationRequest("50"), "pages", id="text pages"),
        pytest.param(lambda: WksMapRequest("provinsi_desa"), "kind", id="unknown map kind"),
        pytest.param(lambda: WksMapRequest("kabkota_desa", 0), "count", id="0 maps"),
        pytest.param(lambda: WksMapRequest("kabkota_desa", 1001), "count", id="over 1.000 maps"),
    ],
)  # fmt: skip
def test_invalid_requests_are_refused_in_indonesian(make, field):
    with pytest.raises(InvalidRequest) as caught:
        make()
    assert caught.value.field == field
    assert caught.value.message == str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_product_missing_from_the_schedule_is_refused():
    only_epub = TariffSchedule("Sempit", date(2030, 1, 1), (PP_13_2024.item(C.EPUB_FIRST_50),))
    with pytest.raises(InvalidRequest, match="tidak tercantum"):
        quote([WksMapRequest("kabkota_desa")], on=date(2030, 1, 1), schedules=(only_epub,))


def test_quote_refuses_non_requests():
    with pytest.raises(TypeError):
        quote([50], on=TODAY)


# --- price class ------------------------------------------------------------------------------

PAYING = ["umum", "mahasiswa", "peneliti", "swasta"]
ELIGIBLE = [
    "instansi_pemerintah",
    "lembaga_negara",
    "institusi_pendidikan",
    "perwakilan_asing",
    "lembaga_internasional",
]


@pytest.mark.parametrize(
    ("segment", "non_commercial", "cover_letter", "free_library", "expected", "why"),
    [
        *[
            pytest.param(s, True, True, False, PriceClass.BERBAYAR, "Segmen", id=f"{s} pays")
            for s in PAYING
        ],
        *[
            pytest.param(
                s, True, True, False, PriceClass.NOL_RUPIAH, "Tarif Rp0", id=f"{s}: Rp0 (Pasal 4)"
            )
            for s in ELIGIBLE
        ],
        pytest.param(
            "instansi_pemerintah", False, True, False, PriceClass.BERBAYAR, "komersial",
            id="eligible but commercial use pays",
        ),
        pytest.param(
            "institusi_pendidikan", True, False, False, PriceClass.BERBAYAR, "surat pengantar",
            id="eligible without cover letter pays",
        ),
        pytest.param(
            "swasta", False, False, True, PriceClass.GRATIS, "perpustakaan",
            id="library item free for everyone",
        ),
        pytest.param(
            Segment.LEMBAGA_NEGARA, True, True, True, PriceClass.GRATIS, "perpustakaan",
            id="library beats Rp0",
        ),
    ],
)  # fmt: skip
def test_price_class_for(segment, non_commercial, cover_letter, free_library, expected, why):
    price_class, reason = price_class_for(
        segment,
        purpose_non_commercial=non_commercial,
        has_cover_letter=cover_letter,
        item_is_free_library=free_library,
    )
    assert price_class is expected
    assert why in reason


def test_segment_codes_are_the_documented_ones():
    assert {s.value for s in Segment} == set(PAYING + ELIGIBLE)


def test_unknown_segment_is_refused():
    with pytest.raises(InvalidRequest) as caught:
        price_class_for("koperasi", purpose_non_commercial=True, has_cover_letter=True)
    assert caught.value.field == "segment"


def test_price_class_feeds_the_quote():
    price_class, reason = price_class_for(
        "perwakilan_asing", purpose_non_commercial=True, has_cover_letter=True
    )
    q = quote([MicrodataRequest(MB)], on=TODAY, price_class=price_class, reason=reason)
    assert (q.total, q.tariff_total, q.reason) == (Decimal(0), Decimal(20_000), reason)


def test_schedules_are_sorted_oldest_first():
    assert list(SCHEDULES) == sorted(SCHEDULES, key=lambda s: s.effective_from)
