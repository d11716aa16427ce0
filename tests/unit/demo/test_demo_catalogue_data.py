"""Demo catalogue, microdata and WKS maps: identifier formats (DOMAIN.md, "Library"), counts,
determinism, and the size-per-record rule the microdata tariff depends on."""

from __future__ import annotations

import io
import random
import re
from collections import Counter
from datetime import date, timedelta

import pytest
from PIL import Image

from demo.catalogue_data import (
    CATALOGUE_AS_OF,
    FREQUENCIES,
    INDICATORS,
    LANGUAGES,
    PUBLISHING_REGIONS,
    REGIONS,
    SCHEDULE_HORIZON_DAYS,
    SUBJECTS,
    format_angka,
    indicator_value,
    slugify,
)
from demo.catalogue_data import (
    demo_publications as _demo_publications,
)
from demo.shop_data import (
    MAX_RECORDS,
    SYNTHETIC_LABEL,
    WKS_KINDS,
    demo_microdata,
    demo_wks_maps,
    encode_row,
    generate_microdata_rows,
    render_wks_preview,
    row_bytes,
    selection_bytes,
)
from library.identifiers import (
    is_valid_isbn13,
    is_valid_issn,
    is_valid_katalog,
    is_valid_nomor_publikasi,
    isbn13_check_digit,
    issn_check_digit,
)


@pytest.fixture(scope="module")
def pubs():
    return _demo_publications()


# --- validators ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "valid", "rule"),
    [
        ("1303004", True, "DOMAIN.md: national edition, 7 digits"),
        ("1102001.73", True, "DOMAIN.md: province edition, 2-digit region"),
        ("5204003.7315", True, "DOMAIN.md: kabupaten edition, 4-digit region"),
        ("1102001.3209060", True, "DOMAIN.md: kecamatan edition, 7-digit region"),
        ("130300", False, "too short"),
        ("13030041", False, "too long"),
        ("1102001.", False, "dot without region"),
        ("1102001.7", False, "1-digit region"),
        ("1102001.731", False, "3-digit region"),
        ("1102001.73150", False, "5-digit region"),
        ("1102001.00", False, "decision: a zero region names no region"),
        ("1102001-73", False, "dash instead of dot"),
        ("11O2001", False, "letter O"),
        (" 1303004", False, "surrounding space"),
        ("", False, "empty"),
    ],
)
def test_is_valid_katalog(value, valid, rule):
    assert is_valid_katalog(value) is valid, rule


@pytest.mark.parametrize(
    ("value", "valid", "rule"),
    [
        ("03220.1607", True, "DOMAIN.md: 5 digits, dot, 4 digits"),
        ("73150.2205", True, "DOMAIN.md: kabupaten office"),
        ("73000.24006", True, "DOMAIN.md: 5 digits after the dot"),
        ("0322.1607", False, "4 digits before the dot"),
        ("032201.1607", False, "6 digits before the dot"),
        ("03220.160", False, "3 digits after the dot"),
        ("03220.160712", False, "6 digits after the dot"),
        ("03220-1607", False, "dash instead of dot"),
        ("032201607", False, "no dot"),
        ("", False, "empty"),
    ],
)
def test_is_valid_nomor_publikasi(value, valid, rule):
    assert is_valid_nomor_publikasi(value) is valid, rule


@pytest.mark.parametrize(
    ("value", "year", "valid"),
    [("03220.1607", 2016, True), ("73000.24006", 2024, True), ("73150.2205", 2023, False)],
)
def test_nomor_publikasi_year_prefix(value, year, valid):
    assert is_valid_nomor_publikasi(value, year=year) is valid


@pytest.mark.parametrize(
    ("value", "valid", "rule"),
    [
        ("0126-2912", True, "DOMAIN.md: Statistik Indonesia"),
        ("01262912", True, "hyphen may be left out"),
        ("0317-8471", True, "ISO 3297 example"),
        ("2049-3630", True, "check digit 0"),
        ("0000-006X", True, "check character X"),
        ("0000-006x", True, "lower-case x accepted"),
        ("0126-2913", False, "wrong check digit"),
        ("0126-291X", False, "X where 2 is due"),
        ("126-2912", False, "3 digits before the hyphen"),
        ("0126-29121", False, "too long"),
        ("0126_2912", False, "underscore"),
        ("", False, "empty"),
    ],
)
def test_is_valid_issn(value, valid, rule):
    assert is_valid_issn(value) is valid, rule


