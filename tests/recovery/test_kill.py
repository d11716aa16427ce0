"""Issue #23, "Recovery": a worker killed with SIGKILL in the middle of the site's work loses
nothing and repeats nothing. Each step runs in a process of its own (``driver.py``: a request
through Django's whole handler as a gunicorn worker serves it, or a management command as the
task worker runs it) on a copy of the test's committed data; the driver pauses right after a
chosen SQL statement, the test kills it there, then retries the step and checks the records:

- a payment notification from SIMPONI/the bank (``/bayar/notifikasi/simponi/``): killed
  inside its transaction, nothing is recorded and the sender's retry is accepted; killed
  after the commit (the answer lost), the retry with a fresh nonce is a duplicate: one payment;
- the kuitansi the bendahara issues: killed before or after the receipt row, one receipt whose
  number is the next of the sequence, and the delivery it triggers is not lost;
- a bank statement import (``manage.py reconcile``): all lines or none, and importing the
  file again adds nothing;
- a PDF prepare (``manage.py import_publications`` with PDFs): each page's PDF is either
  absent or complete, no page is made twice, the import can be run again.

The models are named, not imported from their modules (``driver.model``): the shop's apps are
being re-cut. Runs in the sqlite and the postgres phases."""

from __future__ import annotations

import csv
import hashlib
import hmac
import json
import secrets
import shutil

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from pst import roles
from tests.factories import user_with_role
from tests.factories.billing import billed_order, microdata_with_master
from tests.factories.library import library_structure, sample_pdf

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def signed_headers(body: bytes, nonce: str) -> list[str]:
    """``--header`` arguments of a notification signed as SIMPONI signs it (docs/billing.md:
    HMAC-SHA256 over ``timestamp.nonce.body``)."""
    now = str(int(timezone.now().timestamp()))
    message = f"{now}.{nonce}.".encode() + body
    signature = hmac.new(
        settings.SIMPONI_NOTIFICATION_SECRET.encode(), message, hashlib.sha256
    ).hexdigest()
    headers = {
        "X-Simponi-Timestamp": now,
        "X-Simponi-Nonce": nonce,
        "X-Simponi-Signature": signature,
    }
    return [arg for name, value in headers.items() for arg in ("--header", f"{name}={value}")]


PAYMENTS = """
Payment, Billing = model("Payment"), model("Billing")
billing = Billing.objects.get(code={code!r})
emit({{
    "payments": Payment.objects.filter(billing=billing).count(),
    "nonces": model("NotificationNonce").objects.count(),
    "billing": billing.status,
}})
"""

RECEIPTS = """
Receipt, Payment = model("Receipt"), model("Payment")
payment = Payment.objects.get(ntpn={ntpn!r})
order = payment.invoice.order
emit({{
    "receipts": sorted(Receipt.objects.values_list("number", flat=True)),
    "sequences": sorted(Receipt.objects.values_list("sequence", flat=True)),
    "counter": list(
        model("DocumentSequence").objects.filter(scheme="kuitansi").values_list("last", flat=True)
    ),
    "delivery": model("DeliveryItem").objects.filter(order=order).count(),
    "order": order.status,
}})
"""


def test_payment_notification_and_kuitansi_survive_a_killed_worker(tmp_path, sites):
    # Microdata, so that the kuitansi leads to a delivery file cut from its master.
    order, billing = billed_order(
        products=[microdata_with_master()],
        options={"variables": "region_code,B4K4", "regions": "7315"},
    )
    treasurer = user_with_role(roles.TREASURER)
    site = sites.copy()
    ntpn = secrets.token_hex(8).upper()
    body = json.dumps(
        {
            "billing_code": billing.code,
            "ntpn": ntpn,
            "ntb": "NTB" + ntpn[:6],
            "amount": str(int(billing.amount)),
            "paid_at": timezone.now().isoformat(),
            "bank_code": "BRI",
        }
    ).encode()
    body_file = tmp_path / "notification.json"
    body_file.write_bytes(body)
    # The address the bank is configured with: a contract, so written out, not reversed.
    notify = ["http", "POST", "/bayar/notifikasi/simponi/", "--body", str(body_file)]
    state = PAYMENTS.format(code=billing.code)

    # Killed inside the transaction, right after the payment row: nothing stays, not even the
    # nonce, so the sender's retry of the very same request is accepted.
    first = signed_headers(body, "nonce-first")
    site.killed_at(r'INSERT INTO "\w+_payment"', *notify, *first)
    assert site.eval(state) == {"payments": 0, "nonces": 0, "billing": "unpaid"}

    # Killed after the commit, before the answer left: the payment is recorded once…
    site.killed_at("@end", *notify, *first)
    assert site.eval(state) == {"payments": 1, "nonces": 1, "billing": "paid"}
    # …the same signed request again is a replay (refused, changes nothing), and the sender's
    # retry with a new nonce is told it is a duplicate.
    replay = site.result(*notify, *first)
    assert replay["status"] == 403
    retry = site.result(*notify, *signed_headers(body, "nonce-retry"))
    assert (retry["status"], json.loads(retry["text"])["status"]) == (200, "duplicate")
    assert site.eval(state) == {"payments": 1, "nonces": 2, "billing": "paid"}

    # The bendahara's "issue kuitansi", killed right after the receipt row (and again right
    # after the counter moved): no receipt, no number used.
    payment_pk = site.eval(f"emit(model('Payment').objects.get(ntpn={ntpn!r}).pk)")
    issue = ["http", "POST", reverse("treasury:receipt-issue", args=[payment_pk])]
    issue += ["--user", treasurer.email]
    receipts = RECEIPTS.format(ntpn=ntpn)
    site.killed_at(r'INSERT INTO "\w+_receipt"', *issue)
    before = site.eval(receipts)
    assert before["receipts"] == [] and before["delivery"] == 0
    assert before["counter"] in ([], [0])
    # Killed after the kuitansi committed, while the delivery is being prepared.
    site.killed_at(r'INSERT INTO "\w+_deliveryitem"', *issue)
    # The bendahara presses the button again, and again.
    assert site.result(*issue)["status"] == 302
    assert site.result(*issue)["status"] == 302
    after = site.eval(receipts)
    assert len(after["receipts"]) == 1, after
    assert after["sequences"] == [1] and after["counter"] == [1]
    assert after["delivery"] >= 1 and after["order"] != before["order"], after


