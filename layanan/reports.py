"""Exports and printed reports of the PST services: SKM responses and IKM as CSV/XLSX, the
yearly survey report and the head of office's performance report as PDF (``pst.pdfdoc``)."""

from __future__ import annotations

import io

from django.utils import timezone
from openpyxl import Workbook

from pst import ikm, pdfdoc
from pst.clock import office_today
from pst.exports import csv_writer, xlsx_append
from pst.formats import format_number

from . import selectors
from .models import SatisfactionSurvey

ELEMENT_LABELS = [element.label for element in ikm.Element]


def _fmt(value) -> str:
    """Decimal with the Indonesian comma and grouping, as the regulation's tables print it
    (the site's one number format, ``pst.formats``); the PDF is an Indonesian document."""
    return "" if value is None else format_number(value, language="id")


def survey_rows(qs) -> tuple[list[str], list[list[object]]]:
    header = [
        "Tanggal",
        "Layanan",
        "Kanal",
        *[f"U{i} {label}" for i, label in enumerate(ELEMENT_LABELS, start=1)],
        "Saran",
    ]
    rows = [
        [
            timezone.localtime(s.created_at).strftime("%Y-%m-%d %H:%M"),
            s.get_service_display(),
            s.get_channel_display(),
            *s.scores,
            s.suggestion,
        ]
        for s in qs.order_by("created_at")
    ]
    return header, rows


def summary_rows(rows: list[selectors.IkmRow]) -> tuple[list[str], list[list[object]]]:
    header = [
        "Layanan",
        "Responden",
        *[f"NRR U{i}" for i in range(1, 10)],
        "IKM",
        "IKM x 25",
        "Mutu",
    ]
    out = []
    for row in rows:
        r = row.result
        if r is None:
            out.append([str(row.label), 0, *[""] * 9, "", "", ""])
        else:
            out.append(
                [
                    str(row.label),
                    r.respondents,
                    *r.nrr,
                    r.ikm,
                    r.converted,
                    f"{r.grade.letter} ({r.grade.label})",
                ]
            )
    return header, out


def surveys_csv(qs) -> bytes:
    header, rows = survey_rows(qs)
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")  # BOM: Excel opens it as UTF-8