@pytest.mark.parametrize(
    ("value", "valid", "rule"),
    [
        ("978-602-438-236-0", True, "Indonesian 602 prefix, hyphenated"),
        ("9786024382360", True, "without hyphens"),
        ("978-0-306-40615-7", True, "ISO 2108 example"),
        ("979-10-90636-07-1", True, "979 prefix"),
        ("978-602-438-236-1", False, "wrong check digit"),
        ("977-602-438-236-0", False, "not a Bookland prefix"),
        ("978-602-438-236", False, "12 digits"),
        ("-978-602-438-236-0", False, "leading hyphen"),
        ("978--602-438-236-0", False, "double hyphen"),
        ("0-306-40615-2", False, "ISBN-10 is not ISBN-13"),
        ("", False, "empty"),
    ],
)
def test_is_valid_isbn13(value, valid, rule):
    assert is_valid_isbn13(value) is valid, rule


@pytest.mark.parametrize(("first", "check"), [("0126291", "2"), ("0000006", "X"), ("2049363", "0")])
def test_issn_check_digit(first, check):
    assert issn_check_digit(first) == check


def test_isbn13_check_digit():
    assert isbn13_check_digit("978030640615") == "7"
    with pytest.raises(ValueError):
        isbn13_check_digit("97803064061")


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (1234.56, 2, "1.234,56"),
        (53980000, 0, "53.980.000"),
        (-2.07, 2, "-2,07"),
        (-0.001, 2, "0,00"),
        (0.5, 1, "0,5"),
    ],
)
def test_format_angka(value, decimals, text):
    assert format_angka(value, decimals) == text


def test_slugify():
    assert slugify("Statistik Listrik 2021–2025") == "statistik-listrik-2021-2025"
    assert slugify("Data dan Informasi Kemiskinan Kabupaten/Kota 2023") == (
        "data-dan-informasi-kemiskinan-kabupaten-kota-2023"
    )


# --- regions and indicators ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "name", "level"),
    [
        ("0000", "Indonesia", "nasional"),
        ("1100", "Aceh", "provinsi"),
        ("1300", "Sumatera Barat", "provinsi"),
        ("3200", "Jawa Barat", "provinsi"),
        ("3209", "Kabupaten Cirebon", "kabupaten"),
        ("5200", "Nusa Tenggara Barat", "provinsi"),
        ("5204", "Kabupaten Sumbawa", "kabupaten"),
        ("7300", "Sulawesi Selatan", "provinsi"),
        ("7315", "Kabupaten Pinrang", "kabupaten"),
        ("7371", "Kota Makassar", "kota"),
    ],
)
def test_regions_use_bps_domain_codes(code, name, level):
    assert (REGIONS[code].name, REGIONS[code].level) == (name, level)


def test_region_table_shape():
    assert sum(r.level == "provinsi" for r in REGIONS.values()) == 38
    for code, region in REGIONS.items():
        assert re.fullmatch(r"\d{4}", code) and region.code == code
        if region.level in ("kabupaten", "kota"):
            assert REGIONS[region.province_code].level == "provinsi"
    assert set(PUBLISHING_REGIONS) <= set(REGIONS)


def test_indicator_values_are_stable_and_bounded():
    assert indicator_value("tpt", "7315", 2025) == indicator_value("tpt", "7315", 2025)
    assert indicator_value("lpe", "0000", 2020) == -2.07  # pinned national figure
    for key, ind in INDICATORS.items():
        for code in ("0000", "3200", "7371"):
            value = indicator_value(key, code, 2024)
            if ind.bounds:
                assert ind.bounds[0] <= value <= ind.bounds[1], key
            if ind.extensive:
                assert value > 0, key


# --- the catalogue -------------------------------------------------------------------------


def test_catalogue_is_deterministic(pubs):
    assert _demo_publications() == pubs
    assert _demo_publications(seed=7) != pubs


def test_catalogue_counts_and_coverage(pubs):
    assert len(pubs) >= 60
    assert set(SUBJECTS) <= {p.subject for p in pubs}
    assert len({p.slug for p in pubs}) == len(pubs)
    assert len({(p.katalog, p.nomor_publikasi) for p in pubs}) == len(pubs)
    assert len({p.nomor_publikasi for p in pubs}) == len(pubs)
    assert {p.region.level for p in pubs} == {"nasional", "provinsi", "kabupaten", "kota"}
    assert {p.year for p in pubs} == set(range(2019, 2027))
    assert len(_demo_publications(count=90)) == 90


