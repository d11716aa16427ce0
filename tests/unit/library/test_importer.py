"""The pure half of the bulk import (library/importer.py): reading files with their line numbers
and normalising the office web API's records (DOMAIN.md "Library"; docs/library-import.md)."""

from __future__ import annotations

import datetime
import json

import pytest

from library import importer
from library.importer import RowRejected, normalise_row, parse_date, read_rows


@pytest.mark.parametrize(
    ("data", "field", "expected"),
    [
        # The web API's own names work as they are (issue #4).
        ({"title": "A", "kat_no": "1303004"}, "katalog", "1303004"),
        ({"title": "A", "pub_no": "03220.1607"}, "nomor_publikasi", "03220.1607"),
        (
            {"title": "A", "rl_date": "2023-02-28 00:00:00"},
            "release_date",
            datetime.date(2023, 2, 28),
        ),
        ({"title": "A", "sch_date": "2099-01-05"}, "scheduled_date", datetime.date(2099, 1, 5)),
        ({"title": "A", "abstract": "<p>Teks &amp; tabel</p>"}, "abstract", "Teks & tabel"),
        ({"title": "A", "subj": [{"title": "Kemiskinan"}]}, "subjects", ("Kemiskinan",)),
        ({"title": "A", "domain": "7315"}, "region_code", "7315"),
        # Spreadsheet habits: Indonesian headers, leading zeros lost, ';' lists, Ya/Tidak.
        ({"Judul": "A", "Kode Wilayah": "0"}, "region_code", "0000"),
        (
            {"judul": "A", "subjek": "Kependudukan; Ketenagakerjaan"},
            "subjects",
            ("Kependudukan", "Ketenagakerjaan"),
        ),  # fmt: skip
        ({"title": "A", "gratis": "Tidak"}, "is_free", False),
        ({"title": "A", "frekuensi": "Sekali terbit"}, "frequency", "sekali"),
        ({"title": "A", "frequency": "Quarterly"}, "frequency", "triwulanan"),
        ({"title": "A", "issn": "01262912"}, "issn", "0126-2912"),
        ({"title": "A", "bahasa": "ind"}, "language", "Indonesia"),
        ({"title": "A", "penulis": "Tim A", "editor": "Tim B"}, "authors", "Tim A; Tim B"),
        ({"title": "A", "wilayah": "Kabupaten Pinrang"}, "region_name", "Kabupaten Pinrang"),
        ({"title": "A", "pdf": "https://x.go.id/dl.html?f=pub%20a.pdf"}, "pdf", "pub a.pdf"),
        ({"title": "A", "pdf": "https://x.go.id/files/b.pdf"}, "pdf", "b.pdf"),
        # An empty cell or "-" is "not given", never an empty value that would erase data.
        ({"title": "A", "issn": "-", "abstract": "  "}, "issn", None),
        ({"title": "  Statistik   Daerah  "}, "title", "Statistik Daerah"),
    ],
)
def test_normalise_maps_fields(data, field, expected):
    assert getattr(normalise_row(data), field) == expected


def test_normalise_rejects_only_a_row_without_a_title():
    """Reasons are shown in Indonesian, the site's language (issue #21: the one refusal)."""
    with pytest.raises(RowRejected) as refusal:
        normalise_row({"kat_no": "1303004"})
    assert "judul" in refusal.value.reason.lower()


@pytest.mark.parametrize(
    ("data", "reason", "field", "kept"),
    [
        # Issue #21: each of these was a refusal; now the record is imported with a reason to
        # check it and the raw value kept (import_raw).
        ({"title": "A", "kat_no": "13030"}, "Katalog", "katalog", None),
        ({"title": "A", "kat_no": "1303004.00"}, "Katalog", "katalog", None),  # zeros: no region
        ({"title": "A", "pub_no": "3220.1607"}, "03220.1607", "nomor_publikasi", None),
        # An ISSN or ISBN printed with a wrong check digit is kept as printed.
        ({"title": "A", "issn": "0126-2913"}, "digit pemeriksa", "issn", "0126-2913"),
        ({"title": "A", "isbn": "978-602-438-123-0"}, "digit pemeriksa", "isbn",
         "978-602-438-123-0"),
        ({"title": "A", "issn": "12-34"}, "ISSN", "issn", None),
        ({"title": "A", "rl_date": "2024-02-30"}, "bukan tanggal", "release_date", None),
        ({"title": "A", "domain": "73150"}, "kode BPS", "region_code", None),
        ({"title": "A", "frequency": "kadang-kadang"}, "frekuensi", "frequency", None),
        ({"title": "A", "is_free": "mungkin"}, "ya atau tidak", "is_free", None),
        ({"title": "x" * 256}, "255", "title", "x" * 254 + "…"),
    ],
)  # fmt: skip
def test_normalise_imports_a_flawed_record_with_the_reason_and_the_raw_value(
    data, reason, field, kept
):
    record = normalise_row(data)
    assert any(reason.lower() in warning.lower() for warning in record.warnings), record.warnings
    assert getattr(record, field) == kept
    assert record.raw, "the raw value is kept"


