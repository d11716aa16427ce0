"""Office documents: the letterhead, amounts and words, and the verification QR code end up in
the PDF, so an invoice or a kuitansi can be filed and checked."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from pst.pdfdoc import (
    AmountInWords,
    Document,
    KeyValues,
    Note,
    Signature,
    TableBlock,
    Text,
    format_date_id,
    render_pdf,
)


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize(
    ("day", "expected"),
    [(date(2026, 11, 20), "20 November 2026"), (date(2027, 1, 1), "1 Januari 2027")],
)
def test_dates_are_written_in_indonesian(day, expected):
    assert format_date_id(day) == expected


def test_document_carries_letterhead_lines_total_words_and_signature(settings):
    settings.PST_OFFICE_NAME = "BPS Kabupaten Contoh"
    doc = Document(
        title="Invoice",
        number="INV/2026/000123",
        blocks=[
            KeyValues([("Pembeli", "Siti Aminah <script>")]),
            Text("Rincian tagihan", bold=True),
            TableBlock(
                header=["Uraian", "Jumlah", "Nilai"],
                rows=[["Publikasi elektronik", 2, Decimal(1250000)]],
                money_columns=frozenset({2}),
                footer=[["Total", "", Decimal(1250000)]],
            ),
            AmountInWords(Decimal(1250000)),
            Note("Berlaku satu bulan."),
            Signature(role="Petugas PST", name="Budi", on=date(2026, 11, 20), nip="1990"),
        ],
        verification_url="https://pst.example/verifikasi/abc",
    )
    pdf = render_pdf(doc)
    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    for expected in (
        "BPS KABUPATEN CONTOH",
        "INV/2026/000123",
        "Siti Aminah <script>",
        "Rp 1.250.000",
        "Satu juta dua ratus lima puluh ribu rupiah",
        "20 November 2026",
        "https://pst.example/verifikasi/abc",
        "NIP 1990",
    ):
        assert expected in text, expected


def test_unknown_block_is_a_programming_error():
    with pytest.raises(TypeError):
        render_pdf(Document(title="x", blocks=[object()]))


@pytest.mark.parametrize("fraction", [0.12, 0.05])
def test_a_header_word_is_never_split_across_lines(fraction):
    """The invoice printed its column header as "Banyakny/a" (issue #17): a column is widened to
    hold its longest header word, taken from the widest column."""
    rest = (1 - 0.06 - fraction) / 3
    doc = Document(
        title="Invoice",
        blocks=[
            TableBlock(
                header=["No", "Uraian", "Banyaknya", "Tarif satuan", "Jumlah"],
                rows=[[1, "Publikasi elektronik, 50 halaman pertama", 1, Decimal(50000), 50000]],
                money_columns=frozenset({3, 4}),
                widths=(0.06, rest, fraction, rest, rest),
            )
        ],
    )
    lines = _text(render_pdf(doc)).splitlines()
    assert any("Banyaknya" in line for line in lines), lines


def test_counts_in_right_aligned_columns_are_grouped_like_every_number():
    doc = Document(
        title="Invoice",
        blocks=[
            TableBlock(
                header=["No", "Uraian", "Banyaknya", "Jumlah"],
                rows=[[1, "Data mikro, setiap 1.000 byte berikutnya", 1346, Decimal(26920)]],
                money_columns=frozenset({3}),
                right_columns=frozenset({0, 2}),
            )
        ],
    )
    text = _text(render_pdf(doc))
    assert "1.346" in text and "Rp 26.920" in text
