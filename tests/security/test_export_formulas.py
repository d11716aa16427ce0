"""Formula cells in every export (issue #15, finding 3): people's text stays text."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import Workbook, load_workbook

from pst.exports import csv_writer, xlsx_append

ATTACKS = ['=HYPERLINK("http://x","klik")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("payload", ATTACKS)
def test_csv_cell_cannot_start_a_formula(payload):
    out = io.StringIO()
    csv_writer(out).writerow([payload, "Budi"])
    cell = next(csv.reader(io.StringIO(out.getvalue())))[0]
    assert cell.startswith("'")


def test_csv_keeps_plain_text_and_numbers():
    out = io.StringIO()
    csv_writer(out).writerow(["Budi", -5, "-5"])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ["Budi", "-5", "-5"]


@pytest.mark.parametrize("payload", ATTACKS)
def test_xlsx_text_is_a_string_cell(payload):
    book = Workbook()
    xlsx_append(book.active, [payload, 3])
    out = io.BytesIO()
    book.save(out)
    cell = load_workbook(io.BytesIO(out.getvalue())).active["A1"]
    assert cell.data_type == "s"
    assert cell.value in (payload, payload.replace("\r", "\n"))


def test_survey_exports_keep_suggestions_as_text():
    from layanan import reports

    out = io.StringIO()
    reports_writer = csv_writer(out)
    reports_writer.writerows([["=cmd|' /C calc'!A0"]])
    assert out.getvalue().startswith("'=") or out.getvalue().startswith("\"'=")
    assert reports.csv_writer is csv_writer


def test_library_download_report_keeps_titles_as_text():
    """A publication title is typed by a librarian or imported from an office's sheet; the
    download report's CSV wrote it as it came (failed before: ``=HYPERLINK`` stayed live)."""
    from datetime import date

    from library import reports

    out = io.StringIO()
    row = reports.ReportRow(label=ATTACKS[0], downloads=3, readers=2)
    period = reports.Period(date(2026, 1, 1), date(2026, 1, 31))
    reports.write_csv(out, "publication", [row], period)
    cells = list(csv.reader(io.StringIO(out.getvalue())))
    assert cells[1][0].startswith("'=")
    assert cells[1][1:] == ["3", "2"]


def test_import_report_keeps_titles_and_reasons_as_text():
    """The importer's line-by-line report repeats the rows' titles (failed before)."""
    from library.importer import ImportReport, RowOutcome

    report = ImportReport(
        outcomes=[RowOutcome(line=2, status="rejected", title="@SUM(A1)", reason="-1 bukan ISSN")]
    )
    out = io.StringIO()
    report.write_csv(out)
    cells = list(csv.reader(io.StringIO(out.getvalue())))[1]
    assert cells[2].startswith("'@") and cells[5].startswith("'-")
