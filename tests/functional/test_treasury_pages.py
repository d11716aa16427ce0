"""The bendahara's pages through the test client (issue #9): only the Bendahara role (and
superusers) reaches them; upload -> preview -> confirm imports and reconciles; a broken file is
refused with its line number and nothing imported; exceptions are resolved with a note; the
cash book takes a deposit; reports export as XLSX and PDF; ``manage.py reconcile`` runs the
same import."""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import load_workbook

from pst import roles
from pst.workdays import JAKARTA
from shop.treasury import services
from shop.treasury.models import (
    Account,
    CashBookEntry,
    ColumnMapping,
    ExceptionResolution,
    ReconciliationException,
    ResolutionAction,
    StatementFile,
    StatementLine,
)
from tests.factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db

PAGES = [
    "/bendahara/",
    "/bendahara/impor/",
    "/bendahara/pengecualian/",
    "/bendahara/buku-kas/",
    "/bendahara/laporan/",
    "/bendahara/laporan/?hari=2026-11-20",
    "/bendahara/pemetaan-kolom/",
]

GOOD = (
    "Kode Billing;NTPN;Jumlah;Tanggal\n"
    "820261116000001;0A1B2C3D4E5F6G7H;50.000,00;16/11/2026 09:00\n"
    "820261116000002;1A1B2C3D4E5F6G7H;1.250.000,00;16/11/2026 10:30\n"
)


@pytest.fixture
def treasurer():
    return user_with_role(roles.TREASURER)


@pytest.fixture
def mapping():
    return ColumnMapping.objects.create(
        name="Bank Uji",
        billing_code_column="Kode Billing",
        ntpn_column="NTPN",
        amount_column="Jumlah",
        paid_at_column="Tanggal",
    )


@pytest.mark.parametrize("url", PAGES)
def test_only_the_bendahara_reaches_the_pages(client, mapping, url):
    assert client.get(url).status_code == 302  # anonymous: to the login page
    for role in (roles.OFFICER, roles.LIBRARIAN, roles.HEAD_OF_OFFICE):
        client.force_login(user_with_role(role))
        assert client.get(url).status_code == 403, role
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(user_with_role(roles.TREASURER))
    assert client.get(url).status_code == 200
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(url).status_code == 200


def test_officer_cannot_post_an_import(client, mapping):
    client.force_login(user_with_role(roles.OFFICER))
    upload = SimpleUploadedFile("m.csv", GOOD.encode())
    response = client.post("/bendahara/impor/", {"bank": "Bank Uji", "file": upload})
    assert response.status_code == 403
    assert StatementLine.objects.count() == 0


def test_upload_preview_confirm(client, treasurer, mapping):
    client.force_login(treasurer)
    upload = SimpleUploadedFile("mutasi.csv", b"\xef\xbb\xbf" + GOOD.encode())
    preview = client.post("/bendahara/impor/", {"bank": "Bank Uji", "file": upload})
    assert preview.status_code == 200
    assert b'id="lines-new">2<' in preview.content
    assert StatementLine.objects.count() == 0  # a preview imports nothing
    token = preview.context["token"]
    done = client.post("/bendahara/impor/konfirmasi/", {"token": token}, follow=True)
    assert done.status_code == 200
    assert StatementLine.objects.count() == 2
    assert "treasury/result.html" in [t.name for t in done.templates]
    # Both codes are unknown (no billings): two open exceptions, listed.
    listing = client.get("/bendahara/pengecualian/")
    assert listing.content.count(b"exception-unknown_code") == 2
    # The confirm token is single use.
    again = client.post("/bendahara/impor/konfirmasi/", {"token": token}, follow=True)
    assert StatementLine.objects.count() == 2
    assert again.redirect_chain[-1][0].endswith("/bendahara/impor/")
    # The original is downloadable by the bendahara only.
    statement = StatementFile.objects.get()
    download = client.get(f"/bendahara/mutasi/{statement.pk}/unduh/")
    assert b"".join(download.streaming_content).endswith(GOOD.encode())
    client.force_login(user_with_role(roles.OFFICER))
    assert client.get(f"/bendahara/mutasi/{statement.pk}/unduh/").status_code == 403


