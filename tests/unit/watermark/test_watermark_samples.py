"""Every real-world sample in ../shared/pdfs is stamped correctly, or refused as its README says.

For each stamped copy: qpdf --check passes without warnings, page count and page text are kept,
each page shows the diagonal line and the footer inside its visible area, upright for the reader
whatever the /Rotate, a second renderer (poppler) draws the mark, and `trace` finds the id.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from watermark import PasswordRequired, UnreadablePdf, stamp_bytes, trace
from watermark.geometry import HELVETICA_ASCENT, HELVETICA_DESCENT, text_width

# file -> page count (what shared/pdfs/README.md asks: stamp every page)
STAMPED = {
    "T2_geotopo.pdf": 117,
    "M1_pdkids.pdf": 55,
    "I1_issue19971.pdf": 6,
    "enc_aes128_owneronly.pdf": 1,
    "xref_wrong_offsets.pdf": 2,
    "xref_no_startxref.pdf": 1,
    "rotated_90_180_270_360.pdf": 4,
    "rotated_0_90.pdf": 2,
    "sizes_3_different.pdf": 3,
    "mediabox_nonzero_origin.pdf": 3,
}
# file -> typed error (README: refuse at upload with a clear message)
REFUSED = {"enc_userpassword.pdf": PasswordRequired}

TOLERANCE = 0.5  # points


@pytest.fixture(scope="module")
def stamped(masters, identity, tmp_path_factory):
    """name -> (original reader, stamped bytes, stamped path), each made once."""
    root = tmp_path_factory.mktemp("stamped")
    cache = {}

    def get(name):
        if name not in cache:
            data = stamp_bytes(masters(name), identity)
            path = root / name
            path.write_bytes(data)
            cache[name] = data, path
        return cache[name]

    return get


def test_every_sample_has_an_expectation(pdfcheck):
    directory = pdfcheck.sample_path("README.md").parent
    on_disk = {path.name for path in directory.glob("*.pdf")}
    assert on_disk == set(STAMPED) | set(REFUSED)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_sample_is_refused_with_typed_error(name, pdfcheck, tmp_path):
    from watermark import prepare

    with pytest.raises(REFUSED[name]) as caught:
        prepare(pdfcheck.sample_path(name), tmp_path / "master")
    assert "kata sandi" in caught.value.message
    assert not (tmp_path / "master" / "master.pdf").exists()


def test_user_password_sample_opens_with_its_password(pdfcheck, tmp_path):
    """A librarian may supply the password (py-pdf sample-files: 'openpassword')."""
    from watermark import prepare

    master = prepare(
        pdfcheck.sample_path("enc_userpassword.pdf"), tmp_path / "m", password="openpassword"
    )
    assert master.page_count >= 1
    with pytest.raises(PasswordRequired, match="salah"):
        prepare(pdfcheck.sample_path("enc_userpassword.pdf"), tmp_path / "n", password="nope")


@pytest.mark.parametrize("name", sorted(STAMPED))
def test_sample_stamped_copy_passes_qpdf_check(name, stamped, pdfcheck):
    _, path = stamped(name)
    pdfcheck.qpdf_check(path)


@pytest.mark.parametrize("name", sorted(STAMPED))
def test_sample_keeps_pages_and_text_and_marks_every_page(name, stamped, identity, pdfcheck):
    original = pdfcheck.open_pdf(pdfcheck.sample_path(name))
    if original.is_encrypted:
        original.decrypt("")
    data, _ = stamped(name)
    copy = pdfcheck.open_pdf(data)
    assert len(copy.pages) == len(original.pages) == STAMPED[name]

    for number, (before, after) in enumerate(zip(original.pages, copy.pages, strict=True), 1):
        text, found = pdfcheck.page_texts(after)
        assert text.startswith(before.extract_text()), f"page {number}: original text changed"
        diagonal = [f for f in found if f.text.startswith("Diunduh oleh ")]
        footer = [f for f in found if "ID unduhan:" in f.text]
        assert len(diagonal) == 1 and len(footer) == 1, f"page {number}: {found}"
        assert diagonal[0].text.endswith(f"2026-11-20 \u00b7 {identity.download_id}")
        assert footer[0].text == f"PST Online \u00b7 ID unduhan: {identity.download_id}"

        box = pdfcheck.visible_box(before)
        rotation = int(before.get("/Rotate", 0) or 0) % 360
        extents = [_check_inside(f, box, rotation, pdfcheck, number) for f in (*diagonal, *footer)]
        (dx0, dy0, dx1, dy1), (fx0, fy0, fx1, _) = extents
        _, _, width, height = pdfcheck.display_point(box, rotation, box[0], box[1])

        angle = pdfcheck.display_angle(rotation, diagonal[0].direction)
        assert 5 < angle < 85, f"page {number}: diagonal at {angle:.1f} degrees for the reader"
        assert dx1 - dx0 < 0.9 * width and dy1 - dy0 < 0.9 * height, "diagonal edge to edge"

        angle = pdfcheck.display_angle(rotation, footer[0].direction)
        assert abs(angle) < 0.5, f"page {number}: footer at {angle:.1f} degrees"
        assert fy0 < 0.1 * height + 2, f"page {number}: footer not at the reader's bottom"
        assert abs((fx0 + fx1) / 2 - width / 2) < 1, f"page {number}: footer not centred"


def _check_inside(found, box, rotation, pdfcheck, number):
    """All four corners of the text's glyph box lie in the visible box; returns the text's
    extent in display coordinates (x0, y0, x1, y1)."""
    width = text_width(found.text.encode("cp1252"))
    corners = [
        found.point(x, y)
        for x in (0, width)
        for y in (HELVETICA_DESCENT / 1000, HELVETICA_ASCENT / 1000)
    ]
    x0, y0, x1, y1 = box
    for x, y in corners:
        assert x0 - TOLERANCE <= x <= x1 + TOLERANCE and y0 - TOLERANCE <= y <= y1 + TOLERANCE, (
            f"page {number}: {found.text[:20]!r} reaches ({x:.1f}, {y:.1f}) outside {box}"
        )
    shown = [pdfcheck.display_point(box, rotation, x, y)[:2] for x, y in corners]
    xs, ys = [p[0] for p in shown], [p[1] for p in shown]
    return min(xs), min(ys), max(xs), max(ys)


@pytest.mark.parametrize("name", sorted(STAMPED))
def test_sample_mark_is_drawn_by_poppler_on_every_page(name, stamped, identity):
    """A second renderer draws the mark too (poppler stops a page at an unmatched Q, so this
    catches a mark placed after content that pops more states than it saves)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (Debian package poppler-utils)")
    _, path = stamped(name)
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True
    )
    pages = result.stdout.split("\f")[: STAMPED[name]]
    assert len(pages) == STAMPED[name]
    for number, page in enumerate(pages, 1):
        assert re.search(rf"ID unduhan:\s*{identity.download_id}", page), f"page {number}"


