"""Uploads and records of the PST services (issue #10)."""

from __future__ import annotations

import io
import zipfile
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter


def pdf_upload(name: str = "bukti.pdf", *, author: str = "") -> SimpleUploadedFile:
    """A real one-page PDF; ``author`` goes into its metadata (to test that it is stripped)."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if author:
        writer.add_metadata({"/Author": author})
    out = io.BytesIO()
    writer.write(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/pdf")


def jpeg_upload(name: str = "foto.jpg", *, exif_artist: str = "") -> SimpleUploadedFile:
    """A real JPEG, optionally with an EXIF Artist tag (personal data an anonymous upload must
    lose)."""
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    out = io.BytesIO()
    if exif_artist:
        exif = Image.Exif()
        exif[0x013B] = exif_artist  # Artist
        image.save(out, format="JPEG", exif=exif)
    else:
        image.save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def fake_pdf_upload(name: str = "virus.pdf") -> SimpleUploadedFile:
    """Named and typed as a PDF, but an executable: refused by content."""
    return SimpleUploadedFile(name, b"MZ\x90\x00not a pdf", content_type="application/pdf")


def docx_upload(name: str = "laporan.docx") -> SimpleUploadedFile:
    """The smallest zip a Word document is recognised by (``word/document.xml``)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("docProps/core.xml", "<dc:creator>Budi Santoso</dc:creator>")
    return SimpleUploadedFile(name, out.getvalue())


def activity_plan(**overrides) -> dict:
    """A complete plan of a statistical activity, as the recommendation form posts it."""
    plan = {
        "title": "Survei Kepuasan Pelanggan PDAM 2027",
        "organiser": "PDAM Tirta Kota",
        "purpose": "Mengukur kepuasan pelanggan air minum.",
        "method": "Wawancara tatap muka dengan kuesioner kertas.",
        "population": "Seluruh rumah tangga pelanggan PDAM.",
        "sample": "400 rumah tangga, sampel acak sistematis dari daftar pelanggan.",
        "variables": "Kualitas air, kontinuitas, tarif, layanan pengaduan.",
        "schedule_start": date(2027, 2, 1),
        "schedule_end": date(2027, 3, 31),
    }
    plan.update(overrides)
    return plan


def drafted_recommendation(*, user, officer, **plan):
    """A request taken through submit -> complete -> letter draft by the real services."""
    from layanan import services

    recommendation = services.recommendation_submit(user=user, plan=activity_plan(**plan))
    services.recommendation_accept(recommendation=recommendation, officer=officer)
    recommendation.refresh_from_db()
    return services.recommendation_draft_letter(
        recommendation=recommendation, officer=officer, letter_text=recommendation.letter_text
    )
