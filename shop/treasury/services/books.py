"""State changes of the treasury (STYLE.md habit 2: one service per change, one transaction,
guards, a record of who did it).

- :func:`statement_import`: read a bank/MPN statement file, refuse it whole at its first bad
  line, store each new line once, keep the original file (issue #9).
- :func:`reconcile_run`: match the statement lines of a period against the billings and
  receipts, record the result and every exception (repeatable: the same data give the same
  result, and a known exception is found again rather than duplicated).
- :func:`exception_resolve`: the bendahara's action and note on an exception (append-only).
- :func:`cashbook_record_receipt`, :func:`cashbook_record_income`,
  :func:`cashbook_record_deposit`, :func:`cashbook_reverse_entry`: the Buku Kas Umum.
  The payment services (:mod:`.payments`) call :func:`cashbook_record_receipt` with each
  confirmed payment, in its transaction (docs/treasury.md).
"""

from __future__ import annotations

import hashlib
import itertools
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import IO

from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from pst import roles
from pst.clock import local_date, office_today
from pst.errors import Refused
from pst.money import format_rupiah
from pst.storage import private_storage
from pst.workdays import JAKARTA
from shop.billing.identifiers import is_valid_ntpn
from shop.pricing.tariffs import SCHEDULES

from .. import selectors
from ..matching import Matcher, MatchKind, StatementEntry
from ..models import (
    Account,
    CashBookEntry,
    CashBookLine,
    ColumnMapping,
    EntryKind,
    ExceptionResolution,
    PaymentMethod,
    ReconciliationException,
    ReconciliationResult,
    ResolutionAction,
    StatementFile,
    StatementLine,
)
from ..statements import StatementError, iter_statement
from ..statements import StatementLine as ParsedLine

__all__ = [
    "ImportResult",
    "StatementError",
    "TreasuryError",
    "cashbook_record_deposit",
    "cashbook_record_income",
    "cashbook_record_receipt",
    "cashbook_reverse_entry",
    "cashbook_sync_payments",
    "exception_resolve",
    "reconcile_run",
    "statement_import",
]

_BATCH = 2000
PREVIEW_LINES = 20


class TreasuryError(Refused):
    """A refused treasury action; ``message`` is shown to the bendahara as it is."""


def _require_treasurer(user) -> None:
    if user is None or not roles.user_has_role(user, roles.TREASURER):
        raise TreasuryError("Hanya Bendahara yang dapat melakukan ini.")


# --- statement import --------------------------------------------------------------------------


@dataclass
class ImportResult:
    """What an import read and did; ``preview`` holds the first lines for the bendahara to
    check before confirming; ``statement_file`` is None on a dry run."""

    bank: str
    lines_read: int = 0
    lines_new: int = 0
    lines_known: int = 0
    total_amount: Decimal = Decimal(0)
    first_paid_at: datetime | None = None
    last_paid_at: datetime | None = None
    preview: list[ParsedLine] = field(default_factory=list)
    statement_file: StatementFile | None = None


def _sha256(file: IO[bytes]) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    file.seek(0)
    for chunk in iter(lambda: file.read(1 << 16), b""):
        digest.update(chunk)
        size += len(chunk)
    file.seek(0)
    return digest.hexdigest(), size


def _known_identities(bank: str, batch: list[ParsedLine]) -> set[tuple]:
    """Which lines of ``batch`` are already stored for ``bank`` (one query per batch)."""
    rows = StatementLine.objects.filter(
        bank=bank,
        ntpn__in={line.ntpn for line in batch},
        billing_code__in={line.billing_code for line in batch},
    ).values_list("billing_code", "ntpn", "amount", "paid_at")
    return {(code, ntpn, Decimal(amount), paid_at) for code, ntpn, amount, paid_at in rows}


def _identity(line: ParsedLine) -> tuple:
    code, ntpn, amount, paid_at = line.identity
    # As the database gives it back: two decimals, and a moment (time zones compare equal).
    return (code, ntpn, amount.quantize(Decimal("0.01")), paid_at)