@pytest.mark.parametrize(
    "title",
    [
        "Statistik Indonesia 2026",
        "Provinsi Sulawesi Selatan Dalam Angka 2025",
        "Keadaan Angkatan Kerja di Indonesia Agustus 2025",
        "Profil Kemiskinan Kabupaten Pinrang 2024",
        "Statistik Harga Produsen Pertanian 2024",
        "Indikator Kesejahteraan Rakyat 2025",
    ],
)
def test_showcase_titles_present(pubs, title):
    assert title in {p.title for p in pubs}


def test_every_identifier_is_well_formed(pubs):
    for p in pubs:
        assert is_valid_katalog(p.katalog), p.slug
        assert is_valid_nomor_publikasi(p.nomor_publikasi, year=p.year), p.slug
        assert p.issn is None or is_valid_issn(p.issn), p.slug
        assert p.e_issn is None or is_valid_issn(p.e_issn), p.slug
        assert p.isbn is None or (
            is_valid_isbn13(p.isbn) and p.isbn.startswith(("978-602-", "978-623-"))
        ), p.slug
        assert p.issn or p.isbn, f"{p.slug}: a serial needs an ISSN, a book an ISBN"
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", p.slug)


def test_regional_katalog_carries_region_code(pubs):
    for p in pubs:
        region = p.region
        if region.is_national:
            assert "." not in p.katalog
            assert p.nomor_publikasi[0] == "0"
        else:
            suffix = p.katalog.split(".")[1]
            assert suffix.startswith(region.katalog_suffix), p.slug
            assert p.nomor_publikasi.startswith(region.code), p.slug


def test_serials_share_their_issn_across_editions(pubs):
    by_title: dict[str, set[str]] = {}
    for p in pubs:
        if p.issn:
            by_title.setdefault(p.series + p.region_code + p.katalog, set()).add(p.issn)
    assert all(len(issns) == 1 for issns in by_title.values())
    si = [p for p in pubs if p.series == "statistik-indonesia"]
    assert si and all(p.issn == "0126-2912" for p in si)


def test_release_dates_and_schedule(pubs):
    scheduled = [p for p in pubs if p.scheduled]
    assert len(scheduled) == 3
    for p in pubs:
        assert p.release_date.weekday() < 5
        if not p.scheduled:
            assert p.release_date.year == p.year
            assert p.release_date < CATALOGUE_AS_OF, p.slug


# Seeding days the calendar will reach: a month end, a leap day, New Year's Eve, years ahead.
SEEDING_DAYS = [
    date(2026, 12, 3),
    date(2027, 1, 31),
    date(2028, 2, 29),
    date(2028, 12, 31),
    date(2031, 6, 15),
]


@pytest.mark.parametrize("today", SEEDING_DAYS, ids=str)
def test_announced_releases_always_lie_ahead_of_the_seeding_day(pubs, today):
    """Issue #14: the demo's release calendar is never empty, whatever day it is seeded on, and
    only the announced editions move with the day."""
    seeded = _demo_publications(today=today)
    announced = [p for p in seeded if p.scheduled]
    assert len(announced) == 3
    for p in announced:
        assert today < p.release_date <= today + timedelta(SCHEDULE_HORIZON_DAYS), p.slug
    released_then = [(p.slug, p.release_date, p.issn, p.isbn) for p in pubs if not p.scheduled]
    released_now = [(p.slug, p.release_date, p.issn, p.isbn) for p in seeded if not p.scheduled]
    assert sorted(released_now) == sorted(released_then)


def test_descriptive_fields(pubs):
    for p in pubs:
        assert p.frequency in FREQUENCIES and p.language in LANGUAGES
        assert 30 <= p.page_count <= 400
        assert p.authors and p.editors
        assert p.publisher == "Badan Pusat Statistik" or p.publisher.startswith("BPS ")
        sentences = re.split(r"(?<=[.!?])\s+", p.abstract.strip())
        assert 2 <= len(sentences) <= 4, p.abstract
        assert str(p.data_year) in p.abstract
        assert len(p.chapters) >= 4
        assert set(p.indicators) <= set(INDICATORS)
    assert Counter(p.frequency for p in pubs).keys() == set(FREQUENCIES)


