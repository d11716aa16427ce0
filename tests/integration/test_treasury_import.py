"""Statement import (issue #9 "Done when"): re-importing the same file, a broken line rejecting
the whole file with its line number, mixed formats (CSV ; and , with BOM, XLSX) of the same
payments, the original file kept privately, and the Bendahara-only guard."""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from openpyxl import Workbook

from pst import roles
from pst.workdays import JAKARTA
from shop.treasury import services
from shop.treasury.models import ColumnMapping, StatementFile, StatementLine
from shop.treasury.services import books as book_services
from shop.treasury.statements import StatementError
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

ROWS = [
    ("820261116000001", "0A1B2C3D4E5F6G7H", "NTB001", Decimal("50000"), "16/11/2026 09:00"),
    ("820261116000002", "1A1B2C3D4E5F6G7H", "NTB002", Decimal("1250000"), "16/11/2026 10:30"),
    ("820261117000003", "2A1B2C3D4E5F6G7H", "NTB003", Decimal("70000"), "17/11/2026 14:05"),
]


@pytest.fixture
def treasurer():
    return user_with_role(roles.TREASURER)


@pytest.fixture
def mapping():
    return ColumnMapping.objects.create(
        name="Bank Uji",
        billing_code_column="Kode Billing",
        ntpn_column="NTPN",
        ntb_column="NTB",
        amount_column="Jumlah",
        paid_at_column="Tanggal",
    )


def csv_file(rows=ROWS, *, sep=";", bom=False, broken_at=None) -> io.BytesIO:
    out = [f"Kode Billing{sep}NTPN{sep}NTB{sep}Jumlah{sep}Tanggal"]
    for index, (code, ntpn, ntb, amount, when) in enumerate(rows):
        shown = f"{amount:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
        if sep == ",":
            shown = f'"{shown}"'
        out.append(sep.join((code, ntpn, ntb, shown, when)))
        if broken_at is not None and index == broken_at:
            out.append(sep.join((code, "BAD", ntb, shown, when)))
    data = ("\r\n".join(out) + "\r\n").encode()
    return io.BytesIO((b"\xef\xbb\xbf" if bom else b"") + data)


def xlsx_file(rows=ROWS) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append(["Kode Billing", "NTPN", "NTB", "Jumlah", "Tanggal"])
    for code, ntpn, ntb, amount, when in rows:
        moment = datetime.strptime(when, "%d/%m/%Y %H:%M")
        sheet.append([code, ntpn, ntb, float(amount), moment])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def test_import_stores_lines_and_keeps_the_original(treasurer, mapping):
    upload = csv_file()
    result = services.statement_import(
        file=upload, bank="Bank Uji", user=treasurer, filename="mutasi.csv"
    )
    assert (result.lines_read, result.lines_new) == (3, 3)
    stored = result.statement_file
    assert stored.uploaded_by == treasurer
    assert stored.lines_imported == 3
    assert stored.first_paid_on.isoformat() == "2026-11-16"
    with stored.file.open("rb") as kept:
        assert kept.read() == upload.getvalue()
    with pytest.raises(ValueError):
        stored.file.url  # noqa: B018 - the private store has no public URL
    line = StatementLine.objects.get(ntpn="1A1B2C3D4E5F6G7H")
    assert line.amount == Decimal("1250000")
    assert line.paid_at == datetime(2026, 11, 16, 10, 30, tzinfo=JAKARTA)


def test_reimporting_the_same_file_adds_nothing(treasurer, mapping):
    services.statement_import(file=csv_file(), bank="Bank Uji", user=treasurer)
    again = services.statement_import(file=csv_file(), bank="Bank Uji", user=treasurer)
    assert (again.lines_read, again.lines_new, again.lines_known) == (3, 0, 3)
    assert StatementLine.objects.count() == 3
    assert StatementFile.objects.count() == 2  # every upload is on record


@pytest.mark.parametrize(
    "other",
    [
        lambda: csv_file(sep=",", bom=True),
        lambda: xlsx_file(),
        lambda: csv_file(sep=";", bom=True),
    ],
    ids=["comma-bom", "xlsx", "semicolon-bom"],
)
def test_mixed_formats_of_the_same_payments_are_one_set_of_lines(treasurer, mapping, other):
    services.statement_import(file=csv_file(), bank="Bank Uji", user=treasurer)
    mixed = services.statement_import(file=other(), bank="Bank Uji", user=treasurer)
    assert (mixed.lines_read, mixed.lines_new) == (3, 0)
    extra = [
        ("820261118000009", "9A1B2C3D4E5F6G7H", "NTB009", Decimal("30000"), "18/11/2026 08:00")
    ]
    more = services.statement_import(file=xlsx_file(ROWS + extra), bank="Bank Uji", user=treasurer)
    assert more.lines_new == 1
    assert StatementLine.objects.count() == 4


def _kept_files() -> int:
    kept = Path(settings.PRIVATE_MEDIA_ROOT) / "treasury" / "statements"
    return sum(1 for p in kept.rglob("*") if p.is_file()) if kept.exists() else 0


def test_a_broken_line_rejects_the_whole_file(treasurer, mapping):
    files_before = _kept_files()
    with pytest.raises(StatementError) as caught:
        services.statement_import(file=csv_file(broken_at=1), bank="Bank Uji", user=treasurer)
    assert caught.value.line == 4  # header 1, two good lines, then the broken one
    assert "NTPN" in caught.value.reason
    assert StatementLine.objects.count() == 0
    assert StatementFile.objects.count() == 0
    assert _kept_files() == files_before  # the kept copy went with the rollback


def test_duplicate_lines_across_batches_are_stored_once(treasurer, mapping, monkeypatch):
    monkeypatch.setattr(book_services, "_BATCH", 2)
    rows = ROWS + ROWS[:1] + ROWS[1:2]
    result = services.statement_import(file=csv_file(rows), bank="Bank Uji", user=treasurer)
    assert (result.lines_read, result.lines_new, result.lines_known) == (5, 3, 2)
    assert StatementLine.objects.count() == 3


def test_dry_run_previews_and_writes_nothing(treasurer, mapping):
    result = services.statement_import(
        file=csv_file(), bank="Bank Uji", user=treasurer, dry_run=True
    )
    assert result.lines_new == 3
    assert [line.billing_code for line in result.preview] == [row[0] for row in ROWS]
    assert result.total_amount == Decimal("1370000")
    assert StatementLine.objects.count() == 0
    assert StatementFile.objects.count() == 0


def test_only_the_bendahara_imports(mapping):
    officer = user_with_role(roles.OFFICER)
    with pytest.raises(services.TreasuryError):
        services.statement_import(file=csv_file(), bank="Bank Uji", user=officer)


def test_unknown_mapping_is_refused(treasurer):
    with pytest.raises(services.TreasuryError):
        services.statement_import(file=csv_file(), bank="Bank Lain", user=treasurer)
