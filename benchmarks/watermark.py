"""Per-download cost of the watermark engine against the usual ways of stamping a PDF.

For each shared sample PDF and a generated 500-page report, in the same run:

  engine   watermark.stamp_to_file: copy the prepared master, overwrite its placeholders
  stream   watermark.iter_stamped consumed in 64 KiB chunks (the HTTP download path)
  (a)      pypdf: merge a per-reader overlay onto every page (PageObject.merge_page), write
  (b)      pikepdf: Page.add_overlay of a per-reader overlay on every page, save
  (c)      copy the uploaded file's bytes (shutil.copyfile): the baseline of `engine`
  (d)      read the uploaded file in 64 KiB chunks: the baseline of `stream` (serving the file
           unmarked)

and prints medians per stamped copy, the ratios (a)/engine, (b)/engine, engine/(c), stream/(d),
and the peak Python memory of streaming one copy (tracemalloc). The overlay for (a) and (b) is
drawn with reportlab per copy, as a per-reader mark must be. Not part of the test suite.

    .venv/bin/python benchmarks/watermark.py [--quick] [--pdfs DIR]
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

import pikepdf  # noqa: E402  (benchmark-only dependency)
from pypdf import PdfReader, PdfWriter  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.units import cm  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from watermark import Identity, iter_stamped, prepare, stamp_to_file  # noqa: E402
from watermark.marks import diagonal_line, footer_line  # noqa: E402

DEFAULT_PDFS = Path(os.environ.get("PST_SAMPLE_PDFS") or REPO_ROOT.parent / "shared" / "pdfs")
REFUSED = {"enc_userpassword.pdf"}  # needs a user password: refused at upload
IDENTITY = Identity("Siti Nurhaliza", "siti@example.org", "DL-2026-000123", "2026-11-20")


def make_report(path: Path, pages: int = 500) -> Path:
    """A statistical report: a heading, a 30-row table of figures and a page number per page."""
    drawing = canvas.Canvas(str(path), pagesize=A4)
    drawing.setTitle("Statistik Daerah 2026 (benchmark)")
    drawing.setAuthor("BPS")
    width, height = A4
    for page in range(1, pages + 1):
        drawing.setFont("Helvetica-Bold", 13)
        drawing.drawString(2 * cm, height - 2 * cm, f"Tabel {page}. Penduduk menurut kecamatan")
        drawing.bookmarkPage(f"p{page}")
        if page % 20 == 1:
            drawing.addOutlineEntry(f"Bab {page // 20 + 1}", f"p{page}")
        drawing.setFont("Helvetica", 9)
        for row in range(30):
            y = height - 3.2 * cm - row * 0.75 * cm
            drawing.drawString(2 * cm, y, f"Kecamatan {row + 1:02d}")
            for column in range(5):
                value = (page * 7919 + row * 104729 + column * 1299709) % 100000
                drawing.drawRightString(
                    9 * cm + column * 2.3 * cm, y, f"{value:,}".replace(",", ".")
                )
            drawing.line(2 * cm, y - 0.2 * cm, width - 2 * cm, y - 0.2 * cm)
        drawing.drawCentredString(width / 2, 1.2 * cm, str(page))
        drawing.showPage()
    drawing.save()
    return path


def overlay_pdf(identity: Identity, width: float = 612, height: float = 792) -> bytes:
    """The per-reader overlay a merge-based stamper draws (same lines as the engine's mark)."""
    out = io.BytesIO()
    drawing = canvas.Canvas(out, pagesize=(width, height))
    drawing.setFillGray(0.45, 0.3)
    drawing.setFont("Helvetica", 18)
    drawing.saveState()
    drawing.translate(width / 2, height / 2)
    drawing.rotate(45)
    drawing.drawCentredString(0, 0, diagonal_line(identity).decode("cp1252"))
    drawing.restoreState()
    drawing.setFont("Helvetica", 8)
    drawing.drawCentredString(width / 2, 16, footer_line(identity).decode("cp1252"))
    drawing.save()
    return out.getvalue()


def pypdf_merge(source: Path, out: Path) -> None:
    reader = PdfReader(source, strict=False)
    if reader.is_encrypted:
        reader.decrypt("")
    overlay = PdfReader(io.BytesIO(overlay_pdf(IDENTITY))).pages[0]
    writer = PdfWriter(clone_from=reader)
    for page in writer.pages:
        page.merge_page(overlay)
    writer.write(out)


def pikepdf_overlay(source: Path, out: Path) -> None:
    with pikepdf.open(source) as pdf, pikepdf.open(io.BytesIO(overlay_pdf(IDENTITY))) as mark:
        for page in pdf.pages:
            page.add_overlay(mark.pages[0])
        pdf.save(out)


def engine_stream(master) -> None:
    for _ in iter_stamped(master, IDENTITY):
        pass  # the HTTP server would write the chunk to the socket


def byte_read(source: Path) -> None:
    with open(source, "rb") as stream:
        while stream.read(64 * 1024):
            pass


def median_seconds(action: Callable[[Path], None], repeat: int, scratch: Path) -> float:
    """Median time of ``action(out)``. Every run writes a new file: overwriting one makes ext4
    flush the old blocks (auto_da_alloc), a cost that belongs to neither method."""
    timings = []
    for run in range(repeat + 1):
        out = scratch / f"out-{run}.pdf"
        start = time.perf_counter()
        action(out)
        elapsed = time.perf_counter() - start
        if run:  # the first run warms the page cache and imports
            timings.append(elapsed)
        out.unlink(missing_ok=True)
    return statistics.median(timings)


def stream_peak_bytes(master) -> int:
    tracemalloc.start()
    try:
        for _ in iter_stamped(master, IDENTITY):
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


COLUMNS = (
    # title, width, format of the value
    ("file", 28, "<28"),
    ("pages", 6, ">6"),
    ("MB", 6, ">6.2f"),
    ("prepare s", 10, ">10.2f"),
    ("| engine", 9, ">9.2f"),
    ("stream", 8, ">8.2f"),
    ("(a) pypdf", 10, ">10.1f"),
    ("(b) pike", 9, ">9.1f"),
    ("(c) copy", 9, ">9.2f"),
    ("(d) read", 9, ">9.2f"),
    ("| a/eng", 8, ">8.0f"),
    ("b/eng", 6, ">6.0f"),
    ("eng/c", 6, ">6.1f"),
    ("str/d", 6, ">6.1f"),
    ("peak KiB", 9, ">9.0f"),
)


def measure(source: Path, scratch: Path, fast: int, slow: int) -> list:
    """One table row: prepare once, then the medians of each way of making one copy."""
    started = time.perf_counter()
    master = prepare(source, scratch / f"master-{source.stem}")
    prepare_seconds = time.perf_counter() - started
    if master.page_count >= 200:
        slow = max(1, slow // 2)

    def timed(action, repeat):
        return 1000 * median_seconds(action, repeat, scratch)

    engine = timed(lambda out: stamp_to_file(master, IDENTITY, out), fast)
    stream = timed(lambda out: engine_stream(master), fast)
    merged = timed(lambda out: pypdf_merge(source, out), slow)
    overlaid = timed(lambda out: pikepdf_overlay(source, out), slow)
    copied = timed(lambda out: shutil.copyfile(source, out), fast)
    read = timed(lambda out: byte_read(source), fast)
    return [
        source.name[:27],
        master.page_count,
        source.stat().st_size / 1e6,
        prepare_seconds,
        engine,
        stream,
        merged,
        overlaid,
        copied,
        read,
        merged / engine,
        overlaid / engine,
        engine / copied,
        stream / read,
        stream_peak_bytes(master) / 1024,
    ]


def run(pdf_dir: Path, quick: bool) -> None:
    fast, slow = (5, 1) if quick else (31, 5)
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        sources = sorted(p for p in pdf_dir.glob("*.pdf") if p.name not in REFUSED)
        started = time.perf_counter()
        sources.append(make_report(scratch / "report_500_pages.pdf"))
        print(f"generated the 500-page report in {time.perf_counter() - started:.1f} s\n")
        print("medians per stamped copy in milliseconds; peak: Python memory of streaming a copy")
        header = "".join(f"{title:>{width}}" if i else f"{title:<{width}}"
                         for i, (title, width, _) in enumerate(COLUMNS))  # fmt: skip
        print(header)
        print("-" * len(header))
        for source in sources:
            row = measure(source, scratch, fast, slow)
            cells = zip(row, COLUMNS, strict=True)
            print("".join(format(value, spec) for value, (_, _, spec) in cells), flush=True)
        print(
            f"\nrepetitions: engine, stream, copy and read {fast}; pypdf and pikepdf {slow} "
            f"(halved for 200+ pages). Python {sys.version.split()[0]}, "
            f"pikepdf {pikepdf.__version__}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--pdfs", type=Path, default=DEFAULT_PDFS, help="sample PDF directory")
    args = parser.parse_args()
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # the damaged samples log repairs
    run(args.pdfs, args.quick)


if __name__ == "__main__":
    main()
