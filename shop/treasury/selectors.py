"""Reads of the treasury (STYLE.md: reads in selectors): the billing records reconciliation
matches against, the exceptions, the cash book with its balances and warnings, and the report
figures.

Reconciliation reads billings and payments through :func:`billing_records` and
:func:`receipt_records`, which turn their rows into the plain records of
:mod:`shop.treasury.matching`. The bendahara's payment desk (issue #8, here since issue #19)
reads its queues at the end: payments awaiting a kuitansi, open payment exceptions, transfer
proofs to check, cash to deposit, and the orders whose invoice lapsed unpaid; last the refund
cases of lines that cannot be delivered (issue #20).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import CharField, Count, Exists, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Cast, Concat, TruncDate
from django.utils import timezone

from pst.calendar import office_calendar
from pst.clock import local_date
from pst.workdays import JAKARTA
from shop.billing.models import Billing, BillingStatus
from shop.order.models import Order
from shop.order.workflow import OrderStatus

from . import cashbook
from .matching import BillingRecord, ReceiptRecord
from .models import (
    Account,
    CashBookEntry,
    CashBookLine,
    EntryKind,
    ExceptionResolution,
    Payment,
    PaymentException,
    PaymentMethod,
    Receipt,
    ReconciliationException,
    RefundCase,
    RefundSettlement,
    ResolutionAction,
    StatementLine,
    TransferProof,
    TransferProofStatus,
)

# --- billings and payments, for reconciliation ---------------------------------------------


def day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """``[start 00:00, end+1 00:00)`` in Asia/Jakarta: the office's days, whatever the server's
    time zone."""
    return (
        datetime.combine(start, time(), tzinfo=JAKARTA),
        datetime.combine(end + timedelta(days=1), time(), tzinfo=JAKARTA),
    )


def billing_records(*, lines, start: date, end: date) -> Iterator[BillingRecord]:
    """The billings a run must know: those named by the ``lines`` (a StatementLine queryset)
    by code or by the NTPN of their payment, and those paid within ``[start, end]`` (for the
    "marked paid, no statement line" list). Streamed in chunks: memory holds the records, not
    the model instances."""
    low, high = day_bounds(start, end)
    payment = Payment.objects.filter(billing=OuterRef("pk"))
    rows = (
        Billing.objects.filter(
            Q(code__in=lines.values("billing_code"))
            | Q(payments__ntpn__in=lines.values("ntpn"))
            | Q(payments__paid_at__gte=low, payments__paid_at__lt=high)
        )
        .annotate(
            paid_ntpn=Subquery(payment.values("ntpn")[:1]),
            payment_at=Subquery(payment.values("paid_at")[:1]),
        )
        .values_list("code", "amount", "expires_at", "status", "paid_ntpn", "payment_at")
        .distinct()
        .order_by("code")
    )
    for code, amount, expires_at, status, paid_ntpn, paid_at in rows.iterator(chunk_size=2000):
        yield BillingRecord(
            code=code,
            amount=Decimal(amount),
            expires_at=expires_at,
            is_paid=status == BillingStatus.PAID,
            paid_ntpn=paid_ntpn or "",
            paid_at=paid_at,
        )


def receipt_records(*, start: date, end: date) -> Iterator[ReceiptRecord]:
    """The current kuitansi (not replaced by a correction) issued within ``[start, end]``.
    Cash and transfers from abroad are held by the bendahara until deposited, so their receipts
    are ``is_cash`` (the cash book's deposit rule watches them, not reconciliation)."""
    low, high = day_bounds(start, end)
    replaced = Receipt.objects.filter(replaces=OuterRef("pk"))
    rows = (
        Receipt.objects.filter(issued_at__gte=low, issued_at__lt=high)
        .exclude(Exists(replaced))
        .values_list("number", "amount", "issued_at", "ntpn", "billing_code", "payment_method")
        .order_by("number")
    )
    for number, amount, issued_at, ntpn, code, method in rows.iterator(chunk_size=2000):
        yield ReceiptRecord(
            number=number,
            amount=Decimal(amount),
            issued_on=local_date(issued_at),
            ntpn=ntpn or "",
            billing_code=code or "",
            is_cash=method in (PaymentMethod.CASH, PaymentMethod.TRANSFER),
        )


def payments_missing_from_cashbook(*, limit: int = 500):
    """Payments with no cash book receipt yet (the payment services enter them through
    :func:`shop.treasury.services.cashbook_record_receipt`; this finds any they could not)."""
    entered = CashBookEntry.objects.filter(
        source_key=Concat(Value("payment:"), Cast(OuterRef("pk"), CharField()))
    )
    return list(
        Payment.objects.exclude(Exists(entered))
        .select_related("invoice", "billing")
        .order_by("paid_at", "pk")[:limit]
    )


# --- statements and exceptions -----------------------------------------------------------------


def statement_lines_in(*, start: date, end: date):
    low, high = day_bounds(start, end)
    return StatementLine.objects.filter(paid_at__gte=low, paid_at__lt=high)


def _latest_action():
    return Subquery(
        ExceptionResolution.objects.filter(exception=OuterRef("pk"))
        .order_by("-resolved_at", "-pk")
        .values("action")[:1]
    )


def exceptions_with_status():
    """Every exception with ``latest_action`` (None when never resolved)."""
    return ReconciliationException.objects.annotate(latest_action=_latest_action())


def open_exceptions():
    """Exceptions never resolved, or whose latest resolution reopened them."""
    return exceptions_with_status().filter(
        Q(latest_action__isnull=True) | Q(latest_action=ResolutionAction.REOPENED)
    )


def open_exception_count() -> int:
    return open_exceptions().count()


def exception_is_open(exception: ReconciliationException) -> bool:
    latest = exception.resolutions.order_by("-resolved_at", "-pk").first()
    return latest is None or latest.action == ResolutionAction.REOPENED


# --- cash book ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BookLine:
    entry: CashBookEntry
    balance: Decimal


def cashbook_rows(*, start: date, end: date, account: str | None = None) -> dict:
    """The Buku Kas Umum (``account`` None) or a subsidiary book for ``[start, end]``: the
    opening balance, each entry with its running balance, and the closing balance."""
    low, high = day_bounds(start, end)
    entries = CashBookEntry.objects.all()
    if account:
        entries = entries.filter(account=account)
    before = entries.filter(occurred_at__lt=low).aggregate(d=Sum("debit"), c=Sum("credit"))
    opening = (before["d"] or Decimal(0)) - (before["c"] or Decimal(0))
    period = list(
        entries.filter(occurred_at__gte=low, occurred_at__lt=high)
        .select_related("recorded_by")
        .order_by("occurred_at", "pk")
    )
    movements = [cashbook.Movement(e, e.occurred_at, e.account, e.debit, e.credit) for e in period]
    rows = [
        BookLine(row.movement.key, opening + row.balance)
        for row in cashbook.running_balances(movements)
    ]
    closing = rows[-1].balance if rows else opening
    return {
        "opening": opening,
        "rows": rows,
        "closing": closing,
        "debit": sum((e.debit for e in period), Decimal(0)),
        "credit": sum((e.credit for e in period), Decimal(0)),
    }


def deposit_warnings(
    *, now: datetime | None = None, calendar=None
) -> list[cashbook.DepositWarning]:
    """Cash receipts not deposited by their deadline (PMK 3/PMK.02/2013), oldest first; the
    calendar is the office's (``pst.calendar.office_calendar``: national holidays and the
    office's cuti bersama)."""
    if calendar is None:
        calendar = office_calendar()
    now = now or timezone.now()
    cash = CashBookEntry.objects.filter(account=Account.CASH).exclude(
        Q(kind=EntryKind.REVERSAL) | Q(reversed_by__isnull=False)
    )
    receipts = [
        cashbook.Movement(e, e.occurred_at, e.account, debit=e.debit)
        for e in cash.filter(kind=EntryKind.RECEIPT)
    ]
    deposits = [
        cashbook.Movement(e, e.occurred_at, e.account, credit=e.credit)
        for e in cash.filter(kind=EntryKind.DEPOSIT)
    ]
    return cashbook.undeposited_cash(receipts, deposits, calendar=calendar, now=now)


# --- reports -------------------------------------------------------------------------------------


@dataclass
class Report:
    """Receipts of a period by product type and tariff item (issue #9, monthly LPJ by the 10th
    of the next month) and per day."""

    start: date
    end: date
    rows: list[dict] = field(default_factory=list)
    by_product_type: list[dict] = field(default_factory=list)
    by_day: list[dict] = field(default_factory=list)
    total: Decimal = Decimal(0)
    deposited: Decimal = Decimal(0)
    receipts_count: int = 0

    @property
    def transactions_total(self) -> int:
        """The sum of the "Transaksi" column: a kuitansi with two tariff lines counts once in
        each line's row, so this is the total row's figure, not ``receipts_count`` (issue #17:
        the total row said 6 where the column summed to 9)."""
        return sum(row["count"] for row in self.rows)


def receipt_lines_in(*, start: date, end: date):
    low, high = day_bounds(start, end)
    return CashBookLine.objects.filter(
        entry__occurred_at__gte=low,
        entry__occurred_at__lt=high,
        entry__kind__in=(EntryKind.RECEIPT, EntryKind.REVERSAL),
    )


def report(*, start: date, end: date) -> Report:
    lines = receipt_lines_in(start=start, end=end)
    result = Report(start=start, end=end)
    result.rows = list(
        lines.values("product_type", "tariff_item")
        .annotate(amount=Sum("amount"), count=Count("entry", distinct=True))
        .order_by("product_type", "tariff_item")
    )
    result.by_product_type = list(
        lines.values("product_type").annotate(amount=Sum("amount")).order_by("product_type")
    )
    per_day: dict[date, Decimal] = defaultdict(Decimal)
    for day, amount in (
        lines.annotate(day=TruncDate("entry__occurred_at", tzinfo=JAKARTA))
        .values("day")
        .annotate(amount=Sum("amount"))
        .values_list("day", "amount")
    ):
        per_day[day] += amount
    result.by_day = [
        {"day": start + timedelta(days=n), "amount": per_day.get(start + timedelta(days=n), 0)}
        for n in range((end - start).days + 1)
    ]
    result.total = sum((row["amount"] for row in result.rows), Decimal(0))
    low, high = day_bounds(start, end)
    result.deposited = CashBookEntry.objects.filter(
        kind=EntryKind.DEPOSIT, occurred_at__gte=low, occurred_at__lt=high
    ).aggregate(total=Sum("credit"))["total"] or Decimal(0)
    result.receipts_count = (
        CashBookEntry.objects.filter(
            kind=EntryKind.RECEIPT, occurred_at__gte=low, occurred_at__lt=high
        )
        .exclude(reversed_by__isnull=False)
        .count()
    )
    return result


def month_bounds(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def chart_bars(
    values: Iterable[tuple[str, Decimal]], *, length: int = 120, step: int = 14
) -> list[dict]:
    """Geometry for an inline SVG bar chart (no chart library: the staff pages need no
    JavaScript): per value its label, its bar ``size`` in pixels relative to the largest value
    (at most ``length``), and its ``offset`` along the axis (``step`` apart). ``end`` is where a
    vertical bar starts from the top (``length - size``)."""
    values = list(values)
    top = max((v for _, v in values), default=Decimal(0))
    bars = []
    for index, (label, value) in enumerate(values):
        size = int(length * value / top) if top > 0 else 0
        bars.append(
            {
                "label": label,
                "value": value,
                "size": size,
                "offset": index * step,
                "end": length - size,
            }
        )
    return bars


# --- the payment desk (issue #8) ---------------------------------------------------------------

#: Where an unpaid invoice can lapse (DOMAIN.md: valid for one month): the buyer holds the order.
#: Not while the buyer's correction request is with the officer (the office holds it then).
LAPSING_STATUSES = frozenset(
    {OrderStatus.INVOICED, OrderStatus.REINVOICED, OrderStatus.AWAITING_PAYMENT}
)


def payments_awaiting_receipt() -> QuerySet[Payment]:
    """Confirmed payments without a kuitansi: the bendahara's first queue (step 8)."""
    return (
        Payment.objects.filter(~Exists(Receipt.objects.filter(payment=OuterRef("pk"))))
        .select_related("invoice__order", "billing")
        .order_by("paid_at")
    )


def open_payment_exceptions() -> QuerySet[PaymentException]:
    """Deposits not accepted as payments, not yet resolved (oldest first)."""
    return PaymentException.objects.filter(resolved__isnull=True).order_by("recorded_at")


def pending_transfer_proofs() -> QuerySet[TransferProof]:
    return TransferProof.objects.filter(status=TransferProofStatus.PENDING).select_related(
        "invoice__order", "submitted_by"
    )


def cash_awaiting_deposit() -> QuerySet[Payment]:
    """Cash payments with their deposit deadline, oldest first; the deposits themselves are
    the cash book's (:func:`deposit_warnings`)."""
    return Payment.objects.filter(method=PaymentMethod.CASH, deposit_due_at__isnull=False).order_by(
        "deposit_due_at"
    )


def recent_receipts(limit: int = 50) -> QuerySet[Receipt]:
    return Receipt.objects.select_related("invoice__order").order_by("-issued_at")[:limit]


def receipt_for_verification(token: str) -> Receipt | None:
    return Receipt.objects.filter(verification_token=token).select_related("replaced_by").first()


def current_payment(invoice) -> Payment | None:
    return Payment.objects.filter(invoice=invoice).first() if invoice else None


def orders_with_lapsed_invoice(*, today: date) -> QuerySet[Order]:
    """Orders whose invoice lapsed unpaid (DOMAIN.md: valid for one month), the candidates of
    ``services.invoices_expire``: still invoiced, re-invoiced or awaiting payment (not while the
    buyer's correction request is with the officer), the invoice in force ended before
    ``today`` and bills a positive total, no payment on any of the order's invoices, and no
    transfer proof waiting for the bendahara."""
    lapsed = Order.objects.filter(
        status__in=sorted(LAPSING_STATUSES),
        invoices__voided_at__isnull=True,
        invoices__valid_until__lt=today,
        invoices__total__gt=0,
    )
    return (
        lapsed.exclude(Exists(Payment.objects.filter(invoice__order=OuterRef("pk"))))
        .exclude(
            Exists(
                TransferProof.objects.filter(
                    invoice__order=OuterRef("pk"), status=TransferProofStatus.PENDING
                )
            )
        )
        .distinct()
        .order_by("pk")
    )


# --- refund cases (issue #20) ------------------------------------------------------------------


def refund_cases_for(order) -> dict[int, RefundCase]:
    """The order's refund cases by order line id, each with its settlement (or none): what the
    buyer's and the officer's order pages show per line ("being refunded", "refunded")."""
    cases = RefundCase.objects.filter(order=order).select_related("settled_by", "line")
    return {case.line_id: case for case in cases}


def open_refund_cases() -> QuerySet[RefundCase]:
    """Cases whose money is still owed to the buyer, oldest first (the bendahara's queue)."""
    return (
        RefundCase.objects.filter(settled_by__isnull=True)
        .select_related("order__user", "line", "payment")
        .order_by("opened_at", "pk")
    )


def refund_cases_listed() -> QuerySet[RefundCase]:
    """Every case for the bendahara's list: the open ones first, then the settled ones, each
    group oldest first."""
    settled = Exists(RefundSettlement.objects.filter(case=OuterRef("pk")))
    return (
        RefundCase.objects.annotate(is_settled=settled)
        .select_related("order__user", "line", "payment", "settled_by", "opened_by")
        .order_by("is_settled", "opened_at", "pk")
    )