@pytest.mark.parametrize("name", sorted(STAMPED))
def test_sample_trace_finds_the_download_id(name, stamped, identity):
    data, _ = stamped(name)
    result = trace(data)
    assert result is not None
    assert result.download_id == identity.download_id
    assert result.evidence == dict.fromkeys(("info", "trailer_id", "text"), identity.download_id)
    assert (result.name, result.email, result.date) == (
        identity.name,
        identity.email,
        "2026-11-20",
    )


@pytest.mark.parametrize("name", sorted(STAMPED))
def test_sample_keeps_outline_links_and_metadata(name, stamped, pdfcheck, masters):
    original = pdfcheck.open_pdf(pdfcheck.sample_path(name))
    if original.is_encrypted:
        original.decrypt("")
    copy = pdfcheck.open_pdf(stamped(name)[0])
    assert _titles(copy, copy.outline) == _titles(original, original.outline)
    for before, after in zip(original.pages, copy.pages, strict=True):
        assert _links(after) == _links(before)
    for key in ("/Title", "/Author"):
        assert (copy.metadata or {}).get(key) == (original.metadata or {}).get(key)
    master = masters(name)
    assert master.title == ((original.metadata or {}).get("/Title") or None)


def test_outline_is_recorded_in_the_manifest(masters):
    master = masters("T2_geotopo.pdf")
    assert len(master.outline) == 11
    assert all(entry.page is not None and 1 <= entry.page <= 117 for entry in master.outline)
    assert any(entry.children for entry in master.outline)


def _titles(reader, items):
    return [
        _titles(reader, item)
        if isinstance(item, list)
        else (item.title, reader.get_destination_page_number(item))
        for item in items
    ]


def _links(page):
    annotations = page.get("/Annots")
    annotations = annotations.get_object() if annotations is not None else []
    return [
        (str(a.get_object().get("/Subtype")), [round(float(v), 2) for v in a.get_object()["/Rect"]])
        for a in annotations or []
    ]


@pytest.mark.parametrize("name", sorted(STAMPED))
def test_sample_copy_has_no_earlier_unmarked_revision(name, stamped):
    """One revision only: cutting the file at an earlier %%EOF cannot recover an unmarked copy."""
    data, _ = stamped(name)
    assert data.count(b"%%EOF") == 1 and data.rstrip().endswith(b"%%EOF")
    assert data.count(b"startxref") == 1
    assert b"/Prev" not in data[data.rindex(b"trailer") :]


@pytest.mark.parametrize("name", ["xref_wrong_offsets.pdf", "xref_no_startxref.pdf"])
def test_damaged_sample_master_is_repaired(name, masters, pdfcheck):
    master = masters(name)
    pdfcheck.qpdf_check(master.master_path)


def test_garbage_is_refused_as_unreadable(tmp_path):
    from watermark import prepare

    with pytest.raises(UnreadablePdf) as caught:
        prepare(b"this is not a pdf", tmp_path / "m")
    assert "PDF" in caught.value.message
