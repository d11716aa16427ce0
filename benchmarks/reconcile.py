"""Statement import and matching against a bare csv-module parse of the same file (issue #9).

Generates 100.000 billings and a bank statement of 100.000 lines (Indonesian formats: `;`
separated, UTF-8 BOM, ``1.250.000,00`` amounts, ``20/11/2026 10:15`` dates) in which 1% of the
lines are each of: amount differs, unknown code, paid after expiry, duplicate payment; 1% of the
billings are marked paid with no statement line and 1% of the receipts have no payment. Then, in
the same run, medians over the repetitions of:

  parse    csv.reader over the file, every row consumed (the baseline)
  import   shop.treasury.statements.iter_statement: sniff, decode, validate every field, parse
           amounts and dates
  match    import + shop.treasury.matching.Matcher for every line + the reverse lists

and the ratios import/parse and match/parse (target: match within 10x parse). Times are the
process's CPU time (time.process_time), so other work on a shared machine does not count.
Memory: the tracemalloc peak of import + match over statements of 10.000 and 100.000 lines
with the same billings already loaded, which must not grow with the file beyond the billings
it holds.

The database step of the import (insert of new lines, one query per batch) is not in the
figure: it is the database's cost and depends on the engine, not on this code.

    .venv/bin/python benchmarks/reconcile.py [--billings N] [--repeat R]
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import random
import statistics
import sys
import time
import tracemalloc
from collections import Counter
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from pst.money import format_rupiah  # noqa: E402
from pst.workdays import JAKARTA  # noqa: E402
from shop.treasury.matching import (  # noqa: E402
    BillingRecord,
    Matcher,
    ReceiptRecord,
)
from shop.treasury.statements import ColumnMapping, iter_statement  # noqa: E402

MAPPING = ColumnMapping(
    name="Bank Benchmark",
    billing_code_column="Kode Billing",
    ntpn_column="NTPN",
    ntb_column="NTB",
    amount_column="Nominal",
    paid_at_column="Tanggal Transaksi",
)
START = datetime(2026, 11, 1, 8, tzinfo=JAKARTA)
PERIOD = (date(2026, 11, 1), date(2026, 11, 30))


def _ntpn(n: int) -> str:
    return f"B{n:015d}"


def generate(n_billings: int, n_lines: int, seed: int = 9):
    """Billings, receipts and the statement bytes; 1% of the lines per exception kind."""
    rng = random.Random(seed)
    billings: list[BillingRecord] = []
    receipts: list[ReceiptRecord] = []
    rows: list[tuple[str, str, str, Decimal, datetime]] = []
    pct = max(1, n_lines // 100)
    for n in range(n_billings):
        code = f"8{20261101 + (n % 28):08d}{n:06d}"[:15]
        amount = Decimal(rng.choice((50_000, 65_000, 70_000, 30_000, 12_000_000)))
        issued = START + timedelta(minutes=n % 40_000)
        paid_at = issued + timedelta(hours=2)
        expires = issued + timedelta(days=7)
        unpaid_tail = n >= n_lines  # billings beyond the statement's lines stay unpaid
        paid_without_line = n < pct  # marked paid, but the bank never shows them
        kind = (n // pct) % 100 if n < 6 * pct else 99
        is_paid = not unpaid_tail and kind != 2  # the unknown-code line pays no billing of ours
        billings.append(
            BillingRecord(
                code,
                amount,
                expires,
                is_paid,
                _ntpn(n) if is_paid else "",
                paid_at if is_paid else None,
            )
        )
        if is_paid and not paid_without_line:
            receipts.append(
                ReceiptRecord(
                    f"KW-{n:06d}", amount, paid_at.date(), ntpn=_ntpn(n), billing_code=code
                )
            )
        if unpaid_tail or paid_without_line:
            continue
        line_amount, line_code, line_paid = amount, code, paid_at
        if kind == 1:
            line_amount = amount + 1_000  # amount differs
        elif kind == 2:
            line_code = f"9{n:014d}"  # unknown code, NTPN unknown too
            rows.append((line_code, f"U{n:015d}", f"{n:012d}", line_amount, line_paid))
            continue
        elif kind == 3:
            line_paid = expires + timedelta(hours=1)  # paid after expiry
        elif kind == 4:
            rows.append((code, f"D{n:015d}", f"D{n:011d}", amount, paid_at))  # duplicate
        elif kind == 5:  # a kuitansi whose NTPN no bank reports
            receipts.append(ReceiptRecord(f"KX-{n:06d}", amount, paid_at.date(), ntpn=f"R{n:015d}"))
        rows.append((line_code, _ntpn(n), f"{n:012d}", line_amount, line_paid))
    rows = rows[:n_lines]
    out = io.StringIO()
    out.write("\ufeffKode Billing;NTPN;NTB;Nominal;Tanggal Transaksi\r\n")
    for code, ntpn, ntb, amount, moment in rows:
        out.write(
            f"{code};{ntpn};{ntb};{format_rupiah(amount, with_cents=True, symbol=False)};"
            f"{moment:%d/%m/%Y %H:%M}\r\n"
        )
    return billings, receipts, out.getvalue().encode("utf-8")


def bare_parse(data: bytes) -> int:
    text = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="")
    count = 0
    for _row in csv.reader(text, delimiter=";"):
        count += 1
    return count


def import_only(data: bytes) -> int:
    count = 0
    for _line in iter_statement(io.BytesIO(data), MAPPING):
        count += 1
    return count


def import_and_match(data: bytes, billings, receipts) -> Counter:
    matcher = Matcher(billings, receipts)
    kinds: Counter = Counter()
    for result in matcher.match_all(iter_statement(io.BytesIO(data), MAPPING)):
        kinds[result.kind] += 1
    findings = matcher.finish(period=PERIOD)
    kinds["paid_without_statement"] = len(findings.paid_without_statement)
    kinds["receipt_without_payment"] = len(findings.receipts_without_payment)
    return kinds


def median_seconds(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        started = time.process_time()
        function()
        times.append(time.process_time() - started)
    return statistics.median(times)


def peak_kib(function) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        function()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--billings", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    billings, receipts, data = generate(args.billings, args.billings)
    n_lines = data.count(b"\n") - 1
    print(
        f"{len(billings):,} billings, {len(receipts):,} receipts, statement "
        f"{n_lines:,} lines, {len(data) / 1e6:.1f} MB".replace(",", ".")
    )
    kinds = import_and_match(data, billings, receipts)
    for kind, count in sorted(kinds.items()):
        print(f"  {str(kind):<26} {count:>8,}".replace(",", "."))

    parse_s = median_seconds(lambda: bare_parse(data), args.repeat)
    import_s = median_seconds(lambda: import_only(data), args.repeat)
    match_s = median_seconds(lambda: import_and_match(data, billings, receipts), args.repeat)
    print(f"\nmedians of {args.repeat} runs")
    print(f"  parse (csv module)      {parse_s * 1000:9.0f} ms")
    print(f"  import                  {import_s * 1000:9.0f} ms   {import_s / parse_s:5.1f}x parse")
    print(f"  import + match          {match_s * 1000:9.0f} ms   {match_s / parse_s:5.1f}x parse")
    verdict = "met" if match_s / parse_s <= 10 else "MISSED"
    print(f"  target: import + match within 10x parse: {verdict}")

    # The same billings and receipts against the first tenth of the statement and all of it.
    tenth = b"".join(io.BytesIO(data).readlines()[: args.billings // 10 + 1])
    peak_held = peak_kib(lambda: Matcher(billings, receipts))
    peak_small = peak_kib(lambda: import_and_match(tenth, billings, receipts))
    peak_full = peak_kib(lambda: import_and_match(data, billings, receipts))
    print("\ntracemalloc peak (billing records and file bytes already in memory)")
    print(f"  index of the billings and receipts alone   {peak_held:9.0f} KiB")
    for lines, peak in ((args.billings // 10, peak_small), (args.billings, peak_full)):
        label = "import + match, statement of " + f"{lines:,} lines".replace(",", ".")
        print(f"  {label:<42} {peak:9.0f} KiB")


if __name__ == "__main__":
    main()
