"""Ingest of odd structures the samples do not cover, and what the manifest records."""

from __future__ import annotations

import io
import json
import shutil
import subprocess

import pytest

from watermark import PreparedMaster, UnreadablePdf, prepare, stamp_bytes, trace
from watermark.prepare import Nesting, quick_nesting

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
TEXT = b"BT /F1 12 Tf 72 400 Td (Tabel 1) Tj ET"


def _page(contents: bytes = b"/Contents 4 0 R", extra: bytes = b"") -> bytes:
    return (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 3 0 R >> >> " + contents + b" " + extra + b">>"
    )


def _one_page_pdf(pdfcheck, content: bytes, **page) -> bytes:
    return pdfcheck.raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
            FONT,
            pdfcheck.stream(content),
            _page(**page),
        ]
    )


def _stamp_and_read(pdfcheck, tmp_path, source: bytes, identity):
    master = prepare(source, tmp_path / "master")
    path = tmp_path / "copy.pdf"
    path.write_bytes(stamp_bytes(master, identity))
    pdfcheck.qpdf_check(path)
    return master, path


def _poppler_shows_mark(path, identity) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (Debian package poppler-utils)")
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True
    ).stdout
    for page in text.split("\f")[:-1]:
        assert f"ID unduhan: {identity.download_id}" in page


@pytest.mark.parametrize(
    "content",
    [
        TEXT + b"\nQ\nQ\n",  # more Q than q (poppler stops drawing at an unmatched Q)
        b"1 0 0 1 50 50 cm q " + TEXT,  # a state left open: the mark must not inherit the cm
        b"BT /F1 12 Tf 72 400 Td (open text object) Tj",  # BT never closed
        b"/Artifact BMC " + TEXT,  # marked content never closed
        b"(q) Tj Q q (Q) Tj",  # operators inside strings are not operators
        b"",  # empty stream
    ],
    ids=["extra-Q", "open-q", "open-BT", "open-BMC", "strings", "empty"],
)
def test_mark_is_drawn_from_the_initial_state_whatever_the_content_does(
    content, pdfcheck, tmp_path, identity
):
    _, path = _stamp_and_read(pdfcheck, tmp_path, _one_page_pdf(pdfcheck, content), identity)
    _poppler_shows_mark(path, identity)
    page = pdfcheck.open_pdf(path).pages[0]
    _, found = pdfcheck.page_texts(page)
    footer = [f for f in found if "ID unduhan" in f.text]
    # unaffected by the content's cm: centred on the page, near the bottom
    x, y = footer[0].point(0, 0)
    assert 150 < x < 306 and 0 < y < 40


def test_page_without_contents_and_with_broken_contents(pdfcheck, tmp_path, identity):
    source = pdfcheck.raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [5 0 R 6 0 R] /Count 2 >>",
            FONT,
            pdfcheck.stream(TEXT),
            _page(b""),
            _page(b"/Contents [4 0 R 99 0 R]"),
        ]
    )
    _, path = _stamp_and_read(pdfcheck, tmp_path, source, identity)
    _poppler_shows_mark(path, identity)
    assert trace(path).evidence["text"] == identity.download_id


def test_inherited_attributes_are_honoured(pdfcheck, tmp_path, identity):
    """MediaBox, Rotate and Resources inherited from the page tree (PDF 32000-1, 7.7.3.4)."""
    source = pdfcheck.raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [5 0 R] /Count 1 /MediaBox [0 0 842 595] /Rotate 270 "
            b"/Resources << /Font << /F1 3 0 R >> >> >>",
            FONT,
            pdfcheck.stream(TEXT),
            b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
        ]
    )
    master, path = _stamp_and_read(pdfcheck, tmp_path, source, identity)
    assert master.pages[0].rotation == 270
    assert master.pages[0].box.as_list() == [0, 0, 842, 595]
    page = pdfcheck.open_pdf(path).pages[0]
    text, found = pdfcheck.page_texts(page)
    assert "Tabel 1" in text
    footer = next(f for f in found if "ID unduhan" in f.text)
    assert pdfcheck.display_angle(270, footer.direction) == pytest.approx(0, abs=0.01)


def test_existing_resource_names_are_not_overwritten(pdfcheck, tmp_path, identity):
    form = pdfcheck.stream(b"", b"/Type /XObject /Subtype /Form /BBox [0 0 1 1] ")
    source = pdfcheck.raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
            FONT,
            pdfcheck.stream(TEXT + b" /PSTWmD Do"),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 3 0 R >> /XObject << /PSTWmD 6 0 R >> >> >>",
            form,
        ]
    )
    _, path = _stamp_and_read(pdfcheck, tmp_path, source, identity)
    xobjects = pdfcheck.open_pdf(path).pages[0]["/Resources"]["/XObject"]
    assert xobjects["/PSTWmD"].get_object()["/BBox"] == [0, 0, 1, 1]
    assert {"/PSTWmD1", "/PSTWmF"} <= set(xobjects)


