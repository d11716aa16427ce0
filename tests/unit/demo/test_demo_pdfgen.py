"""Demo publication PDFs: exact page count, extractable text, outline, metadata, determinism."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from demo.catalogue_data import REUSE_STATEMENT, demo_publications
from demo.pdfgen import (
    DEFAULT_PAGES_RANGE,
    MIN_PAGES,
    build_publication_pdf,
    default_pdf_pages,
)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _outline_titles(reader: PdfReader) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append((item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline)
    return found


@pytest.fixture(scope="module")
def pubs():
    return demo_publications()


@pytest.fixture(scope="module")
def national(pubs):
    return next(p for p in pubs if p.title == "Statistik Indonesia 2026")


@pytest.fixture(scope="module")
def regional(pubs):
    return next(p for p in pubs if p.title == "Profil Kemiskinan Kabupaten Pinrang 2024")


@pytest.mark.parametrize(("which", "pages"), [("national", 12), ("regional", None)])
def test_pdf_pages_text_outline_metadata(request, tmp_path, which, pages):
    pub = request.getfixturevalue(which)
    path = tmp_path / "sub" / f"{pub.slug}.pdf"
    written = build_publication_pdf(path, pub, pages=pages)
    expected = pages or default_pdf_pages(pub)
    assert written == expected

    reader = PdfReader(path)
    assert len(reader.pages) == written
    assert reader.metadata.title == pub.title
    assert reader.metadata.author == "; ".join(pub.authors)
    assert pub.subject in reader.metadata.subject

    cover = _flat(reader.pages[0].extract_text())
    assert pub.title in cover and "BADAN PUSAT STATISTIK" in cover
    imprint = _flat(reader.pages[1].extract_text())
    for value in (pub.katalog, pub.nomor_publikasi, pub.issn or pub.isbn, REUSE_STATEMENT):
        assert value in imprint
    assert "Kata Pengantar" in reader.pages[2].extract_text()
    assert "Daftar Isi" in reader.pages[3].extract_text()
    body = _flat(" ".join(page.extract_text() for page in reader.pages[4:]))
    assert re.search(r"Tabel \d+\.1 ", body) and re.search(r"Gambar \d+\.1 ", body)
    assert re.search(r"\d{1,3}(\.\d{3})*,\d{1,2}\b", body), "Indonesian number format"

    outline = _outline_titles(reader)
    titles = [title for title, _ in outline]
    assert titles[:2] == ["Kata Pengantar", "Daftar Isi"]
    chapters = [(t, page) for t, page in outline if t.startswith("Bab ")]
    assert chapters and chapters[0] == (f"Bab 1 {pub.chapters[0]}", 5)
    assert [page for _, page in chapters] == sorted(page for _, page in chapters)
    # The printed Daftar Isi agrees with the outline.
    toc = _flat(reader.pages[3].extract_text())
    for title, page in chapters:
        assert f"{title} {page}" in toc


def test_pdf_is_deterministic(tmp_path, regional):
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    build_publication_pdf(first, regional, pages=MIN_PAGES)
    build_publication_pdf(second, regional, pages=MIN_PAGES)
    assert first.read_bytes() == second.read_bytes()
    assert len(PdfReader(first).pages) == MIN_PAGES


def test_too_few_pages_refused(tmp_path, regional):
    with pytest.raises(ValueError):
        build_publication_pdf(tmp_path / "x.pdf", regional, pages=MIN_PAGES - 1)


def test_default_page_counts_stay_modest(pubs):
    low, high = DEFAULT_PAGES_RANGE
    counts = [default_pdf_pages(p) for p in pubs]
    assert all(low <= n <= high for n in counts)
    assert sum(counts) < 64 * 30  # keeps seeding all demo PDFs well under a minute
