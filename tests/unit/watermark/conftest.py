"""Fixtures for the watermark tests: sample PDFs, prepared masters, and a reader of the mark.

No Django and no database: the watermark package is a plain library.
"""

from __future__ import annotations

import io
import logging
import math
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
# pytest-django puts the repository root on sys.path (it finds manage.py there); these tests
# also run without it (`pytest -p no:django`), so make `import watermark` work either way.
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from pypdf import PdfReader, PdfWriter  # noqa: E402

from watermark import Identity, prepare  # noqa: E402

SAMPLE_PDFS = Path(os.environ.get("PST_SAMPLE_PDFS") or REPO_ROOT.parent / "shared" / "pdfs")

# Damaged samples make pypdf log repairs at WARNING; they are expected here.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def sample_path(name: str) -> Path:
    path = SAMPLE_PDFS / name
    if not path.exists():
        pytest.skip(f"sample PDF {path} not found (set PST_SAMPLE_PDFS)")
    return path


@pytest.fixture(scope="session")
def masters(tmp_path_factory):
    """Prepare each sample at most once per test session: name -> PreparedMaster."""
    root = tmp_path_factory.mktemp("masters")
    cache = {}

    def get(name: str):
        if name not in cache:
            cache[name] = prepare(sample_path(name), root / Path(name).stem)
        return cache[name]

    return get


@pytest.fixture(scope="session")
def identity():
    return Identity(
        name="Siti Nurhaliza",
        email="siti@example.org",
        download_id="DL-2026-000123",
        date="2026-11-20",
    )


def make_pdf(pages=((612, 792, 0),), *, text="Tabel 1 Penduduk", title=None, outline=False):
    """A small PDF made with pypdf: one line of Helvetica text per page, given boxes/rotations."""
    writer = PdfWriter()
    from pypdf.generic import (
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
        NumberObject,
    )

    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )
    for index, (width, height, rotation) in enumerate(pages):
        page = writer.add_blank_page(width, height)
        if rotation:
            page[NameObject("/Rotate")] = NumberObject(rotation)
        content = DecodedStreamObject()
        content.set_data(f"BT /F1 12 Tf 72 {height / 2} Td ({text} {index + 1}) Tj ET".encode())
        page[NameObject("/Contents")] = writer._add_object(content)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        if outline:
            writer.add_outline_item(f"Bab {index + 1}", index)
    if title:
        writer.add_metadata({"/Title": title, "/Author": "BPS"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def raw_pdf(objects, *, trailer=b"/Root 1 0 R", version=b"1.3"):
    """A PDF written byte by byte (for structures pypdf would not write): ``objects`` are the
    bodies of objects 1..n; the xref table is computed."""
    out = bytearray(b"%PDF-" + version + b"\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d " % (len(objects) + 1) + trailer + b" >>\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


@pytest.fixture(scope="session")
def tiny_master(tmp_path_factory):
    """A two-page master (one page rotated) for tests that stamp many times."""
    root = tmp_path_factory.mktemp("tiny")
    source = root / "tiny.pdf"
    source.write_bytes(make_pdf(((595, 842, 0), (595, 842, 90)), title="Statistik Mini"))
    return prepare(source, root / "master")


# -- reading the mark back -------------------------------------------------------------------


def qpdf_check(path: Path) -> None:
    """`qpdf --check` must pass without warnings (skipped, with the reason, without qpdf)."""
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf is not installed (Debian package qpdf)")
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output, output


def _multiply(m, n):
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t,
            e * q + f * s + u)  # fmt: skip


def _apply(m, x, y):
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


@dataclass
class FoundText:
    """A piece of text shown on a page, with the matrix from text space to user space."""

    text: str
    matrix: tuple
    font_size: float

    def point(self, x, y):
        """A point given in text space (font units already scaled: x in points at size 1)."""
        return _apply(self.matrix, x * self.font_size, y * self.font_size)

    @property
    def origin(self):
        return self.point(0, 0)

    @property
    def direction(self):
        x0, y0 = self.origin
        x1, y1 = self.point(1, 0)
        return x1 - x0, y1 - y0


def page_texts(page, form_prefix="/PSTWm"):
    """All text of a page, and the mark lines found in our forms with their full matrices.

    pypdf extracts a form's text with the form's own matrices, so the CTM in force at the form's
    Do is recorded and composed here.
    """
    state = {"outer": None}
    found = []

    def before(operator, operands, cm, tm):
        if operator == b"Do" and operands and str(operands[0]).startswith(form_prefix):
            state["outer"] = tuple(cm)

    def on_text(text, cm, tm, font, size):
        if text.strip() and state["outer"] is not None:
            matrix = _multiply(_multiply(tuple(tm), tuple(cm)), state["outer"])
            found.append(FoundText(text, matrix, float(size)))

    text = page.extract_text(visitor_operand_before=before, visitor_text=on_text)
    return text, found


def display_point(box, rotation, x, y):
    """Where a user-space point appears on screen: the viewer turns the page clockwise by
    /Rotate about the visible box (independent of watermark.geometry on purpose)."""
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    width, height = (x1 - x0, y1 - y0) if rotation in (0, 180) else (y1 - y0, x1 - x0)
    dx, dy = x - cx, y - cy
    angle = math.radians(-rotation)
    rx = dx * math.cos(angle) - dy * math.sin(angle)
    ry = dx * math.sin(angle) + dy * math.cos(angle)
    return rx + width / 2, ry + height / 2, width, height


def display_angle(rotation, direction):
    """Angle (degrees, counter-clockwise from the reader's right) of a user-space direction."""
    angle = math.degrees(math.atan2(direction[1], direction[0])) - rotation
    return (angle + 180) % 360 - 180


def visible_box(page):
    """CropBox clipped to MediaBox, read from the original page with pypdf."""
    media = [float(v) for v in page.mediabox]
    crop = [float(v) for v in page.cropbox]
    mx0, mx1 = sorted((media[0], media[2]))
    my0, my1 = sorted((media[1], media[3]))
    cx0, cx1 = sorted((crop[0], crop[2]))
    cy0, cy1 = sorted((crop[1], crop[3]))
    box = (max(mx0, cx0), max(my0, cy0), min(mx1, cx1), min(my1, cy1))
    return box if box[0] < box[2] and box[1] < box[3] else (mx0, my0, mx1, my1)


def open_pdf(data_or_path):
    if isinstance(data_or_path, bytes):
        return PdfReader(io.BytesIO(data_or_path))
    return PdfReader(data_or_path)


class PdfChecks:
    """The helpers above, handed to tests as the `pdfcheck` fixture (conftest modules are not
    meant to be imported)."""

    qpdf_check = staticmethod(qpdf_check)
    page_texts = staticmethod(page_texts)
    display_point = staticmethod(display_point)
    display_angle = staticmethod(display_angle)
    visible_box = staticmethod(visible_box)
    open_pdf = staticmethod(open_pdf)
    make_pdf = staticmethod(make_pdf)
    raw_pdf = staticmethod(raw_pdf)
    stream = staticmethod(stream)
    sample_path = staticmethod(sample_path)


@pytest.fixture(scope="session")
def pdfcheck():
    return PdfChecks