def surveys_xlsx(qs, summary: list[selectors.IkmRow]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "IKM"
    header, rows = summary_rows(summary)
    xlsx_append(sheet, header)
    for row in rows:
        xlsx_append(sheet, [float(v) if hasattr(v, "as_tuple") else v for v in row])
    responses = book.create_sheet("Kuesioner")
    header, rows = survey_rows(qs)
    xlsx_append(responses, header)
    for row in rows:
        xlsx_append(responses, row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def yearly_survey_report(
    *, year: int, signer_name: str, signer_role: str, signer_nip: str = ""
) -> bytes:
    """The yearly SKM report (PermenPANRB 14/2017 asks for a survey at least once a year):
    respondents, NRR per element, IKM and grade per service and per month."""
    since, until = selectors.period_bounds(year)
    overall = selectors.ikm_of(since=since, until=until)
    blocks: list[object] = [
        pdfdoc.Text(
            "Survei Kepuasan Masyarakat (SKM) atas Pelayanan Statistik Terpadu disusun menurut "
            "Peraturan Menteri PANRB Nomor 14 Tahun 2017: sembilan unsur pelayanan dinilai 1-4 "
            "oleh pengguna layanan; nilai rata-rata per unsur (NRR) dijumlahkan dengan bobot "
            "1/9, lalu dikonversi ke skala 25-100 (IKM x 25)."
        )
    ]
    if overall is None:
        blocks.append(pdfdoc.Text(f"Belum ada kuesioner yang diisi pada tahun {year}."))
    else:
        blocks += [
            pdfdoc.KeyValues(
                [
                    ("Periode", f"1 Januari - 31 Desember {year}"),
                    ("Jumlah responden", str(overall.respondents)),
                    ("Nilai IKM", f"{_fmt(overall.ikm)} (konversi {_fmt(overall.converted)})"),
                    ("Mutu pelayanan", f"{overall.grade.letter} ({overall.grade.label})"),
                ]
            ),
            pdfdoc.Text("Nilai rata-rata per unsur (seluruh layanan)", bold=True),
            pdfdoc.TableBlock(
                header=["Unsur", "Uraian", "NRR"],
                rows=[[f"U{e.value}", e.label, _fmt(overall.nrr_of(e))] for e in ikm.Element],
                right_columns=frozenset({2}),
                widths=(0.1, 0.7, 0.2),
            ),
        ]
    blocks.append(pdfdoc.Text("IKM per layanan", bold=True))
    blocks.append(
        pdfdoc.TableBlock(
            header=["Layanan", "Responden", "IKM", "Konversi", "Mutu"],
            rows=[
                [
                    str(row.label),
                    row.result.respondents,
                    _fmt(row.result.ikm),
                    _fmt(row.result.converted),
                    f"{row.result.grade.letter} ({row.result.grade.label})",
                ]
                if row.result
                else [str(row.label), 0, "-", "-", "-"]
                for row in selectors.ikm_by_service(since=since, until=until)
            ],
            right_columns=frozenset({1, 2, 3}),
        )
    )
    blocks.append(pdfdoc.Text("IKM per bulan", bold=True))
    blocks.append(
        pdfdoc.TableBlock(
            header=["Bulan", "Responden", "Konversi", "Mutu"],
            rows=[
                [pdfdoc.MONTHS_ID[month - 1], r.respondents, _fmt(r.converted), r.grade.letter]
                if r
                else [pdfdoc.MONTHS_ID[month - 1], 0, "-", "-"]
                for month, r in selectors.ikm_by_month(year=year)
            ],
            right_columns=frozenset({1, 2}),
        )
    )
    suggestions = (
        SatisfactionSurvey.objects.filter(created_at__gte=since, created_at__lt=until)
        .exclude(suggestion="")
        .count()
    )
    blocks.append(
        pdfdoc.Note(f"Saran tertulis yang diterima: {suggestions}; rinciannya pada ekspor XLSX.")
    )
    blocks.append(
        pdfdoc.Signature(role=signer_role, name=signer_name, nip=signer_nip, on=office_today())
    )
    return pdfdoc.render_pdf(
        pdfdoc.Document(title=f"Laporan Survei Kepuasan Masyarakat Tahun {year}", blocks=blocks)
    )


def performance_report(
    *, year: int, month: int, rows, signer_name: str, signer_nip: str = ""
) -> bytes:
    """The monthly performance report of the PST for the head of office, as a PDF: one row
    per service whatever the door (requests per channel beside it), plus the queue rows."""
    channel = {"online": "Daring", "walk_in": "Tatap muka", "all": "Semua"}
    names = {"online": "daring", "walk_in": "tatap muka"}

    def channel_cell(row) -> str:
        if row.queue:
            return "Antrian tatap muka"
        if row.breakdown:
            parts = ", ".join(f"{names[c]} {n}" for c, n in row.breakdown)
            return f"{channel[row.channel]} ({parts})"
        return channel[row.channel]

    table_rows = [
        [
            str(row.label),
            channel_cell(row),
            row.requests,
            row.completed,
            row.within_standard,
            row.late,
            f"{_fmt(row.average)} {row.unit}" if row.average is not None else "-",
            f"{_fmt(row.ikm.converted)} ({row.ikm.grade.letter})" if row.ikm else "-",
            row.complaints,
        ]
        for row in rows
    ]
    return pdfdoc.render_pdf(
        pdfdoc.Document(
            title=f"Laporan Kinerja PST {pdfdoc.MONTHS_ID[month - 1]} {year}",
            blocks=[
                pdfdoc.TableBlock(
                    header=[
                        "Layanan",
                        "Kanal",
                        "Permintaan",
                        "Selesai",
                        "Tepat waktu",
                        "Terlambat",
                        "Rata-rata waktu",
                        "IKM",
                        "Pengaduan",
                    ],
                    rows=table_rows,
                    right_columns=frozenset({2, 3, 4, 5, 8}),
                    widths=(0.16, 0.16, 0.1, 0.07, 0.09, 0.09, 0.11, 0.1, 0.1),
                ),
                pdfdoc.Note(
                    "Konsultasi dan rekomendasi daring dan tatap muka dicatat dalam satu baris "
                    "(rincian per kanal dalam kurung), waktunya dalam hari kerja (kalender "
                    "kantor). Baris antrian tatap muka: menit sejak nomor antrian sebelumnya "
                    "dipanggil. Penjualan daring dihitung dari permintaan lengkap sampai produk "
                    "diserahkan."
                ),
                pdfdoc.Signature(
                    role="Kepala Kantor", name=signer_name, nip=signer_nip, on=office_today()
                ),
            ],
        )
    )
