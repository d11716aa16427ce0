"""Per-download stamping: what differs between copies, streaming, broken masters, and tracing
copies that went through other PDF tools."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tracemalloc

import pikepdf
import pytest
from pypdf import PdfWriter

from watermark import (
    Identity,
    MasterCorrupt,
    iter_stamped,
    stamp_bytes,
    stamp_to_file,
    trace,
)

OTHER = Identity("Budi Santoso", "budi@example.id", "DL-2026-000456", "2026-11-21")


def _changed_ranges(first: bytes, second: bytes) -> list[int]:
    return [index for index, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]


def test_two_downloads_differ_only_in_mark_and_id(tiny_master, identity, pdfcheck):
    first = stamp_bytes(tiny_master, identity)
    second = stamp_bytes(tiny_master, OTHER)
    assert len(first) == len(second) == tiny_master.file_size
    ranges = [(p.offset, p.offset + p.length) for p in tiny_master.placeholders]
    changed = _changed_ranges(first, second)
    assert changed, "the copies must differ"
    assert all(any(start <= i < end for start, end in ranges) for i in changed)

    first_pdf, second_pdf = pdfcheck.open_pdf(first), pdfcheck.open_pdf(second)
    assert first_pdf.trailer["/ID"] != second_pdf.trailer["/ID"]
    assert first_pdf.metadata["/PSTDownloadId"] == identity.download_id
    assert second_pdf.metadata["/PSTDownloadId"] == OTHER.download_id
    assert first_pdf.metadata["/Title"] == second_pdf.metadata["/Title"] == "Statistik Mini"
    for page_a, page_b in zip(first_pdf.pages, second_pdf.pages, strict=True):
        _, marks_a = pdfcheck.page_texts(page_a)
        _, marks_b = pdfcheck.page_texts(page_b)
        assert [m.text for m in marks_a] != [m.text for m in marks_b]
        assert "Budi Santoso (budi@example.id)" in marks_b[0].text


@pytest.mark.parametrize("chunk_size", [1, 7, 1000, 4096, 65536, 10**9])
def test_streamed_copy_equals_the_copy_in_memory(tiny_master, identity, chunk_size):
    chunks = list(iter_stamped(tiny_master, identity, chunk_size=chunk_size))
    assert b"".join(chunks) == stamp_bytes(tiny_master, identity)
    assert all(len(chunk) <= chunk_size for chunk in chunks)


def test_stamp_accepts_a_master_directory(tiny_master, identity, tmp_path):
    out = stamp_to_file(tiny_master.master_dir, identity, tmp_path / "copy.pdf")
    assert out.read_bytes() == stamp_bytes(tiny_master, identity)


def test_streaming_memory_does_not_grow_with_the_file(masters, identity):
    master = masters("I1_issue19971.pdf")  # 1.7 MB
    tracemalloc.start()
    try:
        total = 0
        for chunk in iter_stamped(master, identity, chunk_size=64 * 1024):
            total += len(chunk)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert total == master.file_size
    assert peak < 400 * 1024, f"peak {peak} bytes for a {master.file_size}-byte master"


def _copy_master(tiny_master, tmp_path):
    target = tmp_path / "master"
    shutil.copytree(tiny_master.master_dir, target)
    return target


@pytest.mark.parametrize(
    "damage",
    ["placeholder-overwritten", "truncated", "manifest-missing", "manifest-version", "pdf-missing"],
)
def test_a_damaged_master_is_refused_before_any_byte_is_sent(
    damage, tiny_master, identity, tmp_path
):
    master_dir = _copy_master(tiny_master, tmp_path)
    pdf, manifest = master_dir / "master.pdf", master_dir / "manifest.json"
    if damage == "placeholder-overwritten":
        data = bytearray(pdf.read_bytes())
        offset = tiny_master.placeholders[0].offset
        data[offset : offset + 4] = b"XXXX"
        pdf.write_bytes(bytes(data))
    elif damage == "truncated":
        pdf.write_bytes(pdf.read_bytes()[:-10])
    elif damage == "manifest-missing":
        manifest.unlink()
    elif damage == "manifest-version":
        content = json.loads(manifest.read_text())
        content["version"] = 99
        manifest.write_text(json.dumps(content))
    else:
        pdf.unlink()
    stream = iter_stamped(master_dir, identity)
    with pytest.raises(MasterCorrupt) as caught:
        next(stream)
    assert "siapkan ulang" in caught.value.message
    with pytest.raises(MasterCorrupt):
        stamp_to_file(master_dir, identity, tmp_path / "copy.pdf")
    assert not (tmp_path / "copy.pdf").exists()


# -- copies that went through other tools ------------------------------------------------------


def _qpdf_resave(data: bytes, tmp_path) -> bytes:
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf is not installed")
    source, target = tmp_path / "in.pdf", tmp_path / "out.pdf"
    source.write_bytes(data)
    subprocess.run(
        ["qpdf", "--object-streams=generate", "--compress-streams=y", "--linearize", str(source),
         str(target)],
        check=True,
    )  # fmt: skip
    return target.read_bytes()


def _pikepdf_resave(data: bytes, tmp_path) -> bytes:
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.save(out, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def _pypdf_rewrite(data: bytes, tmp_path) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(data))
    writer.compress_identical_objects()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _strip_metadata(data: bytes, tmp_path) -> bytes:
    """What a leaker who knows about metadata does: drop Info and replace /ID."""
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        del pdf.trailer["/Info"]
        pdf.trailer.ID = pikepdf.Array([pikepdf.String(b"\x01" * 16)] * 2)
        pdf.save(out)
    return out.getvalue()


def _print_to_pdf(data: bytes, tmp_path) -> bytes:
    """A copy rebuilt from the rendered pages (poppler's cairo backend), like "print to PDF"."""
    if shutil.which("pdftocairo") is None:
        pytest.skip("pdftocairo is not installed (Debian package poppler-utils)")
    source, target = tmp_path / "in.pdf", tmp_path / "out.pdf"
    source.write_bytes(data)
    subprocess.run(["pdftocairo", "-pdf", str(source), str(target)], check=True)
    return target.read_bytes()


@pytest.mark.parametrize(
    ("resave", "expected_sources"),
    [
        (_qpdf_resave, {"info", "trailer_id", "text"}),
        (_pikepdf_resave, {"info", "trailer_id", "text"}),
        (_pypdf_rewrite, {"info", "trailer_id", "text"}),
        (_strip_metadata, {"text"}),
        (_print_to_pdf, {"text"}),
    ],
    ids=["qpdf", "pikepdf", "pypdf", "metadata-stripped", "print-to-pdf"],
)
def test_trace_survives_other_tools(resave, expected_sources, tiny_master, identity, tmp_path):
    copy = resave(stamp_bytes(tiny_master, identity), tmp_path)
    result = trace(copy)
    assert result is not None, "no mark found"
    assert result.download_id == identity.download_id
    assert set(result.evidence) == expected_sources
    assert result.consistent


def test_trace_reports_a_tampered_copy(tiny_master, identity):
    copy = stamp_bytes(tiny_master, identity)
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(copy)) as pdf:
        pdf.docinfo["/PSTDownloadId"] = OTHER.download_id
        pdf.save(out)
    result = trace(out.getvalue())
    assert result.download_id == identity.download_id  # the pages outvote the metadata
    assert not result.consistent
    assert result.evidence["info"] == OTHER.download_id


@pytest.mark.parametrize("data", [b"not a pdf", b"%PDF-1.4\n%%EOF"])
def test_trace_of_something_unmarked_is_none(data, pdfcheck):
    assert trace(data) is None
    assert trace(pdfcheck.make_pdf()) is None


def test_loaded_master_is_reused_until_its_manifest_is_rewritten(tmp_path, pdfcheck):
    """Downloads reuse the parsed manifest (no re-parse per copy), but a re-prepared or edited
    manifest is read again, never served stale."""
    from watermark import PreparedMaster, prepare

    source = tmp_path / "doc.pdf"
    source.write_bytes(pdfcheck.make_pdf(((595, 842, 0),), title="Satu"))
    master = prepare(source, tmp_path / "master")
    first = PreparedMaster.load(master.master_dir)
    assert PreparedMaster.load(str(master.master_dir)) is first
    source.write_bytes(pdfcheck.make_pdf(((595, 842, 0), (842, 595, 0)), title="Dua"))
    prepare(source, tmp_path / "master")
    again = PreparedMaster.load(master.master_dir)
    assert again is not first and again.page_count == 2