@pytest.mark.parametrize(
    ("objects", "message"),
    [
        ([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"],
         "tidak memiliki halaman"),
        ([b"<< /Type /Catalog >>"], "bukan PDF yang dapat dibaca"),
        ([b"<< /Type /Catalog /Pages 2 0 R >>", b"(not a page tree)"],
         "bukan PDF yang dapat dibaca"),
    ],
    ids=["no-pages", "no-page-tree", "page-tree-not-a-dictionary"],
)  # fmt: skip
def test_files_without_readable_pages_are_refused(objects, message, pdfcheck, tmp_path):
    with pytest.raises(UnreadablePdf) as caught:
        prepare(pdfcheck.raw_pdf(objects), tmp_path / "master")
    assert message in caught.value.message
    assert not (tmp_path / "master").exists()


@pytest.mark.parametrize("source", [b"", b"%PDF-1.4\n", b"\x89PNG\r\n\x1a\n" + b"\0" * 100])
def test_empty_and_foreign_files_are_refused(source, tmp_path):
    with pytest.raises(UnreadablePdf):
        prepare(source, tmp_path / "master")


def test_sources_may_be_bytes_paths_or_files(pdfcheck, tmp_path):
    data = pdfcheck.make_pdf()
    path = tmp_path / "in.pdf"
    path.write_bytes(data)
    from_bytes = prepare(data, tmp_path / "a")
    from_path = prepare(path, tmp_path / "b")
    from_file = prepare(io.BytesIO(data), tmp_path / "c")
    assert from_bytes.source_sha256 == from_path.source_sha256 == from_file.source_sha256
    assert from_bytes.file_size == from_path.file_size == from_file.file_size


def test_manifest_records_what_the_library_needs(pdfcheck, tmp_path):
    data = pdfcheck.make_pdf(
        ((595, 842, 0), (842, 595, 90), (595, 842, 0)), title="Statistik Daerah", outline=True
    )
    master = prepare(data, tmp_path / "master")
    manifest = json.loads((tmp_path / "master" / "manifest.json").read_text())
    assert manifest["version"] == 1 and manifest["page_count"] == 3
    assert manifest["title"] == "Statistik Daerah" and manifest["author"] == "BPS"
    assert manifest["outline"] == [
        {"title": f"Bab {n}", "page": n, "children": []} for n in (1, 2, 3)
    ]
    assert manifest["pages"][1] == {"box": [0, 0, 842, 595], "rotation": 90}
    assert [box.width for box in master.boxes] == [595, 842, 595]
    assert manifest["file_size"] == (tmp_path / "master" / "master.pdf").stat().st_size
    assert PreparedMaster.load(tmp_path / "master") == master


def test_master_is_valid_pdf_without_any_identity(pdfcheck, tiny_master):
    """The master opens (it shows no mark: placeholders are comments and dummy strings)."""
    pdfcheck.qpdf_check(tiny_master.master_path)
    reader = pdfcheck.open_pdf(tiny_master.master_path)
    assert reader.pdf_header == "%PDF-1.4" or reader.pdf_header > "%PDF-1.4"
    _, found = pdfcheck.page_texts(reader.pages[0])
    assert found == []
    assert trace(tiny_master.master_path) is None


def test_old_pdf_version_is_raised_for_transparency(pdfcheck, tmp_path):
    master = prepare(_one_page_pdf(pdfcheck, TEXT), tmp_path / "master")
    assert master.master_path.read_bytes().startswith(b"%PDF-1.4")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"q 1 0 0 1 0 0 cm Q", Nesting()),
        (b"Q q", Nesting(lowest=-1)),
        (b"q q Q", Nesting(depth=1)),
        (b"BT (Q) Tj ET", Nesting()),  # an operator's name inside a string
        (b"BT (a (nested Q) b \\) Q) Tj ET", Nesting()),  # nested and escaped parentheses
        (b"<51> Tj % Q in a comment\nq Q", Nesting()),  # hex string, comment
        (b"BI /W 1 /H 1 /BPC 8 /CS /G ID \x51\x20\x51 EI q Q", Nesting()),  # inline image data
        (b"/OC /oc1 BDC BT", Nesting(text=1, marked=1)),
        (b"q\nQ\nQ\n", Nesting(lowest=-1, depth=-1)),
        (b"qQ Qq", Nesting()),  # 'qQ' is one (unknown) token, not two operators
    ],
)
def test_quick_nesting_scan(content, expected):
    """The scan that decides how to wrap a page's content (confirmed by pypdf when unbalanced)."""
    assert quick_nesting(content) == expected


def test_nesting_of_consecutive_streams():
    first, second = Nesting(lowest=0, depth=2), Nesting(lowest=-3, depth=-3, marked=1)
    assert first.then(second) == Nesting(lowest=-1, depth=-1, text=0, marked=1)
