"""Office documents as PDF: invoices, kuitansi, recommendation letters, reports.

Every document the office issues carries the same letterhead (office name and address from
``PST_OFFICE_*`` settings), a title and number, then blocks: paragraphs, label/value rows,
tables with right-aligned money columns, the amount in words (terbilang), an optional QR code
that opens the public verification page, and a signature block. One module so an invoice and a
kuitansi look like they come from the same office, and so every generator is tested once.

Documents are built from plain data (:class:`Document` and its blocks), rendered with
reportlab's platypus, and returned as bytes; callers store them in the private storage.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape

import qrcode
from django.conf import settings
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from pst.formats import MONTHS, format_date, format_number
from pst.money import format_rupiah
from pst.terbilang import terbilang

__all__ = [
    "AmountInWords",
    "Document",
    "MONTHS_ID",
    "KeyValues",
    "Note",
    "Signature",
    "TableBlock",
    "Text",
    "format_date_id",
    "render_pdf",
]

#: Indonesian month names, the one list every document, report and demo page uses.
MONTHS_ID = MONTHS["id"]


def format_date_id(day: date) -> str:
    """``20 November 2026``: dates on official documents are written out in Indonesian,
    whatever language the user browses in (``pst.formats``, the site's one date format)."""
    return format_date(day, language="id")


@dataclass(frozen=True)
class Text:
    """A paragraph of plain text (escaped; line breaks kept)."""

    text: str
    bold: bool = False


@dataclass(frozen=True)
class Note:
    """Small print, e.g. payment instructions or the validity of an invoice."""

    text: str


@dataclass(frozen=True)
class KeyValues:
    """Label/value rows such as "Nomor invoice: …", "Pembeli: …"."""

    rows: Sequence[tuple[str, str]]


@dataclass(frozen=True)
class TableBlock:
    """A table with a header row. Columns listed in ``money_columns`` hold ``Decimal`` amounts
    and are printed as ``Rp 1.250.000``, right-aligned; ``footer`` rows (e.g. the total) are
    printed bold."""

    header: Sequence[str]
    rows: Sequence[Sequence[object]]
    money_columns: frozenset[int] = frozenset()
    right_columns: frozenset[int] = frozenset()
    footer: Sequence[Sequence[object]] = ()
    widths: Sequence[float] | None = None  # fractions of the text width


@dataclass(frozen=True)
class AmountInWords:
    """ "Terbilang: satu juta dua ratus lima puluh ribu rupiah" as on kuitansi and billing slips."""

    amount: Decimal


@dataclass(frozen=True)
class Signature:
    """Place and date, the signer's role and name, right-hand side as on Indonesian letters."""

    role: str
    name: str
    on: date
    nip: str = ""
    place: str = ""


@dataclass(frozen=True)
class Document:
    title: str
    number: str = ""
    blocks: Sequence[object] = field(default_factory=tuple)
    verification_url: str = ""  # printed as a QR code with the URL under it
    footer_note: str = ""


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    normal = ParagraphStyle("pst-normal", parent=base["Normal"], fontSize=10, leading=13)
    return {
        "normal": normal,
        "bold": ParagraphStyle("pst-bold", parent=normal, fontName="Helvetica-Bold"),
        "small": ParagraphStyle("pst-small", parent=normal, fontSize=8, leading=10),
        "cell": ParagraphStyle("pst-cell", parent=normal, fontSize=9, leading=11),
        "cell-right": ParagraphStyle("pst-cell-r", parent=normal, fontSize=9, alignment=TA_RIGHT),
        "office": ParagraphStyle(
            "pst-office",
            parent=normal,
            fontName="Helvetica-Bold",
            fontSize=14,
            leading=17,
            alignment=TA_CENTER,
        ),
        "address": ParagraphStyle(
            "pst-address", parent=normal, fontSize=8, leading=10, alignment=TA_CENTER
        ),
        "title": ParagraphStyle(
            "pst-title",
            parent=normal,
            fontName="Helvetica-Bold",
            fontSize=13,
            leading=16,
            alignment=TA_CENTER,
            spaceBefore=6,
        ),
        "number": ParagraphStyle("pst-number", parent=normal, alignment=TA_CENTER),
    }


def _para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def _cell(value: object, *, money: bool, style: ParagraphStyle, count: bool = False) -> Paragraph:
    if money and isinstance(value, (Decimal, int)):
        value = format_rupiah(value)
    elif count and isinstance(value, int) and not isinstance(value, bool):
        value = format_number(value, language="id")  # "1.346", the site's one number format
    return _para("" if value is None else str(value), style)


_CELL_PADDING = 6  # reportlab Table's default left and right padding, each


def _fit_header_words(block: TableBlock, width: float, style: ParagraphStyle) -> list[float]:
    """Column widths from ``block.widths``, each widened to hold its longest header word in
    bold, taken from the widest column: reportlab splits a word that does not fit, and the
    invoice printed its "Banyaknya" column header as "Banyakny/a" (issue #17)."""
    widths = [width * f for f in block.widths]
    need = [
        max((stringWidth(w, "Helvetica-Bold", style.fontSize) for w in str(h).split()), default=0)
        + 2 * _CELL_PADDING
        + 1
        for h in block.header
    ]
    deficit = sum(max(0.0, n - w) for n, w in zip(need, widths, strict=False))
    if deficit:
        widest = max(range(len(widths)), key=widths.__getitem__)
        widths = [max(w, n) for w, n in zip(widths, need, strict=False)]
        widths[widest] -= deficit
    return widths


def _table(block: TableBlock, width: float, st: dict[str, ParagraphStyle]) -> Table:
    def row(values: Sequence[object], bold: bool = False) -> list[Paragraph]:
        out = []
        for i, v in enumerate(values):
            right = i in block.money_columns or i in block.right_columns
            style = st["cell-right"] if right else st["cell"]
            if bold:
                style = ParagraphStyle(f"{style.name}-b", parent=style, fontName="Helvetica-Bold")
            money = i in block.money_columns
            out.append(_cell(v, money=money, style=style, count=right and not money))
        return out

    data = [row(block.header, bold=True)]
    data += [row(r) for r in block.rows]
    data += [row(r, bold=True) for r in block.footer]
    widths = _fit_header_words(block, width, st["cell"]) if block.widths else None
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _qr_image(url: str, size: float) -> Image:
    img = qrcode.make(url, border=1)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    buf.seek(0)
    return Image(buf, width=size, height=size)


def _block(block: object, width: float, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    if isinstance(block, Text):
        return [_para(block.text, st["bold" if block.bold else "normal"]), Spacer(1, 4)]
    if isinstance(block, Note):
        return [_para(block.text, st["small"]), Spacer(1, 4)]
    if isinstance(block, KeyValues):
        data = [[_para(k, st["normal"]), _para(f": {v}", st["normal"])] for k, v in block.rows]
        table = Table(data, colWidths=[width * 0.3, width * 0.7])
        table.setStyle(
            TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
        )
        return [table, Spacer(1, 6)]
    if isinstance(block, TableBlock):
        return [_table(block, width, st), Spacer(1, 6)]
    if isinstance(block, AmountInWords):
        words = terbilang(block.amount).capitalize()
        return [_para(f"Terbilang: {words}", st["bold"]), Spacer(1, 6)]
    if isinstance(block, Signature):
        place = block.place or settings.PST_OFFICE_CITY
        lines = [f"{place}, {format_date_id(block.on)}", block.role, "", "", "", block.name]
        if block.nip:
            lines.append(f"NIP {block.nip}")
        sig = Table(
            [[_para("", st["normal"]), _para("\n".join(lines), st["normal"])]],
            colWidths=[width * 0.55, width * 0.45],
        )
        return [Spacer(1, 10), KeepTogether(sig)]
    raise TypeError(f"unknown document block: {type(block).__name__}")


def render_pdf(document: Document) -> bytes:
    """Render ``document`` on A4 with the office letterhead; returns the PDF bytes."""
    st = _styles()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"{document.title} {document.number}".strip(),
        author=settings.PST_OFFICE_NAME,
        creator=settings.PST_SITE_NAME,
    )
    width = doc.width
    story: list[Flowable] = [
        _para(settings.PST_OFFICE_NAME.upper(), st["office"]),
        _para(settings.PST_OFFICE_ADDRESS, st["address"]),
        HRFlowable(width="100%", thickness=1.2, color=colors.black, spaceBefore=4, spaceAfter=8),
        _para(document.title.upper(), st["title"]),
    ]
    if document.number:
        story.append(_para(f"Nomor: {document.number}", st["number"]))
    story.append(Spacer(1, 10))
    for block in document.blocks:
        story.extend(_block(block, width, st))
    if document.verification_url:
        qr = _qr_image(document.verification_url, 28 * mm)
        caption = _para(
            "Pindai kode QR atau buka alamat ini untuk memeriksa keaslian dokumen:\n"
            + document.verification_url,
            st["small"],
        )
        story += [Spacer(1, 8), Table([[qr, caption]], colWidths=[32 * mm, width - 32 * mm])]
    if document.footer_note:
        story += [Spacer(1, 6), _para(document.footer_note, st["small"])]
    doc.build(story)
    return buf.getvalue()