def statement_import(
    *,
    file: IO[bytes],
    bank: str,
    user,
    dry_run: bool = False,
    filename: str = "",
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Import the statement ``file`` of ``bank`` (a saved :class:`ColumnMapping` name).

    Issue #9: the whole file is refused at its first malformed line (:class:`StatementError`
    with the line number and reason, nothing stored); a line already stored for the bank is
    skipped, so a re-upload is safe; the original file is kept in the private store. With
    ``dry_run`` nothing is written: the result previews what would be imported.
    ``progress(n)`` is called with the number of lines read so far (the command's progress bar).
    """
    _require_treasurer(user)
    mapping_row = ColumnMapping.objects.filter(name=bank).first()
    if mapping_row is None:
        raise TreasuryError(f"Pemetaan kolom untuk {bank!r} belum ada.")
    mapping = mapping_row.as_mapping()
    result = ImportResult(bank=bank)
    statement_file = None
    if not dry_run:
        sha, size = _sha256(file)
        statement_file = StatementFile(
            bank=bank,
            mapping=mapping_row,
            original_name=(filename or getattr(file, "name", "") or "statement")[-200:],
            sha256=sha,
            size=size,
            uploaded_by=user,
        )
        # The original is kept as uploaded (issue #9), before reading, which rewinds it.
        statement_file.file.save(
            statement_file.original_name.rsplit("/", 1)[-1], File(file), save=False
        )
    file.seek(0)
    try:
        _import_lines(
            file=file,
            mapping=mapping,
            statement_file=statement_file,
            result=result,
            progress=progress,
        )
    except BaseException:
        if statement_file is not None:  # nothing was stored: drop the kept copy too
            statement_file.file.delete(save=False)
        raise
    return result


def _import_lines(
    *,
    file: IO[bytes],
    mapping,
    statement_file: StatementFile | None,
    result: ImportResult,
    progress: Callable[[int], None] | None,
) -> None:
    """Read ``file`` and store its new lines under ``statement_file`` (None: count only), in
    one transaction: a malformed line anywhere rolls back everything."""
    bank = result.bank
    with transaction.atomic():
        if statement_file is not None:
            statement_file.save()
        # A payment dated after the office's today cannot have happened (issue #15, finding 12).
        lines = iter_statement(file, mapping, not_after=office_today())
        while batch := list(itertools.islice(lines, _BATCH)):
            # Earlier batches of this file are in the database already (same transaction), so
            # only this batch needs remembering: memory stays flat however long the file.
            known = _known_identities(bank, batch)
            seen: set[tuple] = set()
            new_rows = []
            for line in batch:
                result.lines_read += 1
                result.total_amount += line.amount
                if result.first_paid_at is None or line.paid_at < result.first_paid_at:
                    result.first_paid_at = line.paid_at
                if result.last_paid_at is None or line.paid_at > result.last_paid_at:
                    result.last_paid_at = line.paid_at
                if len(result.preview) < PREVIEW_LINES:
                    result.preview.append(line)
                identity = _identity(line)
                if identity in known or identity in seen:
                    result.lines_known += 1
                    continue
                seen.add(identity)
                result.lines_new += 1
                if statement_file is not None:
                    new_rows.append(
                        StatementLine(
                            statement_file=statement_file,
                            bank=bank,
                            line_number=line.line_number,
                            billing_code=line.billing_code,
                            ntpn=line.ntpn,
                            ntb=line.ntb,
                            amount=line.amount,
                            paid_at=line.paid_at,
                        )
                    )
            if new_rows:
                StatementLine.objects.bulk_create(new_rows)
            if progress is not None:
                progress(result.lines_read)
        if result.lines_read == 0:
            raise StatementError("berkas tidak berisi satu baris pembayaran pun", line=2)
        if statement_file is not None:
            StatementFile.objects.filter(pk=statement_file.pk).update(
                lines_read=result.lines_read,
                lines_imported=result.lines_new,
                first_paid_on=local_date(result.first_paid_at),
                last_paid_on=local_date(result.last_paid_at),
            )
            statement_file.refresh_from_db()
    result.statement_file = statement_file


STAGING_DIR = "treasury/staging"


def staging_prune(*, older_than: timedelta = timedelta(days=1)) -> int:
    """Delete previewed statement files nobody confirmed (the upload page keeps a previewed
    file in the private store under ``treasury/staging/`` until it is confirmed or replaced);
    returns how many were deleted."""
    storage = private_storage()
    if not storage.exists(STAGING_DIR):
        return 0
    cutoff = timezone.now() - older_than
    deleted = 0
    for name in storage.listdir(STAGING_DIR)[1]:
        path = f"{STAGING_DIR}/{name}"
        if storage.get_modified_time(path) < cutoff:
            storage.delete(path)
            deleted += 1
    return deleted


# --- reconciliation --------------------------------------------------------------------------


def _exception_key(kind: MatchKind, subject: str) -> str:
    return f"{kind.value}:{subject}"[:80]


def reconcile_run(
    *,
    user,
    start: date | None = None,
    end: date | None = None,
    statement_file: StatementFile | None = None,
) -> ReconciliationResult:
    """Match the statement lines paid within ``[start, end]`` (default: the dates the
    ``statement_file`` covers) against the billings and kuitansi, and record the result.

    The lines are taken in payment order (then by id), the billings from
    :func:`selectors.billing_records`; the rules are :mod:`shop.treasury.matching`'s. Each
    difference is stored once as a :class:`ReconciliationException` (by kind and subject) and
    linked to this result, so running again finds the same exceptions and keeps their
    resolutions.
    """
    _require_treasurer(user)
    if start is None or end is None:
        if statement_file is None or statement_file.first_paid_on is None:
            raise TreasuryError("Tentukan periode rekonsiliasi.")
        start, end = statement_file.first_paid_on, statement_file.last_paid_on
    if end < start:
        raise TreasuryError("Tanggal akhir sebelum tanggal awal.")
    lines = selectors.statement_lines_in(start=start, end=end)
    matcher = Matcher(
        selectors.billing_records(lines=lines, start=start, end=end),
        selectors.receipt_records(start=start, end=end),
    )
    counts: Counter = Counter()
    matched_amount = Decimal(0)
    found: list[ReconciliationException] = []
    rows = lines.order_by("paid_at", "pk").values_list(
        "pk", "billing_code", "ntpn", "amount", "paid_at"
    )
    entries = (StatementEntry(*row) for row in rows.iterator(chunk_size=_BATCH))
    for outcome in matcher.match_all(entries):
        counts[outcome.kind.value] += 1
        pk, ntpn, amount, paid_at = (
            outcome.entry.key,
            outcome.entry.ntpn,
            outcome.entry.amount,
            outcome.entry.paid_at,
        )
        if outcome.kind is MatchKind.MATCHED:
            matched_amount += amount
            continue
        found.append(
            ReconciliationException(
                kind=outcome.kind.value,
                key=_exception_key(outcome.kind, f"line:{pk}"),
                statement_line_id=pk,
                billing_code=outcome.billing_code,
                ntpn=ntpn,
                amount=amount,
                expected_amount=outcome.expected_amount,
                occurred_at=paid_at,
            )
        )
    reverse = matcher.finish(period=(start, end))
    for billing in reverse.paid_without_statement:
        counts[MatchKind.PAID_WITHOUT_STATEMENT.value] += 1
        found.append(
            ReconciliationException(
                kind=MatchKind.PAID_WITHOUT_STATEMENT.value,
                key=_exception_key(MatchKind.PAID_WITHOUT_STATEMENT, f"billing:{billing.code}"),
                billing_code=billing.code,
                ntpn=billing.paid_ntpn,
                expected_amount=billing.amount,
                occurred_at=billing.paid_at,
            )
        )
    for receipt in reverse.receipts_without_payment:
        counts[MatchKind.RECEIPT_WITHOUT_PAYMENT.value] += 1
        found.append(
            ReconciliationException(
                kind=MatchKind.RECEIPT_WITHOUT_PAYMENT.value,
                key=_exception_key(MatchKind.RECEIPT_WITHOUT_PAYMENT, f"receipt:{receipt.number}"),
                billing_code=receipt.billing_code,
                ntpn=receipt.ntpn,
                receipt_number=receipt.number,
                amount=receipt.amount,
                occurred_at=datetime.combine(receipt.issued_on, datetime.min.time(), JAKARTA),
            )
        )
    with transaction.atomic():
        result = ReconciliationResult.objects.create(
            period_start=start,
            period_end=end,
            run_by=user,
            statement_file=statement_file,
            lines_matched=counts[MatchKind.MATCHED.value],
            amount_matched=matched_amount,
            counts={kind.value: counts[kind.value] for kind in MatchKind},
        )
        for offset in range(0, len(found), _BATCH):
            batch = found[offset : offset + _BATCH]
            # Known exceptions stay as they are (with their resolutions); new ones are added.
            ReconciliationException.objects.bulk_create(batch, ignore_conflicts=True)
            ids = ReconciliationException.objects.filter(
                key__in=[e.key for e in batch]
            ).values_list("pk", flat=True)
            result.exceptions.add(*ids)
    return result


def exception_resolve(
    *, exception: ReconciliationException, user, action: str, note: str
) -> ExceptionResolution:
    """Record what the bendahara did about ``exception`` (issue #9: an action and a note, kept,
    never deleted). An open exception takes any action but "reopened"; a resolved one only
    "reopened" (a second opinion is a new resolution, not an edit)."""
    _require_treasurer(user)
    note = (note or "").strip()
    if not note:
        raise TreasuryError("Catatan wajib diisi.")
    if action not in ResolutionAction.values:
        raise TreasuryError("Tindakan tidak dikenal.")
    with transaction.atomic():
        exception = ReconciliationException.objects.select_for_update().get(pk=exception.pk)
        is_open = selectors.exception_is_open(exception)
        if is_open and action == ResolutionAction.REOPENED:
            raise TreasuryError("Pengecualian ini masih terbuka.")
        if not is_open and action != ResolutionAction.REOPENED:
            raise TreasuryError("Pengecualian ini sudah diselesaikan; buka kembali dahulu.")
        return ExceptionResolution.objects.create(
            exception=exception, action=action, note=note, resolved_by=user
        )


# --- Buku Kas Umum -----------------------------------------------------------------------------


@dataclass(frozen=True)
class IncomeLine:
    """What part of a receipt was for: the rows of the reports."""

    product_type: str
    tariff_item: str
    amount: Decimal
    description: str = ""


def _record(
    *,
    account: str,
    kind: str,
    occurred_at: datetime,
    debit: Decimal = Decimal(0),
    credit: Decimal = Decimal(0),
    description: str,
    reference: str = "",
    ntpn: str = "",
    source_key: str | None = None,
    reverses: CashBookEntry | None = None,
    by=None,
    lines: Iterable[IncomeLine] = (),
) -> CashBookEntry:
    entry = CashBookEntry.objects.create(
        account=account,
        kind=kind,
        occurred_at=occurred_at,
        debit=debit,
        credit=credit,
        description=description[:255],
        reference=reference[:64],
        ntpn=ntpn,
        source_key=source_key,
        reverses=reverses,
        recorded_by=by,
    )
    CashBookLine.objects.bulk_create(
        CashBookLine(
            entry=entry,
            product_type=line.product_type,
            tariff_item=line.tariff_item,
            description=line.description[:255],
            amount=line.amount,
        )
        for line in lines
    )
    return entry


def cashbook_record_income(
    *,
    account: str,
    received_at: datetime,
    lines: list[IncomeLine],
    description: str,
    reference: str = "",
    ntpn: str = "",
    source_key: str | None = None,
    deposited_with_ntpn: str = "",
    by=None,
) -> CashBookEntry:
    """Enter money received in the cash or bank book, split by product type and tariff item.

    ``deposited_with_ntpn``: the money went straight to the state treasury (a kode billing
    payment), so the deposit is entered at the same moment with that NTPN. Idempotent on
    ``source_key``: recording the same source again returns the first entry.
    """
    if account not in Account.values:
        raise TreasuryError("Buku kas tidak dikenal.")
    amount = sum((line.amount for line in lines), Decimal(0))
    if amount <= 0:
        raise TreasuryError("Jumlah penerimaan harus lebih dari nol.")
    if source_key:
        existing = CashBookEntry.objects.filter(source_key=source_key).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            entry = _record(
                account=account,
                kind=EntryKind.RECEIPT,
                occurred_at=received_at,
                debit=amount,
                description=description,
                reference=reference,
                ntpn=ntpn,
                source_key=source_key,
                by=by,
                lines=lines,
            )
            if deposited_with_ntpn:
                _record(
                    account=account,
                    kind=EntryKind.DEPOSIT,
                    occurred_at=received_at,
                    credit=amount,
                    description=f"Setor ke kas negara: {description}",
                    reference=reference,
                    ntpn=deposited_with_ntpn,
                    source_key=f"{source_key}:deposit" if source_key else None,
                    by=by,
                )
    except IntegrityError:
        if source_key:  # a concurrent call recorded it first
            existing = CashBookEntry.objects.filter(source_key=source_key).first()
            if existing is not None:
                return existing
        raise
    return entry


def _product_kinds() -> dict[str, str]:
    return {str(item.code): str(item.product_kind) for s in SCHEDULES for item in s.items}


def income_lines_from_quote(quote: dict, total: Decimal) -> list[IncomeLine]:
    """The tariff lines of an invoice's quote snapshot (``Invoice.quote``: per order line a
    ``quote`` with ``lines`` of tariff code, description and amount), as report lines. Rp0 lines
    are left out (nothing was received); what the lines do not explain is "lainnya", so the
    lines always add up to the money received."""
    kinds = _product_kinds()
    lines: list[IncomeLine] = []
    for order_line in (quote or {}).get("lines", []):
        inner = order_line.get("quote", order_line)
        for tariff_line in inner.get("lines", []):
            amount = Decimal(str(tariff_line.get("amount", "0")))
            if amount <= 0:
                continue
            code = str(tariff_line.get("code", ""))
            lines.append(
                IncomeLine(
                    product_type=kinds.get(code, "lainnya"),
                    tariff_item=code or "lainnya",
                    amount=amount,
                    description=str(tariff_line.get("description", ""))[:255],
                )
            )
    rest = total - sum((line.amount for line in lines), Decimal(0))
    if rest > 0:
        lines.append(IncomeLine("lainnya", "lainnya", rest, "Tidak terinci di invoice"))
    elif rest < 0:  # the snapshot overstates what was paid: keep the payment's amount
        lines = [IncomeLine("lainnya", "lainnya", total, "Rincian invoice tidak cocok")]
    return lines


def cashbook_record_receipt(*, payment, by=None) -> CashBookEntry:
    """Enter a confirmed payment in the Buku Kas Umum (called by
    :func:`.payments._after_payment`, in the payment's transaction).

    - kode billing: the bank book, received and deposited at once with the payment's NTPN
      (the money is in the state treasury already);
    - cash at the counter: the cash book, to be deposited by the deadline
      (PMK 3/PMK.02/2013, :func:`selectors.deposit_warnings`);
    - transfer from abroad: the bank book (the treasurer's account), to be deposited.
    """
    invoice = payment.invoice
    method = payment.method
    account = Account.CASH if method == PaymentMethod.CASH else Account.BANK
    reference = payment.billing.code if payment.billing_id else (payment.reference or "")
    return cashbook_record_income(
        account=account,
        received_at=payment.paid_at,
        lines=income_lines_from_quote(invoice.quote, Decimal(payment.amount)),
        description=f"{payment.get_method_display()} – invoice {invoice.number}",
        reference=reference or invoice.number,
        ntpn=payment.ntpn,
        source_key=f"payment:{payment.pk}",
        deposited_with_ntpn=payment.ntpn if method == PaymentMethod.BILLING else "",
        by=by or payment.recorded_by,
    )


def cashbook_sync_payments(*, by=None) -> int:
    """Enter every billing payment the cash book lacks (idempotent); returns how many."""
    missing = selectors.payments_missing_from_cashbook()
    for payment in missing:
        cashbook_record_receipt(payment=payment, by=by)
    return len(missing)


def _balance(account: str, at: datetime) -> Decimal:
    totals = CashBookEntry.objects.filter(account=account, occurred_at__lte=at).aggregate(
        d=Sum("debit"), c=Sum("credit")
    )
    return (totals["d"] or Decimal(0)) - (totals["c"] or Decimal(0))


def cashbook_record_deposit(
    *,
    account: str,
    amount: Decimal,
    deposited_at: datetime,
    ntpn: str,
    user,
    reference: str = "",
    description: str = "",
) -> CashBookEntry:
    """The bendahara deposited held money (cash, or the treasurer's bank account) to the state
    treasury; the NTPN of the deposit is required (revenue is recognised only with an NTPN,
    DOMAIN.md) and recorded once per book. Refused when more than the book holds at that time."""

    _require_treasurer(user)
    ntpn = (ntpn or "").strip().upper()
    if not is_valid_ntpn(ntpn):
        raise TreasuryError("NTPN harus 16 huruf/angka.")
    amount = Decimal(amount)
    if amount <= 0:
        raise TreasuryError("Jumlah setoran harus lebih dari nol.")
    if account not in Account.values:
        raise TreasuryError("Buku kas tidak dikenal.")
    if deposited_at > timezone.now():
        raise TreasuryError("Tanggal setor tidak boleh di masa depan.")
    with transaction.atomic():
        # One deposit at a time per book: the balance check and the insert must not interleave.
        list(CashBookEntry.objects.select_for_update().filter(account=account)[:1])
        held = _balance(account, deposited_at)
        if amount > held:
            raise TreasuryError(
                f"Setoran {format_rupiah(amount)} melebihi saldo {format_rupiah(held)}."
            )
        if CashBookEntry.objects.filter(
            kind=EntryKind.DEPOSIT, account=account, ntpn=ntpn
        ).exists():
            raise TreasuryError("NTPN ini sudah dicatat sebagai setoran.")
        return _record(
            account=account,
            kind=EntryKind.DEPOSIT,
            occurred_at=deposited_at,
            credit=amount,
            description=description or "Setor ke kas negara",
            reference=reference,
            ntpn=ntpn,
            by=user,
        )


def cashbook_reverse_entry(*, entry: CashBookEntry, user, reason: str) -> CashBookEntry:
    """Correct a wrong entry by a reversing one (the book is append-only): the opposite side,
    the same book, negated report lines, the reason in the description."""
    _require_treasurer(user)
    reason = (reason or "").strip()
    if not reason:
        raise TreasuryError("Alasan koreksi wajib diisi.")
    with transaction.atomic():
        entry = CashBookEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.kind == EntryKind.REVERSAL or hasattr(entry, "reversed_by"):
            raise TreasuryError("Entri ini sudah dikoreksi atau merupakan koreksi.")
        return _record(
            account=entry.account,
            kind=EntryKind.REVERSAL,
            occurred_at=timezone.now(),
            debit=entry.credit,
            credit=entry.debit,
            description=f"Koreksi: {reason}",
            reference=entry.reference,
            reverses=entry,
            by=user,
            lines=[
                IncomeLine(line.product_type, line.tariff_item, -line.amount, line.description)
                for line in entry.lines.all()
            ],
        )