def test_most_publications_are_free_and_a_few_are_sold(pubs):
    free = sum(p.is_free for p in pubs)
    sold = [p for p in pubs if p.for_sale]
    assert free > len(pubs) * 0.8
    assert 2 <= len(sold) <= len(pubs) // 4
    assert any(p.is_free for p in sold) and any(not p.is_free for p in sold)
    assert all(p.for_sale for p in pubs if not p.is_free)


def test_abstract_quotes_the_same_figures_as_the_tables(pubs):
    pinrang = next(p for p in pubs if p.title == "Profil Kemiskinan Kabupaten Pinrang 2024")
    p0 = format_angka(indicator_value("p0", "7315", pinrang.data_year), 2)
    gk = format_angka(indicator_value("gk", "7315", pinrang.data_year), 0)
    assert f"{p0} persen" in pinrang.abstract or f"Rp{gk}" in pinrang.abstract


# --- microdata -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def datasets():
    return demo_microdata()


def test_microdata_products(datasets):
    assert 5 <= len(datasets) <= 6
    assert demo_microdata() == datasets
    assert len({d.slug for d in datasets}) == len(datasets)
    for d in datasets:
        assert SYNTHETIC_LABEL in d.title and SYNTHETIC_LABEL in d.description
        assert d.region_level in ("provinsi", "kabupaten")
        assert 15 <= len(d.variables) <= 40
        assert len(set(d.variable_names)) == len(d.variables)
        assert "region_code" in d.variable_names
        assert set(d.region_codes) <= set(REGIONS)
        assert d.record_count == sum(n for _, n in d.region_records) > 0
        assert d.record_count <= MAX_RECORDS  # each sold with a generated master
        assert len(d.blocks) >= 3
        for v in d.variables:
            assert v.type in ("numeric", "categorical", "string") and v.width > 0 and v.label


@pytest.mark.parametrize("index", range(6))
def test_rows_match_codebook_widths(datasets, index):
    d = datasets[index % len(datasets)]
    rows = list(generate_microdata_rows(d, random.Random(index), 50))
    assert len(rows) == 50
    subset = [d.variables[0].name, d.variables[-1].name, d.variables[len(d.variables) // 2].name]
    for row in rows:
        assert list(row) == list(d.variable_names)
        for v in d.variables:
            assert len(row[v.name]) == v.width, v.name
            if v.type == "categorical" and v.categories:
                assert row[v.name] in {code for code, _ in v.categories}, v.name
        assert row["region_code"] in d.region_codes
        assert len(encode_row(d, row)) == row_bytes(d)
        assert len(encode_row(d, row, subset)) == row_bytes(d, subset)


def test_row_bytes_rule(datasets):
    d = datasets[0]
    assert row_bytes(d) == sum(v.width + 1 for v in d.variables)
    assert row_bytes(d, ["region_code"]) == 5  # 4 bytes + separator
    assert row_bytes(d, ["region_code", "region_code"]) == 5  # a variable counts once
    with pytest.raises(KeyError):
        row_bytes(d, ["NO_SUCH_VARIABLE"])
    first = d.region_codes[0]
    records = dict(d.region_records)[first]
    assert selection_bytes(d, ["region_code"], [first]) == records * 5
    assert selection_bytes(d) == d.record_count * row_bytes(d)


def test_generated_rows_are_deterministic(datasets):
    d = datasets[1]
    first = list(generate_microdata_rows(d, random.Random(3), 20))
    assert first == list(generate_microdata_rows(d, random.Random(3), 20))


# --- WKS maps ------------------------------------------------------------------------------


def test_wks_maps():
    maps = demo_wks_maps()
    assert 6 <= len(maps) <= 8
    assert {m.kind for m in maps} == set(WKS_KINDS)
    assert len({m.slug for m in maps}) == len(maps)
    assert demo_wks_maps() == maps
    for m in maps:
        assert m.region_code in REGIONS and m.area_count > 0
        assert SYNTHETIC_LABEL in m.description
        assert (m.region_code == "0000") is m.kind.startswith("national")


@pytest.mark.parametrize("kind", ["national_desa", "kabkota_kecamatan"])
def test_wks_preview_is_a_png(kind):
    wks = next(m for m in demo_wks_maps() if m.kind == kind)
    data = render_wks_preview(wks, size=(600, 450))
    image = Image.open(io.BytesIO(data))
    image.load()
    assert image.format == "PNG" and image.size == (600, 450)
    assert render_wks_preview(wks, size=(600, 450)) == data