def test_an_isbn_in_the_issn_column_moves_to_the_isbn():
    record = normalise_row({"title": "A", "issn": "978-602-438-530-9"})
    assert (record.issn, record.isbn) == (None, "978-602-438-530-9")
    assert record.raw["issn"] == "978-602-438-530-9"
    assert "ISBN" in record.warnings[0]


def test_unknown_columns_are_kept_raw_and_lang_is_the_language():
    record = normalise_row({"title": "A", "lang": "eng", "type": "buku", "source": "BPS Jabar"})
    assert record.language == "Inggris"
    assert record.raw["columns"] == {"type": "buku", "source": "BPS Jabar"}
    assert record.warnings == ()


def test_a_kecamatan_code_is_a_region_code():
    assert normalise_row({"title": "A", "domain": "3209060"}).region_code == "3209060"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-02-28", datetime.date(2024, 2, 28)),
        ("2024-02-28T07:00:00+07:00", datetime.date(2024, 2, 28)),
        ("28-02-2024", datetime.date(2024, 2, 28)),
        ("28/02/2024", datetime.date(2024, 2, 28)),
        ("28 Februari 2024", datetime.date(2024, 2, 28)),
        ("1 Agustus 2023", datetime.date(2023, 8, 1)),
        ("", None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value, name="rl_date") == expected


def test_key_is_katalog_and_number_else_title_and_date():
    both = normalise_row({"title": "A", "kat_no": "1303004", "pub_no": "03220.1607"})
    assert both.key == ("katalog", "1303004", "03220.1607")
    only_katalog = normalise_row({"title": "Statistik  DAERAH", "kat_no": "1303004"})
    assert only_katalog.key == ("title", "statistik daerah", None)
    dated = normalise_row({"title": "A", "rl_date": "2024-01-02"})
    assert dated.key == ("title", "a", datetime.date(2024, 1, 2))
    scheduled = normalise_row({"title": "A", "sch_date": "2024-01-03"})
    assert scheduled.key == ("title", "a", datetime.date(2024, 1, 3))


@pytest.mark.parametrize(
    ("nomor", "expected"),
    [("03220.1607", datetime.date(2016, 1, 1)), ("73000.24006", datetime.date(2024, 1, 1))],
)
def test_missing_release_date_comes_from_the_publication_number(nomor, expected):
    record = normalise_row({"title": "A", "pub_no": nomor})
    assert importer.inferred_release_date(record, today=datetime.date(2026, 5, 1))[0] == expected


def test_missing_release_date_without_number_is_the_import_day():
    record = normalise_row({"title": "A"})
    today = datetime.date(2026, 5, 1)
    assert importer.inferred_release_date(record, today=today)[0] == today


def test_unknown_columns_are_named_and_known_api_extras_are_not():
    _, unknown = importer.map_columns({"title": "A", "pub_id": "x", "cover": "y", "warna": "z"})
    assert unknown == ["warna"]


def test_csv_lines_count_the_header_and_multi_line_cells(tmp_path):
    path = tmp_path / "k.csv"
    path.write_text('title;abstract\nSatu;"baris\nkedua"\n\nDua;x\n', encoding="utf-8-sig")
    rows = read_rows(path)
    assert [(row.line, row.data["title"]) for row in rows] == [(2, "Satu"), (5, "Dua")]


def test_cp1252_csv_is_read(tmp_path):
    path = tmp_path / "k.csv"
    path.write_bytes("title,authors\nStatistik,Dinas Pariwisata – Bagian Data\n".encode("cp1252"))
    assert read_rows(path)[0].data["authors"] == "Dinas Pariwisata – Bagian Data"


def test_json_array_rows_carry_their_starting_line(tmp_path):
    path = tmp_path / "k.json"
    path.write_text('[\n  {"title": "Satu"},\n\n  {"title":\n "Dua"}, 5\n]')
    rows = read_rows(path)
    assert [(row.line, row.error is None) for row in rows] == [(2, True), (4, True), (5, False)]


def test_web_api_view_response_is_one_record(tmp_path):
    path = tmp_path / "k.json"
    path.write_text(json.dumps({"status": "OK", "data": {"title": "Satu", "kat_no": "1303004"}}))
    assert [row.data["title"] for row in read_rows(path)] == ["Satu"]


@pytest.mark.parametrize(
    ("name", "content"),
    [("k.json", '[{"title": "A"} {"title": "B"}]'), ("k.json", '{"data": 5}'), ("k.xlsx", "")],
)
def test_unreadable_files_raise(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(importer.ImportFileError):
        read_rows(path)


def test_pdf_names_cannot_leave_the_pdf_folder(tmp_path):
    outside = tmp_path / "rahasia.pdf"
    outside.write_bytes(b"%PDF-1.4")
    folder = tmp_path / "pdf"
    folder.mkdir()
    run = importer.PublicationImporter.__new__(importer.PublicationImporter)
    run.pdf_dir = folder
    # Issue #21: the record is not refused for it; it goes in without softcopy, to be checked.
    reasons, raw = [], {}
    assert (
        run._pdf_path(normalise_row({"title": "A", "pdf": "../rahasia.pdf"}), [], reasons, raw)
        is None
    )
    assert raw == {"pdf": "../rahasia.pdf"} and "../rahasia.pdf" in reasons[0]