STATEMENT = """
StatementLine, StatementFile = model("StatementLine"), model("StatementFile")
emit({
    "files": StatementFile.objects.count(),
    "lines": StatementLine.objects.count(),
    "ntpns": StatementLine.objects.values("ntpn").distinct().count(),
})
"""


def test_statement_import_is_all_or_nothing_under_sigkill(tmp_path, sites):
    treasurer = user_with_role(roles.TREASURER)
    apps.get_model("treasury", "ColumnMapping").objects.create(
        name="Bank Uji",
        billing_code_column="Kode Billing",
        ntpn_column="NTPN",
        amount_column="Jumlah",
        paid_at_column="Tanggal",
    )
    lines = 50
    statement = tmp_path / "mutasi.csv"
    statement.write_text(
        "Kode Billing;NTPN;Jumlah;Tanggal\n"
        + "".join(
            f"8202611160{n:05d};{n:04d}A1B2C3D4E5F6;{n + 1}.000,00;16/11/2026 09:{n:02d}\n"
            for n in range(lines)
        ),
        encoding="utf-8",
    )
    site = sites.copy()
    reconcile = ["call", "reconcile", str(statement), "--bank", "Bank Uji", "--no-progress"]
    reconcile += ["--user", treasurer.email]

    site.killed_at(r'INSERT INTO "\w+_statementline"', *reconcile)
    assert site.eval(STATEMENT) == {"files": 0, "lines": 0, "ntpns": 0}
    # Killed after the import committed, during the reconciliation of its days.
    site.killed_at(r'INSERT INTO "\w+_reconciliationresult"', *reconcile)
    assert site.eval(STATEMENT) == {"files": 1, "lines": lines, "ntpns": lines}
    # Run again in full: every line is known, none is added (the new upload is recorded as a
    # file of its own, with no new line).
    done = site.run(*reconcile)
    assert done.returncode == 0, done.stderr
    assert "0 baru" in done.stdout and f"{lines} sudah pernah diimpor" in done.stdout
    assert site.eval(STATEMENT) == {"files": 2, "lines": lines, "ntpns": lines}


PAGES = """
import hashlib
from pathlib import Path
from pypdf import PdfReader
from pst.storage import private_storage
Page = model("PublicationPage")
store = Path(private_storage().location)
pages = []
for page in Page.objects.order_by("title"):
    entry = {"title": page.title, "pdf": bool(page.pdf)}
    if page.pdf:
        entry["sha256"] = hashlib.sha256(Path(page.pdf.path).read_bytes()).hexdigest()
        master = store / page.master_dir
        entry["master"] = sorted(p.name for p in master.iterdir()) if master.is_dir() else None
    pages.append(entry)
# Every master PDF the import put in the store, referenced or left over, opens whole (the
# masters other tests left in the copied store before this one started are not its own).
broken = []
earlier = set(EARLIER)
for path in (store / "masters").rglob("*.pdf") if (store / "masters").is_dir() else []:
    if str(path) in earlier:
        continue
    try:
        PdfReader(str(path)).pages[-1]
    except Exception as error:
        broken.append(f"{path}: {error}")
emit({"pages": pages, "broken": broken})
"""

MASTERS = """
from pathlib import Path
from pst.storage import private_storage
masters = Path(private_storage().location) / "masters"
emit(sorted(str(path) for path in masters.rglob("*.pdf")) if masters.is_dir() else [])
"""


def test_pdf_prepare_killed_leaves_each_pdf_absent_or_whole_and_retries(tmp_path, sites):
    library_structure()
    folder = tmp_path / "export"
    folder.mkdir()
    shutil.copy(sample_pdf(), folder / "publikasi.pdf")
    source_hash = hashlib.sha256((folder / "publikasi.pdf").read_bytes()).hexdigest()
    export = folder / "katalog.csv"
    titles = [f"Statistik Uji Pemulihan {n}" for n in range(3)]
    with export.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["title", "rl_date", "pdf"])
        for n, title in enumerate(titles):
            writer.writerow([title, f"2024-0{n + 1}-15", "publikasi.pdf"])
    site = sites.copy()
    run = ["call", "import_publications", str(export), "--pdf-dir", str(folder), "--no-progress"]
    pages = PAGES.replace("EARLIER", repr(site.eval(MASTERS)))

    # Killed during the second row, after its master was moved into the private store and
    # its page row written, before the row's transaction committed.
    site.killed_at(r'INSERT INTO "\w+_publicationpage"', *run, count=2)
    state = site.eval(pages)
    assert state["broken"] == []
    assert [p["title"] for p in state["pages"]] == titles[:1]
    assert all(p["sha256"] == source_hash and p["master"] for p in state["pages"])

    done = site.run(*run)
    assert done.returncode == 0, done.stdout + done.stderr
    done = site.run(*run)
    assert done.returncode == 0, done.stdout + done.stderr
    state = site.eval(pages)
    assert state["broken"] == []
    assert [p["title"] for p in state["pages"]] == titles
    assert all(p["pdf"] and p["sha256"] == source_hash and p["master"] for p in state["pages"])