def test_broken_file_is_refused_with_its_line(client, treasurer, mapping):
    client.force_login(treasurer)
    broken = GOOD + "820261116000003;2A1B2C3D4E5F6G7H;12,5,0;16/11/2026 11:00\n"
    upload = SimpleUploadedFile("rusak.csv", broken.encode())
    response = client.post("/bendahara/impor/", {"bank": "Bank Uji", "file": upload})
    assert response.status_code == 200
    assert "4: jumlah" in str(response.context["form"].errors["file"])
    assert StatementLine.objects.count() == 0
    not_a_statement = SimpleUploadedFile("foto.xlsx", b"PK\x03\x04 bukan workbook")
    response = client.post("/bendahara/impor/", {"bank": "Bank Uji", "file": not_a_statement})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]


def test_resolve_an_exception_through_the_page(client, treasurer, mapping):
    services.statement_import(file=io.BytesIO(GOOD.encode()), bank="Bank Uji", user=treasurer)
    services.reconcile_run(user=treasurer, statement_file=StatementFile.objects.get())
    exception = ReconciliationException.objects.first()
    client.force_login(treasurer)
    url = f"/bendahara/pengecualian/{exception.pk}/"
    refused = client.post(url, {"action": "refund", "note": ""})
    assert refused.status_code == 200 and ExceptionResolution.objects.count() == 0
    done = client.post(url, {"action": "refund", "note": "Dikembalikan ke penyetor."}, follow=True)
    assert done.status_code == 200
    assert ExceptionResolution.objects.get().resolved_by == treasurer
    assert b"exception-unknown_code" in client.get("/bendahara/pengecualian/?status=all").content
    # resolved: the form offers only to reopen it (another action would be refused)
    offered = done.context["form"].fields["action"].choices
    assert [value for value, _label in offered] == [ResolutionAction.REOPENED]


