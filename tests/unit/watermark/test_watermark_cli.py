"""`python -m watermark prepare|stamp|trace|stamp-image`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from watermark.__main__ import main

REPO_ROOT = Path(__file__).resolve().parents[3]
IDENTITY_ARGS = ["--name", "Siti (Ölçü)", "--email", "siti@example.org", "--download-id"]


def test_prepare_stamp_trace(tmp_path, pdfcheck, capsys):
    source = tmp_path / "in.pdf"
    source.write_bytes(pdfcheck.make_pdf(title="Statistik"))
    assert main(["prepare", str(source), str(tmp_path / "master")]) == 0
    assert "1 halaman" in capsys.readouterr().out

    out = tmp_path / "copy.pdf"
    args = ["stamp", str(tmp_path / "master"), str(out), *IDENTITY_ARGS, "DL-2026-000123"]
    assert main([*args, "--date", "2026-11-20"]) == 0
    pdfcheck.qpdf_check(out)

    capsys.readouterr()
    assert main(["trace", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == "DL-2026-000123"
    assert "Siti (Ölçü) <siti@example.org> 2026-11-20" in captured.err


def test_trace_says_clearly_when_there_is_no_mark(tmp_path, pdfcheck, capsys):
    source = tmp_path / "plain.pdf"
    source.write_bytes(pdfcheck.make_pdf())
    assert main(["trace", str(source)]) == 1
    assert "Tidak ditemukan tanda air" in capsys.readouterr().err


def test_refusals_exit_2_with_the_librarian_message(tmp_path, capsys):
    garbage = tmp_path / "x.pdf"
    garbage.write_bytes(b"hello")
    assert main(["prepare", str(garbage), str(tmp_path / "m")]) == 2
    assert "bukan PDF yang dapat dibaca" in capsys.readouterr().err
    assert main(["stamp", str(tmp_path / "m"), str(tmp_path / "o.pdf"), *IDENTITY_ARGS, "x"]) == 2
    assert "ID unduhan tidak valid" in capsys.readouterr().err


def test_stamp_image(tmp_path, capsys):
    from PIL import Image

    source, out = tmp_path / "map.png", tmp_path / "map-stamped.png"
    Image.new("RGB", (300, 200), "white").save(source)
    assert main(["stamp-image", str(source), str(out), *IDENTITY_ARGS, "DL-2026-000777"]) == 0
    assert main(["trace", str(out)]) == 0
    assert capsys.readouterr().out.strip().endswith("DL-2026-000777")


def test_runs_as_a_module():
    result = subprocess.run(
        [sys.executable, "-m", "watermark", "--help"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0
    assert "prepare" in result.stdout and "trace" in result.stdout
