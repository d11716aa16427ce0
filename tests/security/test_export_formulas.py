"""Formula cells in every export (issue #15, finding 3): people's text stays text."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import Workbook, load_workbook

from pst.exports import csv_writer, xlsx_append

ATTACKS = ["=HYPERLINK(\"http://x\",\"klik\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


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
