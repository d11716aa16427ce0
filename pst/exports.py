"""Officers' CSV and XLSX exports of people's text, safe from formula injection (issue #15, 3).

Free text from the public (survey suggestions, complaint text, names) must never reach a
spreadsheet as a live formula. CSV cells go through ``defusedcsv`` (the maintained escaper),
plus the OWASP rule's leading tab and CR, which defusedcsv leaves alone; XLSX strings are
written as string cells with Excel's quote prefix, so they stay text even when edited.
Data products (microdata deliveries, samples) do not come here: their bytes are what was sold.
"""

from __future__ import annotations

from defusedcsv import csv as defused_csv

__all__ = ["FORMULA_TRIGGERS", "csv_writer", "neutralise", "xlsx_append"]

#: OWASP CSV injection: a cell starting with one of these may be read as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """``value`` as defusedcsv escapes it, with a leading tab or CR quoted as well."""
    if isinstance(value, str) and value[:1] in ("\t", "\r"):
        return "'" + value
    return value


class _SafeWriter:
    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row):
        return self._writer.writerow([neutralise(v) for v in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(stream, **fmtparams) -> _SafeWriter:
    """A ``csv.writer`` over ``stream`` whose cells cannot start a formula."""
    return _SafeWriter(defused_csv.writer(stream, **fmtparams))


def xlsx_append(sheet, row) -> None:
    """``sheet.append(row)``, with every text cell stored as a string, never as a formula."""
    sheet.append(list(row))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
            if cell.value[:1] in FORMULA_TRIGGERS:
                cell.quotePrefix = True
