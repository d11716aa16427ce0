"""The bendahara's journey in chromium (issue #16), from the login page to the treasury they
land on: the kuitansi of a payment the bank confirmed, a bank statement imported (a CSV shaped
like the banks' exports: BOM, semicolons, ``85.000,00``, ``16/11/2026 09:00``) and reconciled,
the exception it raises, the cash book and the monthly report exported."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from pst import roles
from pst.workdays import JAKARTA
from shop.treasury.models import Payment, Receipt, ReconciliationException, StatementLine
from tests.browser.steps import JOURNEY_LANGUAGES, click, tr
from tests.factories import user_with_role
from tests.factories.billing import bank_paid, billed_order, column_mapping


def _rupiah(amount) -> str:
    return f"{amount:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def _statement(rows) -> bytes:
    """A bank's export: UTF-8 with a BOM (Excel), ``;``, CRLF, Indonesian amounts, WIB times."""
    lines = ["Kode Billing;NTPN;NTB;Jumlah;Tanggal Bayar"]
    for code, ntpn, ntb, amount, when in rows:
        lines.append(f"{code};{ntpn};{ntb};{_rupiah(amount)};{when:%d/%m/%Y %H:%M}")
    return b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode()


@pytest.mark.parametrize("language", JOURNEY_LANGUAGES)
def test_bendahara_journey(sign_in, shots, office_afternoon, tmp_path, language):
    treasurer = user_with_role(roles.TREASURER)
    column_mapping("Bank Persepsi Uji", paid_at_column="Tanggal Bayar")
    confirmed, confirmed_billing = billed_order()
    _, unrecorded_billing = billed_order()  # paid at the bank, the notification never came
    paid_at = office_afternoon.astimezone(JAKARTA) - timedelta(hours=3)
    bank_paid(confirmed_billing, ntpn="0A1B2C3D4E5F6G7H", paid_at=paid_at)
    statement = tmp_path / "mutasi-bank-persepsi.csv"
    statement.write_bytes(
        _statement(
            [
                (
                    confirmed_billing.code,
                    "0A1B2C3D4E5F6G7H",
                    "NTB0A1B2C",
                    confirmed_billing.amount,
                    paid_at,
                ),
                (
                    unrecorded_billing.code,
                    "1A1B2C3D4E5F6G7H",
                    "NTB1A1B2C",
                    unrecorded_billing.amount,
                    paid_at + timedelta(hours=1),
                ),
            ]
        )
    )

    page = sign_in(treasurer, shots=shots, language=language)
    assert urlsplit(page.url).path == reverse("treasury:dashboard")

    click(page, ".pst-treasury-nav a[href='/bendahara/pembayaran/']")
    shots(page, "payments")
    click(page, f"[name='issue-{confirmed.current_invoice.number}']")
    receipt = Receipt.objects.get()
    assert receipt.number in page.content()
    shots(page, "kuitansi-issued")

    click(page, "#nav-staff-desks a[href='/bendahara/']")
    click(page, ".pst-treasury-nav a[href='/bendahara/impor/']")
    page.select_option("[name=bank]", "Bank Persepsi Uji")
    page.set_input_files("[name=file]", str(statement))
    shots(page, "import")
    click(page, "#statement-upload button[type=submit]")
    assert page.locator("#lines-new").inner_text().strip() == "2"
    shots(page, "preview")
    click(page, "#confirm-import")
    assert StatementLine.objects.count() == 2
    shots(page, "reconciled")
    assert ReconciliationException.objects.filter(billing_code=unrecorded_billing.code).exists()

    click(page, ".pst-treasury-nav a[href='/bendahara/pengecualian/']")
    assert unrecorded_billing.code in page.content()
    shots(page, "exceptions")

    # the bank's BPN for it, copied by hand, then the exception closed with a note
    click(page, ".pst-treasury-nav a[href='/bendahara/pembayaran/']")
    click(page, "a[href='/bendahara/pembayaran/bpn/']")
    page.fill("[name=billing_code]", unrecorded_billing.code)
    page.fill("[name=ntpn]", "1A1B2C3D4E5F6G7H")
    page.fill("[name=ntb]", "NTB1A1B2C")
    page.fill("[name=amount]", str(unrecorded_billing.amount))
    page.fill("[name=paid_at]", f"{paid_at + timedelta(hours=1):%Y-%m-%dT%H:%M}")
    page.fill("[name=bank_code]", "002")
    shots(page, "bpn")
    click(page, "#content_inner form[method=post] button[type=submit]")
    assert Payment.objects.filter(ntpn="1A1B2C3D4E5F6G7H").exists()
    shots(page, "bpn-recorded")
    click(page, "#nav-staff-desks a[href='/bendahara/']")
    click(page, "#open-exceptions")
    click(page, f"a:has-text('{tr(language, 'paid at the bank, not recorded')}')")
    page.select_option("[name=action]", "payment_confirmed")
    page.fill("[name=note]", "BPN dari bank dicatat manual; notifikasi SIMPONI tidak masuk.")
    click(page, "#resolve-form button[type=submit]")
    assert "BPN dari bank dicatat manual" in page.locator("#resolutions").inner_text()
    shots(page, "exception-resolved")

    click(page, ".pst-treasury-nav a[href='/bendahara/buku-kas/']")
    assert "0A1B2C3D4E5F6G7H" in page.locator("#cashbook").inner_text()
    shots(page, "cash-book")

    click(page, ".pst-treasury-nav a[href='/bendahara/laporan/']")
    shots(page, "report")
    with page.expect_download() as export:
        page.click("#export-xlsx")
    assert export.value.path().read_bytes().startswith(b"PK\x03\x04")
    with page.expect_download() as export:
        page.click("#export-pdf")
    assert export.value.path().read_bytes().startswith(b"%PDF")
