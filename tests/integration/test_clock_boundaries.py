"""The office's day at the hostile instants (issue #14, STYLE.md habit 14).

Each row freezes the clock at an instant where the UTC date and the office's (WIB) date differ,
or where a month, a leap month or a year ends, and runs the real service: the invoice's "valid
one month", the kuitansi number "per year", the invoice lapse, the cash deposit deadline, the
working-day clock before a weekend and a collective leave, and the monthly treasury report.
From 00:00 to 07:00 WIB the UTC date is still yesterday; a service that took ``.date()`` of an
aware UTC moment fails the rows marked "00:01".

The instants lie in the future on purpose (frozen, they never depend on the day the suite runs);
they name real calendar days (31 January, 29 February 2028, 31 December).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine

from pst import roles
from pst.clock import local_date, office_today
from pst.models import OfficeDay, OfficeDayKind
from pst.workdays import JAKARTA
from shop.billing.simponi.interface import PaymentConfirmation
from shop.order.models import Invoice
from shop.treasury import selectors as treasury_selectors
from shop.treasury import services as billing_services
from shop.treasury.models import PaymentSource
from tests.factories import user_with_role
from tests.factories.billing import billed_order, invoiced_order

pytestmark = pytest.mark.django_db


def wib(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=JAKARTA)


def frozen(moment: datetime):
    return time_machine.travel(moment, tick=False)


# --- the helper itself ---------------------------------------------------------------------


class _Office:
    def __init__(self, time_zone: str) -> None:
        self.time_zone = time_zone


@pytest.mark.parametrize(
    ("utc", "zone", "expected"),
    [
        ("2026-12-31T16:59:00+00:00", None, date(2026, 12, 31)),  # 23:59 WIB
        ("2026-12-31T17:01:00+00:00", None, date(2027, 1, 1)),  # 00:01 WIB, UTC still 31 Dec
        ("2028-02-28T17:30:00+00:00", None, date(2028, 2, 29)),  # leap day begins in WIB
        ("2027-01-31T15:30:00+00:00", "Asia/Makassar", date(2027, 1, 31)),  # 23:30 WITA
        ("2027-01-31T15:30:00+00:00", "Asia/Jayapura", date(2027, 2, 1)),  # 00:30 WIT (Sorong)
    ],
)
def test_office_today_is_the_office_s_local_date(utc, zone, expected):
    office = _Office(zone) if zone else None
    with frozen(datetime.fromisoformat(utc)):
        assert office_today(office) == expected


# --- invoice: valid one calendar month from the office's day of issue -----------------------


@pytest.mark.parametrize(
    ("issued", "valid_until"),
    [
        pytest.param(wib(2027, 1, 31, 23, 59), date(2027, 2, 28), id="31-jan-23:59-clamped"),
        pytest.param(wib(2027, 2, 1, 0, 1), date(2027, 3, 1), id="1-feb-00:01-utc-still-31-jan"),
        pytest.param(wib(2028, 1, 31, 0, 1), date(2028, 2, 29), id="31-jan-00:01-leap-year"),
        pytest.param(wib(2028, 2, 29, 6, 59), date(2028, 3, 29), id="29-feb-06:59"),
        pytest.param(wib(2027, 12, 31, 23, 59), date(2028, 1, 31), id="31-dec-23:59"),
    ],
)
def test_invoice_is_valid_one_month_from_the_local_day(issued, valid_until):
    with frozen(issued):
        order = invoiced_order()
    invoice = order.current_invoice
    assert local_date(invoice.issued_at) == issued.date()
    assert invoice.valid_until == valid_until
    assert str(issued.year) in invoice.number


@pytest.mark.parametrize(
    ("now", "lapses"),
    [
        pytest.param(wib(2027, 3, 1, 23, 59), False, id="last-valid-day-23:59"),
        pytest.param(wib(2027, 3, 2, 0, 1), True, id="next-day-00:01-utc-still-valid-day"),
    ],
)
def test_an_invoice_lapses_at_the_office_s_midnight(now, lapses):
    with frozen(wib(2027, 2, 1, 10)):
        order = invoiced_order()
    assert order.current_invoice.valid_until == date(2027, 3, 1)
    with frozen(now):
        billing_services.invoices_expire()
    order.refresh_from_db()
    assert (order.status == "cancelled") is lapses, order.status
    assert Invoice.objects.get(order=order).valid_until == date(2027, 3, 1)


# --- kuitansi: numbered per office and per local year ---------------------------------------


def _paid(when: datetime):
    with frozen(when):
        _, billing = billed_order()
        result = billing_services.payment_confirm(
            confirmation=PaymentConfirmation(
                billing_code=billing.code,
                ntpn=f"N{when:%Y%m%d%H%M}{billing.pk:02d}"[:16].ljust(16, "0"),
                ntb="NTB000001",
                amount=billing.amount,
                paid_at=when,
            ),
            source=PaymentSource.NOTIFICATION,
        )
    assert result.accepted
    return result.payment


def test_the_kuitansi_number_follows_the_office_s_new_year():
    treasurer = user_with_role(roles.TREASURER)
    old_year = _paid(wib(2027, 12, 31, 22, 0))
    new_year = _paid(wib(2027, 12, 31, 23, 0))
    with frozen(wib(2027, 12, 31, 23, 59)):
        last = billing_services.receipt_issue(payment=old_year, by=treasurer)
    # 00:01 WIB on 1 January is 17:01 UTC on 31 December.
    with frozen(wib(2028, 1, 1, 0, 1)):
        first = billing_services.receipt_issue(payment=new_year, by=treasurer)
    assert (last.year, first.year) == (2027, 2028)
    assert first.sequence == 1
    assert first.number.endswith("/2028") and last.number.endswith("/2027")


def test_the_monthly_report_takes_the_office_s_month():
    """A kuitansi issued at 00:30 WIB on 1 February (UTC: 31 January) is February's."""
    treasurer = user_with_role(roles.TREASURER)
    payment = _paid(wib(2027, 1, 31, 21, 0))
    with frozen(wib(2027, 2, 1, 0, 30)):
        receipt = billing_services.receipt_issue(payment=payment, by=treasurer)
    january = treasury_selectors.month_bounds(2027, 1)
    february = treasury_selectors.month_bounds(2027, 2)

    def numbers(bounds):
        start, end = bounds
        return {r.number for r in treasury_selectors.receipt_records(start=start, end=end)}

    in_jan, in_feb = numbers(january), numbers(february)
    assert receipt.number in in_feb and receipt.number not in in_jan


