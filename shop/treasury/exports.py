"""The daily and monthly treasury report as XLSX (openpyxl) and PDF (``pst.pdfdoc``, the
office letterhead every generated document uses). Both are built from the same
:class:`shop.treasury.selectors.Report`, so the two files always show the same figures."""

from __future__ import annotations

import functools
import io
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Font

from pst.exports import xlsx_append
from pst.pdfdoc import Document, KeyValues, Note, Signature, TableBlock, format_date_id, render_pdf
from shop.pricing.tariffs import SCHEDULES

from .selectors import Report

PRODUCT_TYPE_LABELS = {
    "publikasi_elektronik": "Publikasi elektronik",
    "data_mikro": "Data mikro",
    "peta_wks": "Peta digital WKS",
    "lainnya": "Lainnya",
}


def product_type_label(value: str) -> str:
    return PRODUCT_TYPE_LABELS.get(value, value)


#: The same product types as the bendahara's pages read them, in the page's language (the
#: English desk showed "Publikasi elektronik"); the files above stay Indonesian.
PRODUCT_TYPE_NAMES = {
    "publikasi_elektronik": _("E-publication"),
    "data_mikro": _("Microdata"),
    "peta_wks": _("Digital WKS map"),
    "lainnya": _("Other"),
}


def product_type_name(value: str) -> str:
    return str(PRODUCT_TYPE_NAMES.get(value, product_type_label(value)))


@functools.cache
def _tariff_descriptions() -> dict[str, str]:
    return {str(item.code): item.description for s in SCHEDULES for item in s.items}


def tariff_item_label(code: str) -> str:
    """The schedule's wording of a tariff line ("Publikasi elektronik, 50 halaman pertama"),
    as the regulation names it, for the reports; the code itself when unknown."""
    return _tariff_descriptions().get(code, "Lainnya" if code == "lainnya" else code)


def _period_label(report: Report) -> str:
    if report.start == report.end:
        return format_date_id(report.start)
    return f"{format_date_id(report.start)} s.d. {format_date_id(report.end)}"


def report_title(report: Report) -> str:
    if report.start == report.end:
        return "Laporan Penerimaan PNBP Harian"
    return "Laporan Penerimaan PNBP Bulanan"


def report_xlsx(report: Report) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Per tarif"
    bold = Font(bold=True)
    sheet.append([report_title(report)])
    sheet["A1"].font = bold
    sheet.append(["Periode", _period_label(report)])
    sheet.append([])
    sheet.append(["Jenis produk", "Item tarif", "Jumlah transaksi", "Penerimaan (Rp)"])
    for cell in sheet[4]:
        cell.font = bold
    for row in report.rows:
        xlsx_append(
            sheet,
            [
                product_type_label(row["product_type"]),
                tariff_item_label(row["tariff_item"]),
                row["count"],
                Decimal(row["amount"]),
            ],
        )
    sheet.append(["Jumlah", "", report.transactions_total, report.total])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for cells in sheet.iter_rows(min_row=5, min_col=4, max_col=4):
        for cell in cells:
            cell.number_format = "#,##0"
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 34
    sheet.column_dimensions["D"].width = 18

    days = book.create_sheet("Per hari")
    days.append(["Tanggal", "Penerimaan (Rp)"])
    for cell in days[1]:
        cell.font = bold
    for row in report.by_day:
        days.append([row["day"], Decimal(row["amount"])])
        days.cell(days.max_row, 1).number_format = "dd/mm/yyyy"
        days.cell(days.max_row, 2).number_format = "#,##0"
    days.column_dimensions["A"].width = 14
    days.column_dimensions["B"].width = 18
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def report_pdf(report: Report, *, treasurer_name: str, on: date, treasurer_nip: str = "") -> bytes:
    rows = [
        (
            product_type_label(r["product_type"]),
            tariff_item_label(r["tariff_item"]),
            r["count"],
            Decimal(r["amount"]),
        )
        for r in report.rows
    ]
    by_type = [
        (product_type_label(r["product_type"]), Decimal(r["amount"]))
        for r in report.by_product_type
    ]
    document = Document(
        title=report_title(report),
        blocks=(
            KeyValues(
                rows=(
                    ("Periode", _period_label(report)),
                    ("Jumlah kuitansi/penerimaan", str(report.receipts_count)),
                )
            ),
            TableBlock(
                header=("Jenis produk", "Item tarif", "Transaksi", "Penerimaan"),
                rows=rows,
                money_columns=frozenset({3}),
                right_columns=frozenset({2}),
                footer=(("Jumlah", "", report.transactions_total, report.total),),
                widths=(0.25, 0.4, 0.12, 0.23),
            ),
            TableBlock(
                header=("Jenis produk", "Penerimaan"),
                rows=by_type,
                money_columns=frozenset({1}),
                footer=(("Jumlah", report.total),),
            ),
            KeyValues(rows=(("Disetor ke kas negara pada periode ini", ""),)),
            TableBlock(
                header=("Uraian", "Jumlah"),
                rows=(("Setoran (ber-NTPN)", report.deposited),),
                money_columns=frozenset({1}),
            ),
            Note(
                "Laporan bulanan disampaikan paling lambat tanggal 10 bulan berikutnya "
                "(laporan pertanggungjawaban bendahara)."
            ),
            Signature(role="Bendahara Penerimaan", name=treasurer_name, nip=treasurer_nip, on=on),
        ),
    )
    return render_pdf(document)
