"""A kode billing is never orphaned at SIMPONI (issue #15, finding 11).

``billing_issue`` used to call the adapter while holding the invoice's row lock and before the
order's guard on the invoice's validity ran, so an expired invoice got a code at SIMPONI and
then the rollback left it live there with no trace here (the simulator shares the database, so
the suite never saw it). Now every local guard runs before the adapter is asked, the call is
made outside the lock, and ``create_billing`` is idempotent on the invoice number, so a retry
or a racing request gets the same code.

The clock is frozen at hostile instants (docs/testing.md): 00:30 WIB is still the previous day
in UTC, so a check on the UTC date would think an invoice valid on its first expired day. The
instants lie in the future on purpose and name real days.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
import time_machine

from pst.clock import office_today
from pst.workdays import JAKARTA
from shop.billing import services
from shop.billing.models import Billing, SimulatedBilling
from shop.billing.simponi.interface import BillingRequest, SimponiRefused
from shop.billing.simponi.simulator import SimulatorAdapter
from shop.order import services as order_services
from shop.order.models import Invoice
from tests.factories.billing import expire, invoiced_order
from tests.factories.simponi import SPY_PATH, SpyAdapter

pytestmark = pytest.mark.django_db

ISSUED_AT = datetime(2027, 3, 1, 10, 0, tzinfo=JAKARTA)  # the invoice: valid through 1 April


@pytest.fixture
def spy(settings):
    SpyAdapter.reset()
    settings.SIMPONI_ADAPTER = SPY_PATH
    yield SpyAdapter
    SpyAdapter.reset()


def _creates(spy) -> list[BillingRequest]:
    return [request for name, request in spy.calls if name == "create_billing"]


@pytest.mark.parametrize(
    ("moment", "rule"),
    [
        (datetime(2027, 4, 2, 0, 30, tzinfo=JAKARTA), "first expired day, UTC still 1 April"),
        (datetime(2027, 5, 15, 14, 0, tzinfo=JAKARTA), "weeks after the last valid day"),
    ],
)
def test_an_expired_invoice_never_reaches_the_adapter(spy, moment, rule):
    with time_machine.travel(ISSUED_AT, tick=False):
        order = invoiced_order()
    assert order.current_invoice.valid_until.isoformat() == "2027-04-01"
    with time_machine.travel(moment, tick=False):
        assert office_today() > order.current_invoice.valid_until, rule
        with pytest.raises(services.BillingError, match="kedaluwarsa"):
            services.billing_issue(invoice=order.current_invoice, by=order.user)
    assert spy.calls == [], rule
    assert not SimulatedBilling.objects.exists() and not Billing.objects.exists()
    order.refresh_from_db()
    assert order.status == "invoiced"


def test_an_invoice_is_billed_through_its_last_day(spy):
    with time_machine.travel(ISSUED_AT, tick=False):
        order = invoiced_order()
    with time_machine.travel(datetime(2027, 4, 1, 23, 59, tzinfo=JAKARTA), tick=False):
        billing = services.billing_issue(invoice=order.current_invoice, by=order.user)
    assert len(_creates(spy)) == 1 and billing.code == SimulatedBilling.objects.get().code


def test_a_closed_order_never_reaches_the_adapter(spy):
    order = invoiced_order()
    order_services.order_cancel(order=order, actor=order.user, note="Tidak jadi.")
    with pytest.raises(services.BillingError):
        services.billing_issue(invoice=order.current_invoice, by=order.user)
    assert spy.calls == [] and not SimulatedBilling.objects.exists()


def test_a_reissue_for_an_expired_invoice_never_asks_for_a_new_code(spy):
    with time_machine.travel(ISSUED_AT, tick=False):
        order = invoiced_order()
        billing = services.billing_issue(invoice=order.current_invoice, by=order.user)
    with time_machine.travel(datetime(2027, 4, 2, 0, 30, tzinfo=JAKARTA), tick=False):
        expire(billing)
        spy.reset()
        with pytest.raises(services.BillingError, match="kedaluwarsa"):
            services.billing_reissue(billing=billing, by=order.user)
    assert _creates(spy) == []
    billing.refresh_from_db()
    assert billing.status == "unpaid" and Billing.objects.count() == 1


# --- the adapter contract: idempotent on the invoice number ------------------------------------


def _request(reference="INV/TEST/0001", amount=Decimal(150000), days=7) -> BillingRequest:
    from django.utils import timezone

    return BillingRequest(
        reference=reference,
        payer_name="Pembeli Uji",
        amount=amount,
        description="PNBP uji",
        account_code="425411",
        expires_at=timezone.now() + timedelta(days=days),
    )


def test_a_retry_with_the_same_invoice_number_returns_the_same_code():
    adapter = SimulatorAdapter()
    first = adapter.create_billing(_request())
    retry = adapter.create_billing(_request())  # a timeout retried: new expires_at, same invoice
    assert retry == first
    assert SimulatedBilling.objects.count() == 1
    other = adapter.create_billing(_request(reference="INV/TEST/0002"))
    assert other.code != first.code


def test_a_retry_with_another_amount_is_refused():
    adapter = SimulatorAdapter()
    adapter.create_billing(_request())
    with pytest.raises(SimponiRefused):
        adapter.create_billing(_request(amount=Decimal(160000)))
    assert SimulatedBilling.objects.count() == 1


def test_after_expiry_the_same_invoice_number_gets_a_new_code():
    adapter = SimulatorAdapter()
    first = adapter.create_billing(_request())
    SimulatedBilling.objects.filter(code=first.code).update(
        expires_at=first.issued_at - timedelta(minutes=1)
    )
    second = adapter.create_billing(_request())
    assert second.code != first.code
    assert SimulatedBilling.objects.get(code=first.code).superseded_at is not None
    assert adapter.create_billing(_request()).code == second.code


def test_two_racing_issues_make_one_code(spy):
    """The second request runs while the first waits for SIMPONI (its lock released): both
    get the same code and one billing is recorded."""
    order = invoiced_order()
    invoice = Invoice.objects.get(pk=order.current_invoice.pk)
    racer: list[Billing] = []
    spy.meanwhile = lambda: racer.append(services.billing_issue(invoice=invoice, by=order.user))
    billing = services.billing_issue(invoice=invoice, by=order.user)
    assert racer == [billing]
    assert len(_creates(spy)) == 2
    assert Billing.objects.count() == 1 and SimulatedBilling.objects.count() == 1
    order.refresh_from_db()
    assert order.status == "awaiting_payment"