# --- cash: deposited the same working day (PMK 3/PMK.02/2013) --------------------------------


@pytest.mark.parametrize(
    ("received", "due"),
    [
        pytest.param(wib(2027, 6, 4, 15, 59), wib(2027, 6, 4, 16), id="friday-15:59-same-day"),
        pytest.param(wib(2027, 6, 4, 16, 1), wib(2027, 6, 7, 16), id="friday-16:01-monday"),
        pytest.param(wib(2027, 6, 5, 0, 1), wib(2027, 6, 7, 16), id="saturday-00:01-monday"),
        # Nyepi (Day of Silence) falls on Monday 8 March 2027: the next working day is Tuesday.
        pytest.param(wib(2027, 3, 5, 16, 1), wib(2027, 3, 9, 16), id="friday-before-nyepi"),
    ],
)
def test_cash_deposit_deadline_counts_office_days(received, due):
    treasurer = user_with_role(roles.TREASURER)
    with frozen(received):
        order = invoiced_order()
        payment = billing_services.cash_record(
            invoice=order.current_invoice,
            amount=Decimal(order.current_invoice.total),
            by=treasurer,
        )
    assert payment.deposit_due_at == due


# --- the order's working-day clock ----------------------------------------------------------


def _due(submitted: datetime) -> datetime:
    """The service due moment of an order whose documents were complete at ``submitted`` (the
    officer verifies them at once; the clock counts from the complete request)."""
    with frozen(submitted):
        order = invoiced_order()
    order.refresh_from_db()
    return order.service_due_at


def test_a_request_after_closing_on_friday_starts_on_monday():
    before_closing = _due(wib(2027, 1, 29, 15, 59))
    after_closing = _due(wib(2027, 1, 29, 16, 1))
    monday_morning = _due(wib(2027, 2, 1, 8, 0))
    assert before_closing < after_closing == monday_morning


def test_a_request_on_the_eve_of_a_collective_leave_starts_after_it():
    OfficeDay.objects.create(date=date(2027, 12, 24), kind=OfficeDayKind.CUTI_BERSAMA)
    thursday_evening = _due(wib(2027, 12, 23, 16, 1))
    after_the_leave = _due(wib(2027, 12, 27, 8, 0))
    assert thursday_evening == after_the_leave
