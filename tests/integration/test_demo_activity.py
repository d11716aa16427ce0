"""``seed_demo`` fills the bendahara's and the officers' desks (demo/activity.py):
payments through the SIMPONI simulator, cash and its deposit, a transfer proof to check, a
payment exception, kuitansi, a reconciled MPN statement with one unknown code, the Buku Kas
Umum, and the layanan records; running it again creates nothing.

The demo is seeded once for the module inside a transaction that is rolled back at the end,
so the reused test database keeps none of it."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from demo.activity import DEMO_BANK
from layanan.models import (
    Complaint,
    ComplaintStatus,
    Consultation,
    ConsultationMessage,
    ConsultationStatus,
    GuestBookEntry,
    QueueStatus,
    QueueTicket,
    Recommendation,
    RecommendationEvent,
    RecommendationStatus,
    SatisfactionSurvey,
)
from layanan.selectors import ikm_of, published_answers
from pst.models import ServiceRating, User
from shop.billing.models import Billing, SimulatedBilling
from shop.order.models import Order
from shop.order.workflow import OrderStatus
from shop.treasury.models import (
    Account,
    CashBookEntry,
    EntryKind,
    Payment,
    PaymentException,
    PaymentMethod,
    PaymentSource,
    Receipt,
    ReconciliationException,
    ReconciliationResult,
    StatementFile,
    StatementLine,
    TransferProof,
    TransferProofStatus,
)

pytestmark = pytest.mark.django_db

#: What a second ``seed_demo`` must leave exactly as the first left it.
COUNTED = (
    Order,
    Billing,
    SimulatedBilling,
    Payment,
    PaymentException,
    TransferProof,
    Receipt,
    StatementFile,
    StatementLine,
    ReconciliationResult,
    ReconciliationException,
    CashBookEntry,
    Consultation,
    ConsultationMessage,
    Recommendation,
    RecommendationEvent,
    Complaint,
    GuestBookEntry,
    QueueTicket,
    SatisfactionSurvey,
    ServiceRating,
)


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture(scope="module")
def seeded(demo_site_once, django_db_blocker):
    """The demo after one ``seed_demo`` and the counts after a second one."""
    with django_db_blocker.unblock():
        first = _counts()
        call_command("seed_demo", count=6, verbosity=0)
        return {"first": first, "second": _counts()}


def _client_for(client, email: str):
    client.force_login(User.objects.get(email=email))
    return client


def test_orders_reach_the_payment_states_through_billing(seeded):
    buyer = User.objects.get(email="pembeli@pst.demo")
    statuses = set(Order.objects.filter(user=buyer).values_list("status", flat=True))
    # the order desk's states are still there, and the payment states join them
    assert statuses >= {
        OrderStatus.SUBMITTED, OrderStatus.UNDER_REVIEW, OrderStatus.NEEDS_REVISION,
        OrderStatus.VERIFIED, OrderStatus.INVOICED, OrderStatus.CORRECTION_REQUESTED,
        OrderStatus.REINVOICED, OrderStatus.REJECTED, OrderStatus.CANCELLED,
        OrderStatus.AWAITING_PAYMENT, OrderStatus.PAID, OrderStatus.RECEIPT_ISSUED,
        OrderStatus.DELIVERED, OrderStatus.COMPLETED,
    }  # fmt: skip
    past_payment = Order.objects.filter(
        user=buyer,
        status__in=[
            OrderStatus.PAID,
            OrderStatus.RECEIPT_ISSUED,
            OrderStatus.DELIVERED,
            OrderStatus.COMPLETED,
        ],
    )
    for order in past_payment:
        assert Payment.objects.filter(invoice__order=order).count() == 1, order.number
    for order in past_payment.exclude(status=OrderStatus.PAID):
        assert Receipt.objects.filter(invoice__order=order).count() == 1, order.number


def test_kode_billing_payments_came_from_the_simulator(seeded):
    by_billing = Payment.objects.filter(method=PaymentMethod.BILLING)
    assert by_billing.count() >= 3
    for payment in by_billing:
        assert payment.source == PaymentSource.NOTIFICATION
        simulated = SimulatedBilling.objects.get(code=payment.billing.code)
        assert simulated.ntpn == payment.ntpn and simulated.amount == payment.amount


def test_the_bendahara_desk_has_every_queue(seeded, client):
    response = _client_for(client, "bendahara@pst.demo").get(reverse("treasury:payments"))
    assert response.status_code == 200
    context = response.context
    assert len(context["awaiting_receipt"]) == 1
    (exception,) = context["exceptions"]
    assert exception.kind == "amount_mismatch" and exception.expected_amount > exception.amount
    (proof,) = context["proofs"]
    assert proof.status == TransferProofStatus.PENDING
    (cash,) = context["cash"]
    assert cash.deposit_due_at is not None
    numbers = sorted(r.sequence for r in context["receipts"])
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 3


def test_cash_is_deposited_with_an_ntpn(seeded):
    cash = Payment.objects.get(method=PaymentMethod.CASH)
    receipt = CashBookEntry.objects.get(source_key=f"payment:{cash.pk}")
    assert receipt.account == Account.CASH and receipt.debit == cash.amount
    deposit = CashBookEntry.objects.get(account=Account.CASH, kind=EntryKind.DEPOSIT)
    assert deposit.credit == cash.amount and len(deposit.ntpn) == 16
    assert receipt.occurred_at <= deposit.occurred_at <= cash.deposit_due_at


def test_the_statement_is_reconciled_with_one_unknown_code(seeded, client):
    statement = StatementFile.objects.get(bank=DEMO_BANK)
    paid_by_code = Payment.objects.filter(method=PaymentMethod.BILLING).count()
    assert statement.lines_imported == paid_by_code + 1
    run = ReconciliationResult.objects.get(statement_file=statement)
    assert run.lines_matched == paid_by_code
    assert {k: v for k, v in run.counts.items() if v} == {
        "matched": paid_by_code,
        "unknown_code": 1,
    }
    (unknown,) = run.exceptions.all()
    assert not Billing.objects.filter(code=unknown.billing_code).exists()

    client = _client_for(client, "bendahara@pst.demo")
    page = client.get(reverse("treasury:result", args=[run.pk]))
    assert page.status_code == 200 and unknown.billing_code in page.content.decode()
    book = client.get(reverse("treasury:cashbook"))
    assert book.status_code == 200
    assert CashBookEntry.objects.filter(account=Account.BANK).count() == 2 * paid_by_code
    assert client.get(reverse("treasury:dashboard")).status_code == 200


def test_layanan_desks_have_consultations_a_request_a_complaint_and_surveys(seeded, client):
    statuses = set(Consultation.objects.values_list("status", flat=True))
    assert statuses == {
        ConsultationStatus.ANSWERED,
        ConsultationStatus.WAITING,
        ConsultationStatus.CLOSED,
    }
    (published,) = published_answers()
    assert published.status == ConsultationStatus.CLOSED
    public = client.get(reverse("layanan:consultation_list")).content.decode()
    assert published.public_question in public

    (request,) = Recommendation.objects.filter(status=RecommendationStatus.SUBMITTED)
    assert RecommendationStatus.NEEDS_COMPLETION in set(
        request.events.values_list("status", flat=True)
    )
    # and one letter drafted by the officer waits for the kepala's signature
    (letter,) = Recommendation.objects.filter(status=RecommendationStatus.DRAFTED)
    assert letter.letter_text and letter.due_at is not None
    head = _client_for(client, "kepala@pst.demo")
    desk = head.get(reverse("layanan:staff_recommendations"), {"status": "draf_surat"})
    assert letter.number in desk.content.decode()
    head.logout()

    (complaint,) = Complaint.objects.all()
    assert complaint.status == ComplaintStatus.VERIFIED and complaint.tracking_code
    track = client.get(reverse("layanan:complaint_track"), {"kode": complaint.tracking_code})
    assert complaint.tracking_code in track.content.decode()

    assert GuestBookEntry.objects.count() == 3
    assert set(QueueTicket.objects.values_list("status", flat=True)) == {QueueStatus.SERVED}
    result = ikm_of()
    assert result is not None and result.respondents == SatisfactionSurvey.objects.count() >= 5
    staff = _client_for(client, "petugas@pst.demo")
    for name in ("staff_skm", "staff_consultations", "staff_recommendations", "staff_queue"):
        assert staff.get(reverse(f"layanan:{name}")).status_code == 200, name


def test_a_second_run_creates_nothing(seeded):
    assert seeded["second"] == seeded["first"]