def test_cash_book_deposit_and_reports(client, treasurer):
    services.cashbook_record_income(
        account=Account.CASH,
        received_at=datetime(2026, 11, 2, 9, tzinfo=JAKARTA),
        lines=[services.IncomeLine("data_mikro", "MICRODATA_FIRST_MB", Decimal(20000))],
        description="Tunai KW-1",
        reference="KW-1",
    )
    client.force_login(treasurer)
    page = client.get("/bendahara/buku-kas/?bulan=2026-11")
    assert b"deposit-warning-list" in page.content  # not deposited on the day
    client.post(
        "/bendahara/buku-kas/setor/",
        {
            "account": "cash",
            "amount": "20000",
            "deposited_at": "2026-11-02T15:00",
            "ntpn": "DEPOSIT000000009",
        },
    )
    assert CashBookEntry.objects.filter(kind="deposit", ntpn="DEPOSIT000000009").exists()
    page = client.get("/bendahara/buku-kas/?bulan=2026-11")
    assert b"deposit-warning-list" not in page.content
    xlsx = client.get("/bendahara/laporan/?bulan=2026-11&format=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content))["Per tarif"]
    assert Decimal(sheet.cell(sheet.max_row, 4).value) == Decimal(20000)
    pdf = client.get("/bendahara/laporan/?hari=2026-11-02&format=pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    dashboard = client.get("/bendahara/?bulan=2026-11")
    assert b'id="chart-per-day"' in dashboard.content and b"<rect" in dashboard.content


def test_reconcile_command(tmp_path, treasurer, mapping, capsys):
    path = tmp_path / "mutasi.csv"
    path.write_text(GOOD, encoding="utf-8")
    call_command("reconcile", str(path), bank="Bank Uji", no_progress=True)
    out = capsys.readouterr().out
    assert "2 baru" in out and "unknown_code" in out
    assert StatementLine.objects.count() == 2
    call_command("reconcile", str(path), bank="Bank Uji", no_progress=True)
    assert "0 baru" in capsys.readouterr().out
    broken = tmp_path / "rusak.csv"
    broken.write_text(GOOD + "x;y\n", encoding="utf-8")
    with pytest.raises(Exception, match="baris 4"):
        call_command("reconcile", str(broken), bank="Bank Uji", no_progress=True)


def test_save_a_mapping_and_reconcile_a_period(client, treasurer):
    client.force_login(treasurer)
    response = client.post(
        "/bendahara/pemetaan-kolom/",
        {
            "name": "Bank Baru",
            "billing_code_column": "Kode Billing",
            "ntpn_column": "NTPN",
            "amount_column": "Jumlah",
            "paid_at_column": "Tanggal",
            "ntb_column": "",
            "time_column": "",
        },
    )
    assert response.status_code == 302
    assert ColumnMapping.objects.filter(name="Bank Baru").exists()
    services.statement_import(file=io.BytesIO(GOOD.encode()), bank="Bank Baru", user=treasurer)
    response = client.post(
        "/bendahara/rekonsiliasi/", {"start": "2026-11-01", "end": "2026-11-30"}, follow=True
    )
    run = response.context["run"]
    assert (run.period_start.isoformat(), run.period_end.isoformat()) == (
        "2026-11-01",
        "2026-11-30",
    )
    assert run.counts["unknown_code"] == 2
    bad = client.post("/bendahara/rekonsiliasi/", {"start": "2026-11-30", "end": "2026-11-01"})
    assert bad.status_code == 302 and bad["Location"].endswith("/bendahara/pengecualian/")


def test_abandoned_previews_are_pruned(client, treasurer, mapping):
    import os
    import time

    from pst.storage import private_storage

    client.force_login(treasurer)
    client.post(
        "/bendahara/impor/",
        {"bank": "Bank Uji", "file": SimpleUploadedFile("a.csv", GOOD.encode())},
    )
    storage = private_storage()
    (staged,) = storage.listdir(services.STAGING_DIR)[1]
    old = time.time() - 2 * 86400
    os.utime(storage.path(f"{services.STAGING_DIR}/{staged}"), (old, old))
    client.logout()
    client.force_login(treasurer)  # a new session: the first preview is abandoned
    client.post(
        "/bendahara/impor/",
        {"bank": "Bank Uji", "file": SimpleUploadedFile("b.csv", GOOD.encode())},
    )
    remaining = storage.listdir(services.STAGING_DIR)[1]
    assert staged not in remaining and remaining  # the new preview stays


def test_the_report_names_tariff_lines_and_its_total_row_adds_up(client, treasurer):
    """Issue #17: the web report showed ``EPUB_FIRST_50`` and a total of 6 transactions where
    the column summed to 9. A kuitansi with two tariff lines counts once in each line's row; the
    total row is the column's sum and the number of kuitansi is its own line."""
    for reference, lines in (
        ("KW-1", [("publikasi", "EPUB_FIRST_50", 50000), ("publikasi", "EPUB_NEXT_50", 15000)]),
        ("KW-2", [("publikasi", "EPUB_FIRST_50", 50000)]),
    ):
        services.cashbook_record_income(
            account=Account.CASH,
            received_at=datetime(2026, 11, 2, 9, tzinfo=JAKARTA),
            lines=[services.IncomeLine(kind, code, Decimal(n)) for kind, code, n in lines],
            description=f"Tunai {reference}",
            reference=reference,
        )
    client.force_login(treasurer)
    body = client.get("/bendahara/laporan/?bulan=2026-11").content.decode()
    assert "EPUB_FIRST_50" not in body and "EPUB_NEXT_50" not in body
    assert "50 halaman pertama" in body
    assert 'id="report-transactions">3<' in body
    assert 'id="report-receipts">2<' in body
    xlsx = client.get("/bendahara/laporan/?bulan=2026-11&format=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content))["Per tarif"]
    counts = [sheet.cell(row, 3).value for row in range(5, sheet.max_row)]
    assert sheet.cell(sheet.max_row, 3).value == sum(counts) == 3
